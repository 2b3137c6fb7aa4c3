// The shared vocabulary of the admin API, the config and the cards (DESIGN §5). These words are a contract.

export const INTENTS = [
  'where-is-my-order',
  'delivery-delay',
  'not-received',
  'damaged-defective',
  'wrong-item',
  'return-request',
  'refund-status',
  'cancel-request',
  'product-question',
  'size-compatibility',
  'invoice-request',
  'address-change',
  'feedback-review',
  'other',
] as const
export type Intent = (typeof INTENTS)[number]

export const RISK_FLAGS = [
  'a-to-z',
  'chargeback',
  'legal-threat',
  'review-threat',
  'safety',
  'counterfeit',
  'damaged',
  'not-received',
  'repeat-contact',
] as const
export type RiskFlag = (typeof RISK_FLAGS)[number]

export const CONVERSATION_STATES = ['new', 'notified', 'assigned', 'replied', 'no-response-needed'] as const
export type ConversationState = (typeof CONVERSATION_STATES)[number]

export const SPAPI_TEXT_ACTIONS = [
  'confirmOrderDetails',
  'confirmDeliveryDetails',
  'unexpectedProblem',
  'confirmServiceDetails',
  'confirmCustomizationDetails',
  'digitalAccessKey',
] as const
export type SpapiTextAction = (typeof SPAPI_TEXT_ACTIONS)[number]

/** `email` or `spapi:<action>`. */
export type ReplyPath = 'email' | `spapi:${SpapiTextAction}`

export const REPLY_STATES = ['awaiting-approval', 'queued', 'sending', 'sent', 'failed', 'unconfirmed'] as const
export type ReplyState = (typeof REPLY_STATES)[number]

export const CARD_ACTIONS = [
  'bb.pick_template',
  'bb.edit',
  'bb.send',
  'bb.no_response',
  'bb.assign',
  'bb.ack',
  'bb.escalate',
  'bb.approve',
  'bb.reject',
] as const
export type CardAction = (typeof CARD_ACTIONS)[number]

export const PLATFORMS = ['slack', 'feishu', 'dingtalk', 'console'] as const
export type Platform = (typeof PLATFORMS)[number]

export const UI_LANGUAGES = ['en', 'zh-CN'] as const
export type UiLanguage = (typeof UI_LANGUAGES)[number]

/** Languages the shipped templates are written in (the buyer languages of the main marketplaces). */
export const TEMPLATE_LANGUAGES = ['en', 'de', 'fr', 'it', 'es', 'ja'] as const
export type TemplateLanguage = (typeof TEMPLATE_LANGUAGES)[number]

export function isIntent(value: string): value is Intent {
  return (INTENTS as readonly string[]).includes(value)
}
export function isRiskFlag(value: string): value is RiskFlag {
  return (RISK_FLAGS as readonly string[]).includes(value)
}
export function isReplyPath(value: string): value is ReplyPath {
  return value === 'email' || (value.startsWith('spapi:') && (SPAPI_TEXT_ACTIONS as readonly string[]).includes(value.slice(6)))
}
