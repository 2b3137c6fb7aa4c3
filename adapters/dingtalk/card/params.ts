// The card template's variables: the contract between renderDingtalkCardData and the template the operator
// imports (docs/dingtalk-card-template.json declares exactly these names). DingTalk card variables are
// strings; lists are JSON-encoded strings, booleans are "true"/"false".

export const DINGTALK_CARD_PARAMS = [
  'lang',
  'kind',
  'title',
  'subtitle',
  'level',
  'colour',
  'highlightLabel',
  'highlightText',
  'fields',
  'badges',
  'excerpt',
  'excerptNote',
  'templateOptions',
  'templatePlaceholder',
  'templatePickable',
  'selectedTemplateId',
  'actions',
  'replyLabel',
  'replyDraft',
  'replyPlaceholder',
  'replyEditable',
  'replyNote',
  'status',
  'notice',
  'conversationId',
  'cardId',
  'revision',
] as const
export type DingtalkCardParam = (typeof DINGTALK_CARD_PARAMS)[number]

/** The flat map sent as `cardData.cardParamMap`. */
export type DingtalkCardParamMap = Record<DingtalkCardParam, string>

/** One entry of the JSON-encoded `templateOptions` list (the select component's options). */
export interface DingtalkTemplateOption {
  value: string
  text: string
  recommended: boolean
}

/** One entry of the JSON-encoded `actions` list (the button group, rendered in a loop). */
export interface DingtalkActionButton {
  /** The `bb.*` action id; the button sends it back as the `action` callback parameter. */
  id: string
  text: string
  style: 'primary' | 'danger' | 'default'
  disabled: boolean
  reason: string
  confirm: string
}

/** One entry of the JSON-encoded `badges` list (risk tags). */
export interface DingtalkBadge {
  text: string
  level: 'critical' | 'warning'
}

/** Name of the text input (for `bb.edit`) and of the select (for `bb.pick_template`) in the template. */
export const REPLY_INPUT_NAME = 'replyText'
export const TEMPLATE_SELECT_NAME = 'templateId'
