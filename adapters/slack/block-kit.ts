// The slice of Block Kit that Buyerbridge emits, typed so the renderer cannot produce a shape Slack rejects.

export interface PlainText {
  type: 'plain_text'
  text: string
  emoji?: boolean
}

export interface Mrkdwn {
  type: 'mrkdwn'
  text: string
  verbatim?: boolean
}

export type TextObject = PlainText | Mrkdwn

export interface ConfirmDialog {
  title: PlainText
  text: PlainText
  confirm: PlainText
  deny: PlainText
  style?: 'primary' | 'danger'
}

export interface ButtonElement {
  type: 'button'
  action_id: string
  text: PlainText
  value?: string
  style?: 'primary' | 'danger'
  confirm?: ConfirmDialog
}

export interface SelectOption {
  text: PlainText
  value: string
}

export interface OptionGroup {
  label: PlainText
  options: SelectOption[]
}

export interface StaticSelectElement {
  type: 'static_select'
  action_id: string
  placeholder: PlainText
  options?: SelectOption[]
  option_groups?: OptionGroup[]
}

export interface PlainTextInputElement {
  type: 'plain_text_input'
  action_id: string
  multiline?: boolean
  initial_value?: string
  max_length?: number
  min_length?: number
  placeholder?: PlainText
}

export type InteractiveElement = ButtonElement | StaticSelectElement

export interface HeaderBlock {
  type: 'header'
  block_id?: string
  text: PlainText
}

export interface SectionBlock {
  type: 'section'
  block_id?: string
  text?: TextObject
  fields?: TextObject[]
  accessory?: InteractiveElement
}

export interface ContextBlock {
  type: 'context'
  block_id?: string
  elements: TextObject[]
}

export interface ActionsBlock {
  type: 'actions'
  block_id?: string
  elements: InteractiveElement[]
}

export interface DividerBlock {
  type: 'divider'
  block_id?: string
}

export interface InputBlock {
  type: 'input'
  block_id: string
  label: PlainText
  element: PlainTextInputElement
  hint?: PlainText
  optional?: boolean
}

export type MessageBlock = HeaderBlock | SectionBlock | ContextBlock | ActionsBlock | DividerBlock
export type ModalBlock = MessageBlock | InputBlock

export interface SlackMessage {
  /** Notification and accessibility fallback; Slack shows it where blocks cannot be shown. */
  text: string
  blocks: MessageBlock[]
}

export interface ModalView {
  type: 'modal'
  callback_id: string
  title: PlainText
  submit?: PlainText
  close?: PlainText
  private_metadata?: string
  notify_on_close?: boolean
  blocks: ModalBlock[]
}

export const plain = (text: string): PlainText => ({ type: 'plain_text', text, emoji: true })
export const mrkdwn = (text: string): Mrkdwn => ({ type: 'mrkdwn', text })
