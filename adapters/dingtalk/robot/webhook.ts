// Custom group robot webhook, for one-way escalation pings (its buttons can only open URLs, so no clicks
// come back). Signed as DingTalk documents: sign = urlencode(base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)))
// with the timestamp in milliseconds, passed as `&timestamp=…&sign=…`. DingTalk allows 20 messages per minute
// per robot (errcode 130101 "send too fast") and 20 KB per message: sends queue behind a sliding-window
// pacer — never dropped — and a 130101 is retried after the window.

import { createHmac } from 'node:crypto'
import { AppError } from '../../../src/domain/errors.ts'
import { requestJson } from '../api/http.ts'
import { type DingtalkLogger, realSleep } from '../config.ts'
import { SlidingWindowPacer } from '../../../src/domain/sliding-window-pacer.ts'

export const ROBOT_MESSAGES_PER_MINUTE = 20
export const ROBOT_MAX_BODY_BYTES = 20_000
/** DingTalk's "send too fast, exceed 20 times per minute". */
export const ROBOT_TOO_FAST_ERRCODE = 130101

export type RobotMessage =
  | { msgtype: 'markdown'; markdown: { title: string; text: string }; at?: { atUserIds?: string[]; isAtAll?: boolean } }
  | {
      msgtype: 'actionCard'
      actionCard: { title: string; text: string; btnOrientation?: '0' | '1'; singleTitle?: string; singleURL?: string; btns?: { title: string; actionURL: string }[] }
    }

export interface RobotWebhookOptions {
  /** The robot's webhook URL as DingTalk shows it (`https://oapi.dingtalk.com/robot/send?access_token=…`). */
  webhookUrl: string
  /** The robot's signing secret (`SEC…`) when "加签" is on. */
  secret?: string
  perMinute?: number
  /** Added to the one-minute window so clock skew never pushes us over DingTalk's count. */
  safetyMs?: number
  maxAttempts?: number
  requestTimeoutMs?: number
}

export interface RobotWebhookDeps {
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

/** `sign` before URL encoding: base64 of HMAC-SHA256 keyed by the secret over `timestamp + "\n" + secret`. */
export function robotSignature(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64')
}

/** The webhook URL with `timestamp` and `sign` added (URLSearchParams does the URL encoding). */
export function signedRobotUrl(webhookUrl: string, secret: string | undefined, timestampMs: number): string {
  const url = new URL(webhookUrl)
  if (secret) {
    url.searchParams.set('timestamp', String(timestampMs))
    url.searchParams.set('sign', robotSignature(secret, timestampMs))
  }
  return url.toString()
}

export class DingtalkRobotWebhook {
  readonly #options: RobotWebhookOptions
  readonly #logger: DingtalkLogger
  readonly #now: () => number
  readonly #sleep: (ms: number) => Promise<void>
  readonly #pacer: SlidingWindowPacer
  readonly #windowMs: number
  readonly #robot: string

  constructor(options: RobotWebhookOptions, logger: DingtalkLogger, deps: RobotWebhookDeps = {}) {
    let url: URL
    try {
      url = new URL(options.webhookUrl)
    } catch {
      throw new AppError('DINGTALK_CONFIG', 'the DingTalk robot webhook must be a URL')
    }
    this.#options = options
    this.#logger = logger
    this.#now = deps.now ?? Date.now
    this.#sleep = deps.sleep ?? realSleep
    this.#windowMs = 60_000 + (options.safetyMs ?? 1000)
    this.#pacer = new SlidingWindowPacer({ limit: options.perMinute ?? ROBOT_MESSAGES_PER_MINUTE, windowMs: this.#windowMs, now: this.#now, sleep: this.#sleep })
    // One pacer key per robot; the access token itself never reaches a log.
    this.#robot = url.searchParams.get('access_token') ?? url.pathname
  }

  /** Sends now or, past 20 a minute, as soon as the window allows. Resolves once DingTalk accepted it. */
  async send(message: RobotMessage): Promise<void> {
    const body = JSON.stringify(message)
    const bytes = Buffer.byteLength(body, 'utf8')
    if (bytes > ROBOT_MAX_BODY_BYTES) {
      throw new AppError('DINGTALK_MESSAGE_TOO_LARGE', `robot message is ${bytes} bytes; DingTalk takes at most ${ROBOT_MAX_BODY_BYTES}`, { bytes })
    }
    const maxAttempts = this.#options.maxAttempts ?? 3
    for (let attempt = 1; ; attempt++) {
      await this.#pacer.acquire(this.#robot)
      const answer = await requestJson({
        operation: 'robot.send',
        method: 'POST',
        url: signedRobotUrl(this.#options.webhookUrl, this.#options.secret, this.#now()),
        body: message,
        timeoutMs: this.#options.requestTimeoutMs ?? 10_000,
      })
      const { errcode, errmsg } = errcodeOf(answer)
      if (errcode === 0) return
      if (errcode === ROBOT_TOO_FAST_ERRCODE) {
        if (attempt >= maxAttempts) {
          throw new AppError('DINGTALK_RATE_LIMITED', `robot.send: ${errmsg ?? 'send too fast'}`, { operation: 'robot.send', code: errcode, retryAfterMs: this.#windowMs })
        }
        this.#logger.warn({ operation: 'robot.send', attempt }, 'dingtalk robot throttled, waiting for the next window')
        await this.#sleep(this.#windowMs)
        continue
      }
      throw new AppError('DINGTALK_API_ERROR', `robot.send: errcode ${String(errcode)} ${errmsg ?? ''}`.trim(), {
        operation: 'robot.send',
        status: 200,
        code: errcode,
        message: errmsg,
        retryable: false,
      })
    }
  }

  /** Messages waiting for a slot in the current window. */
  queued(): number {
    return this.#pacer.queued(this.#robot)
  }
}

function errcodeOf(answer: unknown): { errcode: number | null; errmsg: string | null } {
  if (answer === null || typeof answer !== 'object') return { errcode: null, errmsg: null }
  const record = answer as Record<string, unknown>
  return {
    errcode: typeof record['errcode'] === 'number' ? record['errcode'] : null,
    errmsg: typeof record['errmsg'] === 'string' ? record['errmsg'].slice(0, 200) : null,
  }
}
