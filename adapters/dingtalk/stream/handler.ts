// The one card-callback handler: parse → is it our card → may this user act → was it handled before →
// dispatch. It always produces an answer, so the connector acknowledges every callback promptly and
// DingTalk never re-pushes it; refusals and failures are answered with a notice shown only to the clicker.

import { isAppError } from '../../../src/domain/errors.ts'
import type { UiLanguage } from '../../../src/domain/vocabulary.ts'
import { type DingtalkLogger, describeError } from '../config.ts'
import { type DingtalkCommand, parseCardCallback } from './command.ts'
import { withinBudget } from '../../common/within-budget.ts'

/** What DingTalk accepts as a card callback's answer: data to merge into the card and/or the clicker's copy. */
export interface DingtalkCallbackResponse {
  cardUpdateOptions?: { updateCardDataByKey: boolean; updatePrivateDataByKey: boolean }
  cardData?: { cardParamMap: Record<string, string> }
  userPrivateData?: { cardParamMap: Record<string, string> }
}

export interface DingtalkDispatchResult {
  /** A line for the clicker only (the template's `notice` variable). */
  notice?: string
  /** New public card data to show at once (e.g. a re-rendered card). */
  cardParamMap?: Record<string, string>
}

export type DingtalkCallbackOutcome = 'dispatched' | 'late' | 'failed' | 'duplicate' | 'foreign-card' | 'unauthorised' | 'invalid'

export interface DingtalkCallbackHandlerOptions {
  dispatch: (command: DingtalkCommand) => Promise<DingtalkDispatchResult>
  /** Whether `outTrackId` is one of our cards (e.g. a card row lookup). */
  ownsCard: (outTrackId: string) => Promise<boolean> | boolean
  /** True when `key` was handled before; records it otherwise (check-and-set, e.g. a unique insert). */
  seen?: (key: string) => Promise<boolean> | boolean
  /** May this DingTalk user do this action? Absent → everyone who can see the card. */
  authorise?: (userId: string, command: DingtalkCommand) => boolean
  /** How long to wait for `dispatch` before answering "working on it"; default 2000 ms. */
  budgetMs?: number
  /** Language of the handler's own notices; default zh-CN. */
  language?: UiLanguage
  logger: DingtalkLogger
  /** Told of every callback's outcome (metrics, tests). */
  onOutcome?: (outcome: DingtalkCallbackOutcome, command: DingtalkCommand | null) => void
}

export interface CardCallbackInput {
  messageId: string
  data: unknown
}

const DEFAULT_BUDGET_MS = 2000

export const DINGTALK_NOTICES = {
  invalid: { en: 'This action was not recognised', 'zh-CN': '无法识别此操作' },
  duplicate: { en: 'This action was already handled', 'zh-CN': '该操作已处理' },
  unauthorised: { en: 'You are not allowed to do this', 'zh-CN': '你没有权限执行此操作' },
  working: { en: 'Working on it: the card will update shortly', 'zh-CN': '正在处理，卡片稍后更新' },
  failed: { en: 'The action failed, please try again', 'zh-CN': '操作失败，请稍后重试' },
} as const

export function noticeResponse(notice: string): DingtalkCallbackResponse {
  return {
    cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true },
    userPrivateData: { cardParamMap: { notice } },
  }
}

export function createCardCallbackHandler(options: DingtalkCallbackHandlerOptions): (input: CardCallbackInput) => Promise<DingtalkCallbackResponse> {
  const language = options.language ?? 'zh-CN'
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS
  const notice = (key: keyof typeof DINGTALK_NOTICES) => noticeResponse(DINGTALK_NOTICES[key][language])
  const report = (outcome: DingtalkCallbackOutcome, command: DingtalkCommand | null) => options.onOutcome?.(outcome, command)

  return async ({ messageId, data }) => {
    let command: DingtalkCommand
    try {
      command = parseCardCallback(messageId, data)
    } catch (error) {
      options.logger.warn({ messageId, code: isAppError(error) ? error.code : 'UNKNOWN', details: isAppError(error) ? error.details : undefined }, 'dingtalk callback refused')
      report('invalid', null)
      return notice('invalid')
    }
    const log = { messageId, action: command.action, conversationId: command.conversationId, cardId: command.cardId }
    try {
      if (!(await options.ownsCard(command.cardId))) {
        options.logger.warn(log, 'dingtalk callback for a card that is not ours, ignored')
        report('foreign-card', command)
        return {}
      }
      if (options.authorise && !options.authorise(command.operator.userId, command)) {
        options.logger.warn(log, 'dingtalk user not authorised')
        report('unauthorised', command)
        return notice('unauthorised')
      }
      if (options.seen && (await isRepeat(options.seen, command))) {
        options.logger.info(log, 'dingtalk callback repeated, not dispatched again')
        report('duplicate', command)
        return notice('duplicate')
      }
    } catch (error) {
      options.logger.error({ ...log, error: describeError(error) }, 'dingtalk callback: could not check the card or a repeat')
      report('failed', command)
      return notice('failed')
    }
    return dispatchWithinBudget(options, command, budgetMs, log, notice, report)
  }
}

async function isRepeat(seen: (key: string) => Promise<boolean> | boolean, command: DingtalkCommand): Promise<boolean> {
  if (await seen(command.idempotencyKey)) return true
  // Without the card revision a replay cannot be told from a deliberate second click on the same card.
  return command.revision !== null && (await seen(command.replayKey))
}

async function dispatchWithinBudget(
  options: DingtalkCallbackHandlerOptions,
  command: DingtalkCommand,
  budgetMs: number,
  log: Record<string, unknown>,
  notice: (key: keyof typeof DINGTALK_NOTICES) => DingtalkCallbackResponse,
  report: (outcome: DingtalkCallbackOutcome, command: DingtalkCommand | null) => void,
): Promise<DingtalkCallbackResponse> {
  const outcome = await withinBudget(() => options.dispatch(command), budgetMs)
  if ('late' in outcome) {
    void outcome.late.then((settled) => {
      if ('error' in settled) options.logger.error({ ...log, error: describeError(settled.error) }, 'dingtalk action failed after the ack')
    })
    report('late', command)
    return notice('working')
  }
  if ('error' in outcome) {
    options.logger.error({ ...log, error: describeError(outcome.error) }, 'dingtalk action failed')
    report('failed', command)
    return notice('failed')
  }
  report('dispatched', command)
  const { result } = outcome
  return {
    cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true },
    ...(result.cardParamMap ? { cardData: { cardParamMap: result.cardParamMap } } : {}),
    userPrivateData: { cardParamMap: { notice: result.notice ?? '' } },
  }
}
