// Who may act on DingTalk cards, by DingTalk userId (the lists come from the config). Approving or rejecting
// a held reply is a manager's call when a manager list is given.

import type { CardAction } from '../../src/domain/vocabulary.ts'

export interface DingtalkAllowLists {
  /** Agents (and anyone else) allowed to act; absent or null → everyone who can see the card. */
  userIds?: readonly string[] | null
  /** Allowed to approve/reject held replies; absent or null → the same as `userIds`. */
  managerUserIds?: readonly string[] | null
}

const MANAGER_ACTIONS: readonly CardAction[] = ['bb.approve', 'bb.reject']

export function isDingtalkUserAllowed(userId: string, action: CardAction, lists: DingtalkAllowLists): boolean {
  if (userId.trim() === '') return false
  const managers = lists.managerUserIds ?? null
  if (MANAGER_ACTIONS.includes(action) && managers !== null) return managers.includes(userId)
  const users = lists.userIds ?? null
  if (users === null) return true
  return users.includes(userId) || (managers?.includes(userId) ?? false)
}

/** The `authorise` option of the callback handler for these lists. */
export function dingtalkAuthoriser(lists: DingtalkAllowLists): (userId: string, command: { action: CardAction }) => boolean {
  return (userId, command) => isDingtalkUserAllowed(userId, command.action, lists)
}
