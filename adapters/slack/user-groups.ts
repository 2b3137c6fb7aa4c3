// Slack user groups (S… ids) named in the config's people: whoever is in the group acts as that person
// (its roles, its name on the cards; the audit keeps the clicker's own user id). Members come from
// usergroups.users.list (scope usergroups:read), cached per group so a click does not wait on Slack each
// time; a failed lookup is not cached and counts as "not a member" (refuse rather than guess).

import type { SlackLogger } from './interaction-handler.ts'

export interface UserGroupSource {
  userGroupMembers(groupId: string): Promise<string[]>
}

export interface SlackUserGroupsOptions {
  /** The group ids the config names; only these are ever looked up. */
  groupIds: readonly string[]
  logger: SlackLogger
  /** How long a group's member list is trusted (default 5 minutes). */
  ttlMs?: number
  now?: () => number
}

export const DEFAULT_USER_GROUP_TTL_MS = 5 * 60_000

export class SlackUserGroups {
  readonly #source: UserGroupSource
  readonly #options: SlackUserGroupsOptions
  readonly #cache = new Map<string, { members: Set<string>; at: number }>()
  readonly #loading = new Map<string, Promise<Set<string> | null>>()

  constructor(source: UserGroupSource, options: SlackUserGroupsOptions) {
    this.#source = source
    this.#options = options
  }

  /** The configured groups `userId` is a member of (empty when there are none or Slack could not say). */
  async groupsOf(userId: string): Promise<string[]> {
    const groups = await Promise.all(this.#options.groupIds.map(async (id) => ((await this.#members(id))?.has(userId) ? id : null)))
    return groups.filter((id): id is string => id !== null)
  }

  async #members(groupId: string): Promise<Set<string> | null> {
    const now = (this.#options.now ?? Date.now)()
    const cached = this.#cache.get(groupId)
    if (cached && now - cached.at < (this.#options.ttlMs ?? DEFAULT_USER_GROUP_TTL_MS)) return cached.members
    const pending = this.#loading.get(groupId)
    if (pending) return pending
    const load = this.#source
      .userGroupMembers(groupId)
      .then((users) => {
        const members = new Set(users)
        this.#cache.set(groupId, { members, at: now })
        return members
      })
      .catch((error: unknown) => {
        this.#options.logger.warn({ groupId, error: (error as { code?: string }).code ?? 'unknown' }, 'could not list a Slack user group; treating the clicker as not a member')
        return cached?.members ?? null
      })
      .finally(() => this.#loading.delete(groupId))
    this.#loading.set(groupId, load)
    return load
  }
}
