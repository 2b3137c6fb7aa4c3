import type { FastifyInstance } from 'fastify'
import { SlackUserGroups } from '../../adapters/slack/user-groups.ts'
import {
  createSlackHttpReceiver,
  SLACK_BODY_LIMIT,
  SLACK_CONTENT_TYPES,
  SLACK_EVENTS_PATH,
  type SlackHttpReceiver,
  startSlackSocketMode,
  SlackInteractionHandler,
  type AuthIdentity,
  type SlackInteractionOptions,
  type SlackPoster,
  type SlackSocketModeConnection,
} from '../../adapters/slack/index.ts'
import type { Config } from '../config.ts'
import { rawBodyRoute } from '../http/routes/raw-body-route.ts'
import type { LiveIntegration } from '../services/readiness.ts'
import { isAppError } from '../domain/errors.ts'
import { slackUserGroupIds, type Person, type RoutingConfig, type TargetConfig } from '../domain/routing/index.ts'
import type { UiLanguage } from '../domain/vocabulary.ts'
import type { Logger } from '../logging.ts'
import { slackPoster } from './cards.ts'
import { RecentKeys } from './recent-keys.ts'
import type { CommandJobData } from '../jobs/command-jobs.ts'
import type { TextNote } from '../services/commands/conversation-commands.ts'
import { slackDispatcher, type SlackDispatchDeps } from './slack-dispatch.ts'

const SEEN_MAX = 20_000
const AUTH_RETRY_MAX_MS = 60_000

export interface SlackWiring {
  poster: SlackPoster
  routes(app: FastifyInstance): Promise<void>
  /** Checks the bot token (`auth.test`) and, with SLACK_APP_TOKEN, opens Socket Mode; both in the background. */
  start(): void
  stop(): Promise<void>
  /** This replica's Socket Mode connection, for /readyz (null without SLACK_APP_TOKEN). */
  live(): LiveIntegration | null
  /** The configured Slack user groups (people given as `S…` ids) the user is in. */
  groupsOf(userId: string): Promise<readonly string[]>
  languageOf: SlackDispatchDeps['languageOf']
  /** Tells the clicker privately that a queued command was refused. */
  tellRefused(data: CommandJobData, message: TextNote): Promise<void>
}

/** The person's own `uiLanguage`, else the Slack channel's from the routing and escalation targets, else English. */
export function slackLanguages(people: readonly Person[], config: { routing: RoutingConfig; escalation?: { targets: readonly TargetConfig[] } | null | undefined }) {
  const byUser = new Map(people.flatMap((person) => (person.slack && person.uiLanguage ? [[person.slack, person.uiLanguage] as const] : [])))
  const targets = [...config.routing.rules.flatMap((rule) => rule.targets), ...config.routing.defaultTargets, ...(config.escalation?.targets ?? [])]
  const byChannel = new Map<string, UiLanguage>()
  for (const target of targets) if (target.platform === 'slack' && target.uiLanguage && !byChannel.has(target.channel)) byChannel.set(target.channel, target.uiLanguage)
  return (channelId: string | null, userId: string): UiLanguage => byUser.get(userId) ?? (channelId ? byChannel.get(channelId) : undefined) ?? 'en'
}

/** `POST /slack/events`: the raw body (the signature covers it exactly) to the receiver's Bolt app. */
export function slackEventsRoute(receiver: SlackHttpReceiver) {
  return rawBodyRoute({ path: SLACK_EVENTS_PATH, contentTypes: SLACK_CONTENT_TYPES, bodyLimit: SLACK_BODY_LIMIT, handle: (raw, headers) => receiver.handle(raw, headers) })
}

/**
 * One Bolt app per transport: `POST /slack/events` verified with the signing secret, and/or Socket Mode when
 * SLACK_APP_TOKEN is set. Clicks are acknowledged at once and dispatched to the services. Retried deliveries
 * are recognised here (per replica) and, for good, by the services' idempotency keys.
 */
export function wireSlack(
  slack: NonNullable<Config['slack']>,
  people: readonly Person[],
  logger: Logger,
  routing: { routing: RoutingConfig; escalation?: { targets: readonly TargetConfig[] } | null | undefined },
  services: Omit<SlackDispatchDeps, 'poster' | 'languageOf' | 'logger' | 'groupsOf'>,
): SlackWiring {
  const poster = slackPoster(slack, logger)
  const seen = new RecentKeys(SEEN_MAX)
  const log = logger.child({ component: 'slack' })
  // People configured as a Slack user group: a click counts as theirs when the clicker is in the group.
  const groupIds = slackUserGroupIds(people)
  const groups = groupIds.length > 0 ? new SlackUserGroups(poster, { groupIds, logger: log }) : null
  const groupsOf = async (userId: string): Promise<readonly string[]> => (groups ? groups.groupsOf(userId) : [])
  const languageOf = slackLanguages(people, routing)
  const dispatch = slackDispatcher({ poster, languageOf, ...services, groupsOf, logger: log })
  const interaction: SlackInteractionOptions = {
    logger: log,
    dispatch,
    seen: async (key) => seen.seenBefore(key),
    release: async (key) => {
      seen.delete(key)
    },
  }
  let identity: AuthIdentity | null = null
  const authorization = () => ({ botToken: slack.botToken, ...(identity ? { botId: identity.botId ?? undefined, botUserId: identity.userId } : {}) })
  const apiUrl = slack.apiUrl ? { apiUrl: slack.apiUrl } : {}
  let socket: SlackSocketModeConnection | null = null
  let authRetry: NodeJS.Timeout | undefined
  let stopped = false

  const checkToken = (delayMs: number) => {
    poster.authTest().then(
      (who) => {
        identity = who
        log.info({ team: who.teamId, botUser: who.userId }, 'Slack bot token accepted')
      },
      (error: unknown) => {
        if (stopped) return
        // A wrong token will not heal by retrying; an outage will.
        if (isAppError(error) && /invalid_auth|not_authed|account_inactive|token_revoked/.test(error.message)) {
          log.error({ code: error.code }, 'Slack refused the bot token (SLACK_BOT_TOKEN): cards cannot be posted')
          return
        }
        log.warn({ err: error, retryInMs: delayMs }, 'Slack auth.test failed, retrying')
        authRetry = setTimeout(() => checkToken(Math.min(delayMs * 2, AUTH_RETRY_MAX_MS)), delayMs)
      },
    )
  }

  return {
    poster,
    groupsOf,
    languageOf,
    tellRefused: async (data, message) => {
      if (!data.replyChannel) return
      const text = languageOf(data.replyChannel, data.userId) === 'zh-CN' ? message.zh : message.en
      await poster.postEphemeral(data.replyChannel, data.userId, text).catch((error: unknown) => {
        log.warn({ err: error }, 'could not tell the Slack user about a refused command')
      })
    },
    routes: async (app) => {
      if (!slack.signingSecret) return
      const receiver = createSlackHttpReceiver({ ...interaction, signingSecret: slack.signingSecret, authorization, ...apiUrl })
      await slackEventsRoute(receiver)(app)
    },
    start: () => {
      checkToken(1_000)
      if (slack.appToken) {
        socket = startSlackSocketMode({ appToken: slack.appToken, handler: new SlackInteractionHandler(interaction), logger: log, authorization, ...apiUrl })
      }
    },
    live: () => (socket ? { name: 'slack-socket-mode', ...socket.health() } : null),
    stop: async () => {
      stopped = true
      clearTimeout(authRetry)
      await socket?.stop()
    },
  }
}
