// The transport-free heart of the Slack receiver: verify, parse, de-duplicate, dispatch within a budget, and
// say what to answer. The HTTP plugin (receiver.ts) feeds it raw requests; Socket Mode (socket-mode.ts, when
// SLACK_APP_TOKEN is set) feeds `acknowledge` the envelopes, already authenticated by the socket.
//
// Why not Bolt's App.processEvent: Bolt's App wants a token and an `auth.test` round trip at start, runs its
// own listener chain with its own ack timer, and would hand the services Bolt's untyped middleware arguments.
// Buyerbridge needs seven action ids, one modal and one command, a dispatch budget and a DB-backed dedupe, so
// it verifies with Bolt's own `isValidSlackRequest` (signature.ts) and parses with zod (command.ts).

import type { Clock } from '../../src/ports/clock.ts'
import { parseInteraction, parseSlashCommand, type ParseOutcome, type SlackCommand } from './command.ts'
import type { ModalView } from './block-kit.ts'
import type { ViewErrorsResponse } from './modals.ts'
import { verifySlackSignature } from './signature.ts'

/** What the service may answer synchronously: a modal response action, or a slash command's reply. */
export type SlackAck =
  | ViewErrorsResponse
  | { response_action: 'clear' }
  | { response_action: 'update' | 'push'; view: ModalView }
  | { response_type?: 'ephemeral' | 'in_channel'; text: string }

export interface SlackLogger {
  debug(details: object, message: string): void
  info(details: object, message: string): void
  warn(details: object, message: string): void
  error(details: object, message: string): void
}

export interface SlackInteractionOptions {
  signingSecret: string
  /**
   * Hands the command to the services; should only enqueue (or answer a modal) and return quickly. A reply
   * submission must return its lint verdict within the budget: an empty answer closes the modal.
   */
  dispatch(command: SlackCommand): Promise<SlackAck | void> | SlackAck | void
  /** Records a delivery key; true when it had been recorded before (that delivery is then not re-dispatched). */
  seen(deliveryKey: string): Promise<boolean>
  /** Forgets a delivery key whose dispatch failed, so that Slack's retry can go through. */
  release?(deliveryKey: string): Promise<void>
  logger: SlackLogger
  clock?: Clock
  /** How long the answer waits for `dispatch`; past it Slack gets an empty 200 (its own limit is 3 s). */
  dispatchBudgetMs?: number
}

export interface SlackHttpRequest {
  rawBody: string
  contentType: string | undefined
  headers: Record<string, string | string[] | undefined>
}

export interface SlackHttpAnswer {
  status: number
  /** `null` for an empty body. */
  body: object | null
}

export const DEFAULT_DISPATCH_BUDGET_MS = 2_000
const EMPTY_OK: SlackHttpAnswer = { status: 200, body: null }

function header(headers: SlackHttpRequest['headers'], name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

const TIMED_OUT = Symbol('timed out')

export class SlackInteractionHandler {
  readonly #options: SlackInteractionOptions
  readonly #budgetMs: number

  constructor(options: SlackInteractionOptions) {
    this.#options = options
    this.#budgetMs = options.dispatchBudgetMs ?? DEFAULT_DISPATCH_BUDGET_MS
  }

  /** Everything `POST /slack/events` answers, from the exact raw body and the headers. */
  async handleHttp(request: SlackHttpRequest): Promise<SlackHttpAnswer> {
    const now = (this.#options.clock?.now() ?? new Date()).getTime()
    const verified = verifySlackSignature(
      this.#options.signingSecret,
      {
        rawBody: request.rawBody,
        signature: header(request.headers, 'x-slack-signature'),
        timestamp: header(request.headers, 'x-slack-request-timestamp'),
      },
      now,
    )
    if (!verified) {
      this.#options.logger.warn({}, 'Slack request refused: bad or stale signature')
      return { status: 401, body: null }
    }
    const retryNum = Number.parseInt(header(request.headers, 'x-slack-retry-num') ?? '0', 10) || 0
    const type = (request.contentType ?? '').split(';')[0]?.trim().toLowerCase()
    if (type === 'application/json') return this.#handleJson(request.rawBody)
    if (type === 'application/x-www-form-urlencoded') return this.#handleForm(request.rawBody, retryNum)
    return { status: 415, body: null }
  }

  /** De-duplicates and dispatches an already authenticated payload; the answer is the ack body. */
  async acknowledge(outcome: ParseOutcome): Promise<SlackHttpAnswer> {
    const log = this.#options.logger
    if (outcome.kind === 'ignored') {
      log.debug({ reason: outcome.reason }, 'Slack payload ignored')
      return EMPTY_OK
    }
    if (outcome.kind === 'invalid') {
      log.warn({ reason: outcome.reason }, 'Slack payload rejected')
      return { status: 400, body: null }
    }
    const { command } = outcome
    const context = { kind: command.kind, actionId: command.actionId, retryNum: command.retryNum }
    try {
      if (await this.#options.seen(command.deliveryKey)) {
        log.info(context, 'Slack delivery already handled, acknowledged again')
        return EMPTY_OK
      }
    } catch (error) {
      log.error({ ...context, err: error }, 'Slack delivery could not be checked for duplicates')
      return { status: 500, body: null }
    }
    let timer: NodeJS.Timeout | undefined
    const work = Promise.resolve().then(() => this.#options.dispatch(command))
    const budget = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), this.#budgetMs)
    })
    try {
      const result = await Promise.race([work, budget])
      if (result === TIMED_OUT) {
        log.warn({ ...context, budgetMs: this.#budgetMs }, 'Slack dispatch over budget, acknowledged without an answer')
        work.catch((error: unknown) => log.error({ ...context, err: error }, 'Slack dispatch failed after the ack'))
        return EMPTY_OK
      }
      return result ? { status: 200, body: result } : EMPTY_OK
    } catch (error) {
      log.error({ ...context, err: error }, 'Slack dispatch failed')
      await this.#options.release?.(command.deliveryKey)
      return { status: 500, body: null }
    } finally {
      clearTimeout(timer)
    }
  }

  async #handleJson(rawBody: string): Promise<SlackHttpAnswer> {
    let body: unknown
    try {
      body = JSON.parse(rawBody)
    } catch {
      return { status: 400, body: null }
    }
    const envelope = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
    if (envelope.type === 'url_verification') {
      return typeof envelope.challenge === 'string' ? { status: 200, body: { challenge: envelope.challenge } } : { status: 400, body: null }
    }
    // The manifest subscribes to no events; an event_callback is acknowledged so Slack stops retrying it.
    return this.acknowledge({ kind: 'ignored', reason: `event ${String(envelope.type)}` })
  }

  async #handleForm(rawBody: string, retryNum: number): Promise<SlackHttpAnswer> {
    const form = Object.fromEntries(new URLSearchParams(rawBody))
    if (form.ssl_check !== undefined) return EMPTY_OK
    if (typeof form.payload === 'string') {
      let payload: unknown
      try {
        payload = JSON.parse(form.payload)
      } catch {
        return { status: 400, body: null }
      }
      return this.acknowledge(parseInteraction(payload, retryNum))
    }
    if (typeof form.command === 'string') return this.acknowledge(parseSlashCommand(form, retryNum))
    return this.acknowledge({ kind: 'ignored', reason: 'form without payload or command' })
  }
}
