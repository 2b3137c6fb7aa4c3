// Slack Web API calls Buyerbridge makes, through @slack/web-api's WebClient (`slackApiUrl` = SLACK_API_URL).
// The WebClient's own retry is off: on a 429 it pauses its whole queue, every channel at once, and retries
// for half an hour. Here a 429 holds only its channel, is retried after Retry-After a few times, and then
// surfaces as SLACK_RATE_LIMITED; other failures are typed (SLACK_API_ERROR with Slack's `error`,
// SLACK_NETWORK). A post whose request may have left is never retried on a network error: that could post
// the card twice.

import { webApi } from '@slack/bolt'
import { AppError } from '../../src/domain/errors.ts'
import type { ModalView, SlackMessage } from './block-kit.ts'
import { ChannelPacer, DEFAULT_PACING, realPacerTimer, type PacerTimer, type PacingPlan } from './channel-pacer.ts'
import type { SlackLogger } from './interaction-handler.ts'
import { typedSlackError } from './slack-errors.ts'

export interface SlackPosterOptions {
  botToken: string
  /** SLACK_API_URL (`http://127.0.0.1:4010/api/`); Slack's own by default. A missing final `/` is added. */
  apiUrl?: string
  logger: SlackLogger
  pacing?: PacingPlan
  /** 429 answers retried per call before SLACK_RATE_LIMITED (default 3). */
  rateLimitRetries?: number
  /** Per request (default 10 s). */
  timeoutMs?: number
  timer?: PacerTimer
}

export interface PostedMessage {
  channel: string
  ts: string
}

export interface AuthIdentity {
  userId: string
  botId: string | null
  teamId: string
  team: string
  url: string
}

type CallResult = Record<string, unknown>

function slackLoggerAdapter(logger: SlackLogger): webApi.Logger {
  const text = (parts: unknown[]) => parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ')
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...parts: unknown[]) => logger.warn({ component: 'slack-web-api' }, text(parts)),
    error: (...parts: unknown[]) => logger.error({ component: 'slack-web-api' }, text(parts)),
    setLevel: () => undefined,
    getLevel: () => webApi.LogLevel.WARN,
    setName: () => undefined,
  }
}

function stringField(result: CallResult, key: string): string {
  const value = result[key]
  if (typeof value !== 'string') {
    throw new AppError('SLACK_API_ERROR', `Slack answered without ${key}`, { error: 'unexpected_response', field: key })
  }
  return value
}

export class SlackPoster {
  readonly #client: webApi.WebClient
  readonly #pacer: ChannelPacer
  readonly #retries: number
  readonly #timer: PacerTimer
  readonly #logger: SlackLogger

  constructor(options: SlackPosterOptions) {
    this.#timer = options.timer ?? realPacerTimer
    this.#logger = options.logger
    this.#retries = options.rateLimitRetries ?? 3
    this.#pacer = new ChannelPacer(options.pacing ?? DEFAULT_PACING, this.#timer)
    this.#client = new webApi.WebClient(options.botToken, {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/` } : {}),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: options.timeoutMs ?? 10_000,
      logger: slackLoggerAdapter(options.logger),
    })
  }

  /** One call, with 429s waited out (`hold` tells the channel's pacer to wait too). */
  async #call(method: string, args: Record<string, unknown>, hold: (ms: number) => void = () => undefined): Promise<CallResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return (await this.#client.apiCall(method, args)) as unknown as CallResult
      } catch (error) {
        const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined
        if (code !== webApi.ErrorCode.RateLimitedError) throw typedSlackError(method, error)
        const retryAfterMs = Math.max(1, (error as webApi.WebAPIRateLimitedError).retryAfter) * 1000
        const channel = typeof args.channel === 'string' ? args.channel : null
        if (attempt >= this.#retries) {
          throw new AppError('SLACK_RATE_LIMITED', `Slack ${method} is rate limited`, { method, channel, retryAfterMs })
        }
        this.#logger.warn({ method, channel, retryAfterMs, attempt }, 'Slack rate limited, waiting Retry-After')
        hold(retryAfterMs)
        await this.#timer.sleep(retryAfterMs)
      }
    }
  }

  #paced(channel: string, method: string, args: Record<string, unknown>): Promise<CallResult> {
    return this.#pacer.run(channel, (hold) => this.#call(method, args, hold))
  }

  async postCard(channel: string, message: SlackMessage): Promise<PostedMessage> {
    const result = await this.#paced(channel, 'chat.postMessage', { channel, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false })
    return { channel: stringField(result, 'channel'), ts: stringField(result, 'ts') }
  }

  async updateCard(channel: string, ts: string, message: SlackMessage): Promise<PostedMessage> {
    const result = await this.#paced(channel, 'chat.update', { channel, ts, text: message.text, blocks: message.blocks })
    return { channel: stringField(result, 'channel'), ts: stringField(result, 'ts') }
  }

  /** A plain line in the card's thread; `broadcast` also shows it in the channel. */
  async postThreadNote(channel: string, threadTs: string, text: string, broadcast = false): Promise<PostedMessage> {
    const result = await this.#paced(channel, 'chat.postMessage', {
      channel,
      thread_ts: threadTs,
      text,
      reply_broadcast: broadcast,
      unfurl_links: false,
      unfurl_media: false,
    })
    return { channel: stringField(result, 'channel'), ts: stringField(result, 'ts') }
  }

  /** Only `user` sees it; used for errors and refusals answering a click. */
  async postEphemeral(channel: string, user: string, text: string, threadTs?: string): Promise<{ messageTs: string }> {
    const result = await this.#call('chat.postEphemeral', { channel, user, text, ...(threadTs ? { thread_ts: threadTs } : {}) })
    return { messageTs: stringField(result, 'message_ts') }
  }

  /** `trigger_id` is valid for 3 s after the click, so this is called straight from the dispatch. */
  async openModal(triggerId: string, view: ModalView): Promise<{ viewId: string }> {
    const result = await this.#call('views.open', { trigger_id: triggerId, view })
    return { viewId: viewIdOf(result) }
  }

  async updateModal(viewId: string, view: ModalView, hash?: string): Promise<{ viewId: string }> {
    const result = await this.#call('views.update', { view_id: viewId, view, ...(hash ? { hash } : {}) })
    return { viewId: viewIdOf(result) }
  }

  /** The user ids in a user group (usergroups.users.list; scope usergroups:read). */
  async userGroupMembers(groupId: string): Promise<string[]> {
    const result = await this.#call('usergroups.users.list', { usergroup: groupId })
    const users = result.users
    if (!Array.isArray(users) || !users.every((user) => typeof user === 'string')) {
      throw new AppError('SLACK_API_ERROR', 'Slack answered without users', { error: 'unexpected_response', field: 'users' })
    }
    return users
  }

  async authTest(): Promise<AuthIdentity> {
    const result = await this.#call('auth.test', {})
    return {
      userId: stringField(result, 'user_id'),
      botId: typeof result.bot_id === 'string' ? result.bot_id : null,
      teamId: stringField(result, 'team_id'),
      team: stringField(result, 'team'),
      url: stringField(result, 'url'),
    }
  }
}

function viewIdOf(result: CallResult): string {
  const view = result.view
  const id = typeof view === 'object' && view !== null ? (view as { id?: unknown }).id : undefined
  if (typeof id !== 'string') throw new AppError('SLACK_API_ERROR', 'Slack answered without a view id', { error: 'unexpected_response' })
  return id
}
