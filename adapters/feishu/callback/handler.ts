// The one `card.action.trigger` handler, registered on the SDK's EventDispatcher: the webhook route and the
// WSClient long connection both end here. Feishu shows an error unless the answer comes within 3 s, so the
// services get a smaller budget; past it the agent sees "working on it" and the card is patched later.

import { EventDispatcher } from '@larksuiteoapi/node-sdk'
import { isAppError } from '../../../src/domain/errors.ts'
import type { UiLanguage } from '../../../src/domain/vocabulary.ts'
import type { FeishuCard } from '../card/types.ts'
import { type FeishuLogger, sdkLoggerBridge } from '../config.ts'
import { type FeishuCommand, parseCardAction } from './command.ts'
import { MESSAGE_RECEIVE_EVENT } from './message.ts'
import { withinBudget } from '../../common/within-budget.ts'

export interface FeishuToast {
  type: 'success' | 'info' | 'warning' | 'error'
  content: string
}

export interface FeishuDispatchResult {
  toast: FeishuToast
  /** The updated card to show at once. */
  card?: FeishuCard
}

/** The callback answer Feishu expects: a toast and, optionally, the card to replace the clicked one. */
export interface CardActionResponse {
  toast: FeishuToast
  card?: { type: 'raw'; data: FeishuCard }
}

export interface CardActionHandlerOptions {
  dispatch: (command: FeishuCommand) => Promise<FeishuDispatchResult>
  /** True when this event id was handled before; records it otherwise (check-and-set, e.g. a unique insert). */
  seen?: (eventId: string) => Promise<boolean> | boolean
  /** Operators allowed to act, by open_id or union_id; absent → everyone who can see the card. */
  authorised?: { openIds: readonly string[]; unionIds: readonly string[] }
  /** How long to wait for `dispatch` before answering "working on it"; default 2000 ms (Feishu allows 3000). */
  budgetMs?: number
  /** A result that came after the budget (the agent saw "working on it"): e.g. patch its card in. */
  onLateResult?: (command: FeishuCommand, result: FeishuDispatchResult) => void
  /** Language of the handler's own toasts; default zh-CN. */
  language?: UiLanguage
  logger: FeishuLogger
}

export const CARD_ACTION_EVENT = 'card.action.trigger'
const DEFAULT_BUDGET_MS = 2000

const TOASTS = {
  invalid: { en: 'This action was not recognised', 'zh-CN': '无法识别此操作' },
  duplicate: { en: 'This action was already handled', 'zh-CN': '该操作已处理' },
  unauthorised: { en: 'You are not allowed to do this', 'zh-CN': '你没有权限执行此操作' },
  working: { en: 'Working on it: the card will update shortly', 'zh-CN': '正在处理，卡片稍后更新' },
  failed: { en: 'The action failed, please try again', 'zh-CN': '操作失败，请稍后重试' },
} as const

export function createCardActionHandler(options: CardActionHandlerOptions): (event: unknown) => Promise<CardActionResponse> {
  const language = options.language ?? 'zh-CN'
  const budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS
  const toast = (type: FeishuToast['type'], key: keyof typeof TOASTS): CardActionResponse => ({
    toast: { type, content: TOASTS[key][language] },
  })

  return async (event) => {
    let command: FeishuCommand
    try {
      command = parseCardAction(event)
    } catch (error) {
      options.logger.warn({ code: isAppError(error) ? error.code : 'UNKNOWN', details: isAppError(error) ? error.details : undefined }, 'feishu callback refused')
      return toast('error', 'invalid')
    }
    const log = { eventId: command.idempotencyKey, action: command.action, conversationId: command.conversationId }
    if (options.authorised && !isAuthorised(command, options.authorised)) {
      options.logger.warn(log, 'feishu operator not authorised')
      return toast('error', 'unauthorised')
    }
    try {
      if (options.seen && (await options.seen(command.idempotencyKey))) {
        options.logger.info(log, 'feishu callback repeated, not dispatched again')
        return toast('info', 'duplicate')
      }
    } catch (error) {
      options.logger.error({ ...log, error: describe(error) }, 'feishu callback: could not check for a repeat')
      return toast('error', 'failed')
    }

    const outcome = await withinBudget(() => options.dispatch(command), budgetMs)
    if ('late' in outcome) {
      void outcome.late.then((settled) => {
        if ('error' in settled) options.logger.error({ ...log, error: describe(settled.error) }, 'feishu action failed after the ack')
        else options.onLateResult?.(command, settled.result)
      })
      return toast('info', 'working')
    }
    if ('error' in outcome) {
      options.logger.error({ ...log, error: describe(outcome.error) }, 'feishu action failed')
      return toast('error', 'failed')
    }
    const { result } = outcome
    return result.card ? { toast: result.toast, card: { type: 'raw', data: result.card } } : { toast: result.toast }
  }
}

/**
 * An SDK EventDispatcher answering card callbacks with `handler` (and bot messages with `onMessage`): pass it
 * to `WSClient.start({ eventDispatcher })` for the long connection, and to the webhook receiver for HTTP
 * callbacks. Over the long connection there is no verification token (the socket is authenticated).
 */
export function createFeishuEventDispatcher(
  handler: (event: unknown) => Promise<CardActionResponse>,
  secrets: { encryptKey?: string; verificationToken?: string },
  logger: FeishuLogger,
  more: { onMessage?: (event: unknown) => Promise<unknown> } = {},
): EventDispatcher {
  const dispatcher = new EventDispatcher({
    ...(secrets.verificationToken ? { verificationToken: secrets.verificationToken } : {}),
    ...(secrets.encryptKey ? { encryptKey: secrets.encryptKey } : {}),
    logger: sdkLoggerBridge(logger),
  })
  return dispatcher.register({
    [CARD_ACTION_EVENT]: handler,
    ...(more.onMessage ? { [MESSAGE_RECEIVE_EVENT]: more.onMessage } : {}),
  })
}

function isAuthorised(command: FeishuCommand, allowed: NonNullable<CardActionHandlerOptions['authorised']>): boolean {
  if (allowed.openIds.includes(command.operator.openId)) return true
  return command.operator.unionId !== null && allowed.unionIds.includes(command.operator.unionId)
}

function describe(error: unknown): { code: string; message: string } {
  if (isAppError(error)) return { code: error.code, message: error.message }
  return { code: 'UNEXPECTED', message: (error instanceof Error ? error.message : String(error)).slice(0, 200) }
}
