// Posts and updates cards through the SDK Client, inside Feishu's limits: 5 QPS per chat (sends and thread
// replies), 50/s per app, 5 QPS per message for patches (PLATFORM-FACTS §5). Rate-limit answers, 5xx and
// network failures are retried with backoff; creates carry a `uuid`, which Feishu uses to drop duplicates,
// so a retry after a lost answer does not post twice. Patches of one message are coalesced: latest wins.

import { randomUUID } from 'node:crypto'
import { Client, LoggerLevel } from '@larksuiteoapi/node-sdk'
import { AppError } from '../../../src/domain/errors.ts'
import { assertFeishuCardSize } from '../card/size.ts'
import type { FeishuCard } from '../card/types.ts'
import { type FeishuAppConfig, type FeishuLogger, sdkDomain, sdkLoggerBridge } from '../config.ts'
import { classifyFeishuError, feishuBodyError, isRetryable, isTokenInvalid } from './errors.ts'
import { SlidingWindowPacer } from '../../../src/domain/sliding-window-pacer.ts'
import { realSleep } from './rate-limiter.ts'
import { MemoryTokenCache } from './token-cache.ts'

export interface FeishuPosterLimits {
  perChatPerSecond: number
  perAppPerSecond: number
  perMessagePatchPerSecond: number
  /** Added to each one-second window, so clock and network jitter never push us over Feishu's count. */
  safetyMs: number
}

export interface FeishuRetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export interface FeishuPosterOptions extends FeishuAppConfig {
  limits?: Partial<FeishuPosterLimits>
  retry?: Partial<FeishuRetryPolicy>
  /** One HTTP exchange; default 10 s. */
  requestTimeoutMs?: number
}

export interface FeishuPosterDeps {
  sleep?: (ms: number) => Promise<void>
  now?: () => number
  random?: () => number
}

export const DEFAULT_FEISHU_LIMITS: FeishuPosterLimits = { perChatPerSecond: 5, perAppPerSecond: 50, perMessagePatchPerSecond: 5, safetyMs: 100 }
export const DEFAULT_FEISHU_RETRY: FeishuRetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 10_000 }
const KNOWN_CHATS_MAX = 5000

interface PendingPatch {
  card: FeishuCard
  done: Promise<void>
  resolve: () => void
  reject: (error: unknown) => void
}

interface MessageAnswer {
  code?: number
  msg?: string
  data?: { message_id?: string }
}

export class FeishuPoster {
  readonly #client: Client
  readonly #tokens = new MemoryTokenCache()
  readonly #logger: FeishuLogger
  readonly #retry: FeishuRetryPolicy
  readonly #timeoutMs: number
  readonly #sleep: (ms: number) => Promise<void>
  readonly #random: () => number
  readonly #perApp: SlidingWindowPacer
  readonly #perChat: SlidingWindowPacer
  readonly #perMessage: SlidingWindowPacer
  readonly #chatOfMessage = new Map<string, string>()
  readonly #patches = new Map<string, { running: boolean; pending: PendingPatch | null }>()

  constructor(options: FeishuPosterOptions, logger: FeishuLogger, deps: FeishuPosterDeps = {}) {
    this.#logger = logger
    this.#retry = { ...DEFAULT_FEISHU_RETRY, ...options.retry }
    this.#timeoutMs = options.requestTimeoutMs ?? 10_000
    this.#sleep = deps.sleep ?? realSleep
    this.#random = deps.random ?? Math.random
    const limits = { ...DEFAULT_FEISHU_LIMITS, ...options.limits }
    const pacer = (limit: number) =>
      new SlidingWindowPacer({ limit, windowMs: 1000 + limits.safetyMs, sleep: this.#sleep, now: deps.now ?? Date.now })
    this.#perApp = pacer(limits.perAppPerSecond)
    this.#perChat = pacer(limits.perChatPerSecond)
    this.#perMessage = pacer(limits.perMessagePatchPerSecond)
    this.#client = new Client({
      appId: options.appId,
      appSecret: options.appSecret,
      domain: sdkDomain(options.domain),
      cache: this.#tokens,
      logger: sdkLoggerBridge(logger),
      loggerLevel: LoggerLevel.warn,
    })
  }

  /** Posts a card to a group chat; returns the message id to patch and reply to later. */
  /** `receiveIdType: 'open_id'` sends it to one person's chat with the bot (on-call pages, manager DMs). */
  async sendCard(chatId: string, card: FeishuCard, options: { uuid?: string; receiveIdType?: 'chat_id' | 'open_id' } = {}): Promise<{ messageId: string }> {
    assertFeishuCardSize(card)
    const uuid = options.uuid ?? randomUUID()
    const answer = await this.#call('im.message.create', () => this.#perChat.acquire(chatId), () =>
      this.#client.im.message.create({
        params: { receive_id_type: options.receiveIdType ?? 'chat_id' },
        data: { receive_id: chatId, msg_type: 'interactive', content: JSON.stringify(card), uuid },
      }),
    )
    const messageId = this.#messageIdOf('im.message.create', answer)
    this.#remember(messageId, chatId)
    return { messageId }
  }

  /** Replaces a posted card. Calls for the same message while one waits are merged: only the latest is sent. */
  patchCard(messageId: string, card: FeishuCard): Promise<void> {
    assertFeishuCardSize(card)
    const entry = this.#patches.get(messageId) ?? { running: false, pending: null }
    this.#patches.set(messageId, entry)
    if (entry.pending) {
      entry.pending.card = card
      return entry.pending.done
    }
    let resolve!: () => void
    let reject!: (error: unknown) => void
    const done = new Promise<void>((res, rej) => {
      resolve = res
      reject = rej
    })
    entry.pending = { card, done, resolve, reject }
    if (!entry.running) void this.#drainPatches(messageId, entry)
    return done
  }

  /** A text note in the card message's thread (new buyer message, who did what). */
  replyInThread(messageId: string, text: string, options: { chatId?: string; uuid?: string } = {}): Promise<{ messageId: string }> {
    return this.reply(messageId, text, { ...options, inThread: true })
  }

  /** A text reply to a message: in its thread, or quoted in the chat (`inThread: false`, how a bot answers a question). */
  async reply(messageId: string, text: string, options: { chatId?: string; uuid?: string; inThread: boolean }): Promise<{ messageId: string }> {
    const uuid = options.uuid ?? randomUUID()
    const chatId = options.chatId ?? this.#chatOfMessage.get(messageId)
    const answer = await this.#call('im.message.reply', () => (chatId ? this.#perChat.acquire(chatId) : Promise.resolve()), () =>
      this.#client.im.message.reply({
        path: { message_id: messageId },
        data: { msg_type: 'text', content: JSON.stringify({ text }), reply_in_thread: options.inThread, uuid },
      }),
    )
    const replyId = this.#messageIdOf('im.message.reply', answer)
    if (chatId) this.#remember(replyId, chatId)
    return { messageId: replyId }
  }

  async #drainPatches(messageId: string, entry: { running: boolean; pending: PendingPatch | null }): Promise<void> {
    entry.running = true
    try {
      while (entry.pending) {
        // Wait for the message's slot first: patches arriving meanwhile replace the pending card.
        await this.#perMessage.acquire(messageId)
        const job = entry.pending
        entry.pending = null
        try {
          await this.#call('im.message.patch', (attempt) => (attempt === 1 ? Promise.resolve() : this.#perMessage.acquire(messageId)), () =>
            this.#client.im.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(job.card) } }),
          )
          job.resolve()
        } catch (error) {
          job.reject(error)
        }
      }
    } finally {
      entry.running = false
      this.#patches.delete(messageId)
    }
  }

  async #call(operation: string, pace: (attempt: number) => Promise<void>, request: () => Promise<unknown>): Promise<unknown> {
    let tokenRefreshed = false
    for (let attempt = 1; ; attempt++) {
      await pace(attempt)
      await this.#perApp.acquire('app')
      let failure: AppError
      try {
        const answer = await this.#withTimeout(operation, request())
        const bodyError = feishuBodyError(operation, answer)
        if (!bodyError) return answer
        failure = bodyError
      } catch (error) {
        failure = classifyFeishuError(operation, error)
      }
      if (isTokenInvalid(failure) && !tokenRefreshed) {
        tokenRefreshed = true
        this.#tokens.clear()
        this.#logger.info({ operation }, 'feishu tenant token refused, fetching a new one')
        continue
      }
      if (!isRetryable(failure) || attempt >= this.#retry.maxAttempts) throw failure
      const delay = this.#delayFor(failure, attempt)
      this.#logger.warn({ operation, attempt, delayMs: delay, code: failure.code, feishuCode: failure.details?.['code'] }, 'feishu call failed, retrying')
      await this.#sleep(delay)
    }
  }

  #delayFor(failure: AppError, attempt: number): number {
    const hinted = failure.details?.['retryAfterMs']
    if (typeof hinted === 'number') return Math.min(hinted, this.#retry.maxDelayMs)
    const exponential = Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** (attempt - 1))
    return Math.round(exponential / 2 + (exponential / 2) * this.#random())
  }

  async #withTimeout<T>(operation: string, work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new AppError('FEISHU_NETWORK', `${operation}: no answer within ${this.#timeoutMs} ms`, { operation })), this.#timeoutMs)
    })
    try {
      return await Promise.race([work, timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  #messageIdOf(operation: string, answer: unknown): string {
    const messageId = (answer as MessageAnswer | null)?.data?.message_id
    if (typeof messageId !== 'string' || messageId === '') {
      throw new AppError('FEISHU_API_ERROR', `${operation}: answer without a message id`, { operation, code: null, msg: null, status: 200 })
    }
    return messageId
  }

  #remember(messageId: string, chatId: string): void {
    if (this.#chatOfMessage.size >= KNOWN_CHATS_MAX) {
      const oldest = this.#chatOfMessage.keys().next()
      if (!oldest.done) this.#chatOfMessage.delete(oldest.value)
    }
    this.#chatOfMessage.set(messageId, chatId)
  }
}
