// Sends and updates interactive cards through the enterprise internal app: createAndDeliver into a group
// (IM_GROUP) or a one-to-one robot chat (IM_ROBOT, for on-call pages), and PUT /v1.0/card/instances.
// Calls are paced under DingTalk's per-app, per-API limit (20 QPS on standard organisations); throttling,
// 5xx and network failures are retried with backoff. `outTrackId` is the card row's own id, so a retry after
// a lost answer cannot post a second card: DingTalk answers `param.cardAlreadyExist`, and the data is then
// applied with an update instead. Updates of one card run one at a time and merge while they wait (latest
// wins), so a burst of state changes costs two calls and never lands out of order.

import { z } from 'zod'
import { AppError, isAppError } from '../../../src/domain/errors.ts'
import { assertCardData } from '../card/size.ts'
import { type DingtalkAppConfig, type DingtalkLogger, dingtalkBaseUrl, realSleep } from '../config.ts'
import { SlidingWindowPacer } from '../../../src/domain/sliding-window-pacer.ts'
import { ACCESS_TOKEN_HEADER, DingtalkAccessToken } from './access-token.ts'
import { DINGTALK_THROTTLE_PAUSE_MS, isRetryable, isTokenInvalid } from './errors.ts'
import { requestJson } from './http.ts'

export type DingtalkCardTarget = { kind: 'group'; openConversationId: string } | { kind: 'robot-chat'; userId: string }

export interface DingtalkRetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
}

export interface DingtalkCardPosterOptions extends DingtalkAppConfig {
  /** DINGTALK_ROBOT_CODE: the app's robot (for an internal app's own robot, its app key). */
  robotCode: string
  /** DINGTALK_CARD_TEMPLATE_ID */
  cardTemplateId: string
  /** Calls per second per API; default 20 (DingTalk's per-app limit), counted over 1 s plus `safetyMs`. */
  perApiPerSecond?: number
  safetyMs?: number
  retry?: Partial<DingtalkRetryPolicy>
  requestTimeoutMs?: number
}

export interface DingtalkPosterDeps {
  sleep?: (ms: number) => Promise<void>
  now?: () => number
  random?: () => number
}

export interface DeliveryResult {
  spaceType: string
  spaceId: string
  success: boolean
  errorMsg: string | null
}

export interface CreateAndDeliverResult {
  outTrackId: string
  /** The card already existed (an earlier attempt got through): its data was updated instead. */
  alreadyExisted: boolean
  deliveries: DeliveryResult[]
}

export const DEFAULT_DINGTALK_RETRY: DingtalkRetryPolicy = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 10_000 }
interface PendingUpdate {
  cardParamMap: Readonly<Record<string, string>>
  waiters: { resolve: () => void; reject: (error: unknown) => void }[]
}

const CREATE_PATH = '/v1.0/card/instances/createAndDeliver'
const UPDATE_PATH = '/v1.0/card/instances'

const createAnswer = z.object({
  success: z.boolean().optional(),
  result: z
    .object({
      outTrackId: z.string().optional(),
      deliverResults: z
        .array(z.object({ spaceType: z.string(), spaceId: z.string(), success: z.boolean(), errorMsg: z.string().nullish() }))
        .optional(),
    })
    .optional(),
})

export class DingtalkCardPoster {
  readonly #base: string
  readonly #robotCode: string
  readonly #templateId: string
  readonly #token: DingtalkAccessToken
  readonly #logger: DingtalkLogger
  readonly #retry: DingtalkRetryPolicy
  readonly #timeoutMs: number
  readonly #sleep: (ms: number) => Promise<void>
  readonly #random: () => number
  readonly #perApi: SlidingWindowPacer
  readonly #updates = new Map<string, { running: boolean; pending: PendingUpdate | null }>()

  constructor(options: DingtalkCardPosterOptions, logger: DingtalkLogger, deps: DingtalkPosterDeps = {}) {
    this.#base = dingtalkBaseUrl(options.apiBaseUrl)
    this.#robotCode = options.robotCode
    this.#templateId = options.cardTemplateId
    this.#logger = logger
    this.#retry = { ...DEFAULT_DINGTALK_RETRY, ...options.retry }
    this.#timeoutMs = options.requestTimeoutMs ?? 10_000
    this.#sleep = deps.sleep ?? realSleep
    this.#random = deps.random ?? Math.random
    this.#token = new DingtalkAccessToken({ ...options, requestTimeoutMs: this.#timeoutMs, ...(deps.now ? { now: deps.now } : {}) })
    this.#perApi = new SlidingWindowPacer({
      limit: options.perApiPerSecond ?? 20,
      windowMs: 1000 + (options.safetyMs ?? 100),
      sleep: this.#sleep,
      now: deps.now ?? Date.now,
    })
  }

  get accessToken(): DingtalkAccessToken {
    return this.#token
  }

  /** Creates the card `outTrackId` and delivers it; a repeat with the same id updates the existing card. */
  async createAndDeliver(
    target: DingtalkCardTarget,
    outTrackId: string,
    cardParamMap: Readonly<Record<string, string>>,
    options: { lastMessage?: string } = {},
  ): Promise<CreateAndDeliverResult> {
    assertCardData(cardParamMap)
    const body = this.createBody(target, outTrackId, cardParamMap, options)
    let answer: unknown
    try {
      answer = await this.#call('card.createAndDeliver', 'POST', CREATE_PATH, body)
    } catch (error) {
      if (isAppError(error, 'DINGTALK_API_ERROR') && error.details?.['code'] === 'param.cardAlreadyExist') {
        this.#logger.info({ outTrackId }, 'dingtalk card already exists, updating it instead')
        await this.updateCard(outTrackId, cardParamMap)
        return { outTrackId, alreadyExisted: true, deliveries: [] }
      }
      throw error
    }
    const parsed = createAnswer.safeParse(answer)
    const deliveries: DeliveryResult[] = (parsed.success ? (parsed.data.result?.deliverResults ?? []) : []).map((d) => ({
      spaceType: d.spaceType,
      spaceId: d.spaceId,
      success: d.success,
      errorMsg: d.errorMsg ?? null,
    }))
    const failed = deliveries.filter((d) => !d.success)
    if (!parsed.success || parsed.data.success === false || failed.length > 0) {
      throw new AppError('DINGTALK_API_ERROR', `card.createAndDeliver: not delivered (${failed.map((d) => d.errorMsg ?? d.spaceType).join(', ') || 'unexpected answer'})`, {
        operation: 'card.createAndDeliver',
        status: 200,
        code: 'deliver.failed',
        message: failed[0]?.errorMsg ?? null,
        retryable: false,
      })
    }
    return { outTrackId, alreadyExisted: false, deliveries }
  }

  /** Replaces the card's public data (every key we render is sent, so nothing stale remains). */
  updateCard(outTrackId: string, cardParamMap: Readonly<Record<string, string>>): Promise<void> {
    assertCardData(cardParamMap)
    const entry = this.#updates.get(outTrackId) ?? { running: false, pending: null }
    this.#updates.set(outTrackId, entry)
    return new Promise<void>((resolve, reject) => {
      if (entry.pending) {
        entry.pending.cardParamMap = cardParamMap
        entry.pending.waiters.push({ resolve, reject })
      } else {
        entry.pending = { cardParamMap, waiters: [{ resolve, reject }] }
      }
      if (!entry.running) void this.#drainUpdates(outTrackId, entry)
    })
  }

  async #drainUpdates(outTrackId: string, entry: { running: boolean; pending: PendingUpdate | null }): Promise<void> {
    entry.running = true
    try {
      while (entry.pending) {
        const job = entry.pending
        entry.pending = null
        try {
          await this.#call('card.update', 'PUT', UPDATE_PATH, this.updateBody(outTrackId, job.cardParamMap))
          for (const waiter of job.waiters) waiter.resolve()
        } catch (error) {
          for (const waiter of job.waiters) waiter.reject(error)
        }
      }
    } finally {
      entry.running = false
      this.#updates.delete(outTrackId)
    }
  }

  /** The exact createAndDeliver request body (exposed for tests and `doctor --dry-run`). */
  createBody(
    target: DingtalkCardTarget,
    outTrackId: string,
    cardParamMap: Readonly<Record<string, string>>,
    options: { lastMessage?: string } = {},
  ): Record<string, unknown> {
    const lastMessage = options.lastMessage ? { lastMessageI18n: { ZH_CN: options.lastMessage, EN_US: options.lastMessage } } : {}
    const common = {
      cardTemplateId: this.#templateId,
      outTrackId,
      callbackType: 'STREAM',
      cardData: { cardParamMap: { ...cardParamMap } },
    }
    if (target.kind === 'group') {
      return {
        ...common,
        openSpaceId: `dtv1.card//IM_GROUP.${target.openConversationId}`,
        imGroupOpenSpaceModel: { supportForward: false, ...lastMessage },
        imGroupOpenDeliverModel: { robotCode: this.#robotCode },
      }
    }
    return {
      ...common,
      openSpaceId: `dtv1.card//IM_ROBOT.${target.userId}`,
      imRobotOpenSpaceModel: { supportForward: false, ...lastMessage },
      imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode: this.#robotCode },
    }
  }

  updateBody(outTrackId: string, cardParamMap: Readonly<Record<string, string>>): Record<string, unknown> {
    return { outTrackId, cardData: { cardParamMap: { ...cardParamMap } }, cardUpdateOptions: { updateCardDataByKey: true } }
  }

  async #call(operation: string, method: 'POST' | 'PUT', path: string, body: unknown): Promise<unknown> {
    let tokenRenewed = false
    for (let attempt = 1; ; attempt++) {
      await this.#perApi.acquire(path)
      let failure: AppError
      let token: string | null = null
      try {
        token = await this.#token.get()
        return await requestJson({ operation, method, url: this.#base + path, body, headers: { [ACCESS_TOKEN_HEADER]: token }, timeoutMs: this.#timeoutMs })
      } catch (error) {
        failure = isAppError(error) ? error : new AppError('DINGTALK_API_ERROR', `${operation}: ${String(error)}`, { operation, retryable: false })
      }
      if (token !== null && isTokenInvalid(failure) && !tokenRenewed) {
        tokenRenewed = true
        this.#token.invalidate(token)
        this.#logger.info({ operation }, 'dingtalk access token refused, fetching a new one')
        continue
      }
      if (!isRetryable(failure) || attempt >= this.#retry.maxAttempts) throw failure
      const delay = this.#delayFor(failure, attempt)
      this.#logger.warn({ operation, attempt, delayMs: delay, code: failure.code, dingtalkCode: failure.details?.['code'] ?? null }, 'dingtalk call failed, retrying')
      await this.#sleep(delay)
    }
  }

  #delayFor(failure: AppError, attempt: number): number {
    const hinted = failure.details?.['retryAfterMs']
    if (typeof hinted === 'number') return Math.min(hinted, this.#retry.maxDelayMs)
    const exponential = Math.min(this.#retry.maxDelayMs, this.#retry.baseDelayMs * 2 ** (attempt - 1))
    const jittered = Math.round(exponential / 2 + (exponential / 2) * this.#random())
    // DingTalk's QPS windows are one second long: waiting less only earns another refusal.
    return failure.code === 'DINGTALK_RATE_LIMITED' ? Math.max(jittered, DINGTALK_THROTTLE_PAUSE_MS) : jittered
  }
}
