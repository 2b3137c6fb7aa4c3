// The one Bolt app behind both transports: the Fastify receiver (`POST /slack/events`) and, when
// SLACK_APP_TOKEN is set, Bolt's own Socket Mode receiver. Its listeners turn Bolt's payloads into typed
// commands (command.ts) and ack with what the services answer (interaction-handler.ts).

import { App, LogLevel, type AuthorizeResult, type Logger as BoltLogger, type Receiver } from '@slack/bolt'
import { AppError } from '../../src/domain/errors.ts'
import { parseInteraction, parseSlashCommand, SLASH_COMMAND, type ParseOutcome } from './command.ts'
import type { SlackInteractionHandler, SlackLogger } from './interaction-handler.ts'
import { REPLY_EDITOR_CALLBACK } from './modals.ts'

export interface SlackBoltOptions {
  handler: SlackInteractionHandler
  logger: SlackLogger
  /** The bot token and, once `auth.test` answered, the bot's identity; Bolt builds its listeners' client from it. */
  authorization: () => AuthorizeResult
  /** SLACK_API_URL. */
  apiUrl?: string
}

/** Thrown from a listener so the receiver answers 400 (payload invalid) or 500 (dispatch failed, Slack retries). */
export class SlackAnswerError extends AppError {
  readonly status: 400 | 500
  constructor(status: 400 | 500) {
    super(status === 400 ? 'SLACK_PAYLOAD_INVALID' : 'SLACK_DISPATCH_FAILED', status === 400 ? 'the Slack payload is invalid' : 'the Slack command could not be handled')
    this.status = status
  }
}

/** The app on `receiver`: the HTTP receiver (receiver.ts) or Bolt's SocketModeReceiver (socket-mode.ts). */
export function createSlackBoltApp(options: SlackBoltOptions, receiver: Receiver): App {
  const clientOptions = options.apiUrl ? { slackApiUrl: options.apiUrl } : {}
  const app = new App({
    receiver,
    authorize: async () => options.authorization(),
    clientOptions,
    logger: boltLogger(options.logger),
    logLevel: LogLevel.WARN,
  })
  // Listener failures were logged where they happened; the receiver turns them into the HTTP status.
  app.error(async (error) => {
    throw error
  })

  // Bolt types each listener's ack by payload kind; the body here is what interaction-handler.ts built for it.
  const answer = async (outcome: ParseOutcome, ack: (body?: never) => Promise<void>) => {
    const result = await options.handler.acknowledge(outcome)
    if (result.status !== 200) throw new SlackAnswerError(result.status)
    await ack((result.body ?? undefined) as never)
  }
  app.action({ action_id: /^bb\./ }, async ({ body, ack, context }) => answer(parseInteraction(body, context.retryNum ?? 0), ack))
  app.view(REPLY_EDITOR_CALLBACK, async ({ body, ack, context }) => answer(parseInteraction(body, context.retryNum ?? 0), ack))
  app.command(SLASH_COMMAND, async ({ body, ack, context }) =>
    answer(parseSlashCommand(body as unknown as Record<string, string>, context.retryNum ?? 0), ack),
  )
  return app
}

function boltLogger(logger: SlackLogger): BoltLogger {
  let level = LogLevel.WARN
  const text = (parts: unknown[]) => parts.map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : JSON.stringify(part))).join(' ').slice(0, 500)
  return {
    debug: (...parts) => logger.debug({ source: 'bolt' }, text(parts)),
    info: (...parts) => logger.info({ source: 'bolt' }, text(parts)),
    warn: (...parts) => logger.warn({ source: 'bolt' }, text(parts)),
    error: (...parts) => logger.error({ source: 'bolt' }, text(parts)),
    setLevel: (next) => {
      level = next
    },
    getLevel: () => level,
    setName: () => {},
  }
}
