// What Bolt's listeners do with a Buyerbridge payload once a receiver (HTTP or Socket Mode) has authenticated
// it: validate it with zod, de-duplicate retried deliveries, hand it to the services within a budget, and say
// what to ack. Transport-free, so both receivers share it through the one Bolt app (bolt-app.ts).

import type { ParseOutcome, SlackCommand } from './command.ts'
import type { ModalView } from './block-kit.ts'
import type { ViewErrorsResponse } from './modals.ts'
import { withinBudget } from '../common/within-budget.ts'

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
  /** How long the answer waits for `dispatch`; past it Slack gets an empty 200 (its own limit is 3 s). */
  dispatchBudgetMs?: number
}

export interface SlackAnswer {
  /** 200 with `body` as the ack payload; 400 for a payload that fails validation; 500 when dispatch failed. */
  status: 200 | 400 | 500
  /** `null` for an empty ack. */
  body: object | null
}

export const DEFAULT_DISPATCH_BUDGET_MS = 2_000
const EMPTY_OK: SlackAnswer = { status: 200, body: null }

export class SlackInteractionHandler {
  readonly #options: SlackInteractionOptions
  readonly #budgetMs: number

  constructor(options: SlackInteractionOptions) {
    this.#options = options
    this.#budgetMs = options.dispatchBudgetMs ?? DEFAULT_DISPATCH_BUDGET_MS
  }

  /** De-duplicates and dispatches an already authenticated payload; the answer is the ack body. */
  async acknowledge(outcome: ParseOutcome): Promise<SlackAnswer> {
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
    const dispatched = await withinBudget(() => this.#options.dispatch(command), this.#budgetMs)
    if ('late' in dispatched) {
      log.warn({ ...context, budgetMs: this.#budgetMs }, 'Slack dispatch over budget, acknowledged without an answer')
      void dispatched.late.then((settled) => {
        if ('error' in settled) log.error({ ...context, err: settled.error }, 'Slack dispatch failed after the ack')
      })
      return EMPTY_OK
    }
    if ('error' in dispatched) {
      log.error({ ...context, err: dispatched.error }, 'Slack dispatch failed')
      await this.#options.release?.(command.deliveryKey)
      return { status: 500, body: null }
    }
    return dispatched.result ? { status: 200, body: dispatched.result } : EMPTY_OK
  }
}
