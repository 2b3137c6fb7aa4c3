import type { FastifyInstance } from 'fastify'
import { slackReceiverPlugin, type SlackPoster } from '../../adapters/slack/index.ts'
import type { Config } from '../config.ts'
import type { UiLanguage } from '../domain/vocabulary.ts'
import type { Logger } from '../logging.ts'
import type { CommandJobData } from '../jobs/command-jobs.ts'
import type { ReplyService } from '../services/reply/index.ts'
import { slackPoster } from './cards.ts'
import { RecentKeys } from './recent-keys.ts'
import { slackDispatcher } from './slack-dispatch.ts'

const SEEN_MAX = 20_000

export interface SlackWiring {
  poster: SlackPoster
  routes(app: FastifyInstance): Promise<void>
}

/**
 * `POST /slack/events`: verified with the signing secret, acknowledged at once, dispatched to the services.
 * Retried deliveries are recognised here (per replica) and, for good, by the services' idempotency keys.
 */
export function wireSlack(
  slack: NonNullable<Config['slack']>,
  logger: Logger,
  services: {
    enqueueCommand: () => ((data: CommandJobData) => Promise<void>) | null
    replies: () => ReplyService | null
    onCallText: () => ((language: UiLanguage) => string) | null
  },
): SlackWiring {
  const poster = slackPoster(slack, logger)
  const seen = new RecentKeys(SEEN_MAX)
  const log = logger.child({ component: 'slack' })
  const dispatch = slackDispatcher({ poster, uiLanguage: 'en', ...services, logger: log })
  return {
    poster,
    routes: async (app) => {
      if (!slack.signingSecret) return
      await app.register(slackReceiverPlugin, {
        signingSecret: slack.signingSecret,
        logger: log,
        dispatch,
        seen: async (key) => seen.seenBefore(key),
        release: async (key) => {
          seen.delete(key)
        },
      })
    },
  }
}
