// The subset of Feishu card JSON 2.0 this adapter emits. Field names are Feishu's.

import type { CardAction } from '../../../src/domain/vocabulary.ts'

export interface PlainText {
  tag: 'plain_text'
  content: string
}

/** What every callback element carries; comes back as `action.value` in `card.action.trigger`. */
export interface FeishuActionValue {
  action: CardAction
  conversationId: string
  cardId: string
}

export type FeishuBehavior = { type: 'callback'; value: FeishuActionValue } | { type: 'open_url'; default_url: string }

export interface FeishuButton {
  tag: 'button'
  text: PlainText
  type: 'default' | 'primary' | 'danger'
  name?: string
  form_action_type?: 'submit'
  disabled?: boolean
  disabled_tips?: PlainText
  confirm?: { title: PlainText; text: PlainText }
  behaviors: FeishuBehavior[]
}

export interface FeishuMarkdown {
  tag: 'markdown'
  content: string
}

export interface FeishuDiv {
  tag: 'div'
  text: PlainText & { text_color?: 'grey' | 'default' }
}

export interface FeishuHr {
  tag: 'hr'
}

export interface FeishuSelectStatic {
  tag: 'select_static'
  placeholder: PlainText
  options: Array<{ text: PlainText; value: string }>
  behaviors: FeishuBehavior[]
}

export interface FeishuInput {
  tag: 'input'
  name: string
  input_type: 'multiline_text'
  rows: number
  max_length: number
  label: PlainText
  placeholder: PlainText
  default_value: string
}

export interface FeishuForm {
  tag: 'form'
  name: string
  elements: Array<FeishuInput | FeishuButton>
}

export interface FeishuColumnSet {
  tag: 'column_set'
  flex_mode: 'flow'
  horizontal_spacing: 'small'
  columns: Array<{ tag: 'column'; width: 'auto'; elements: FeishuButton[] }>
}

export type FeishuElement = FeishuMarkdown | FeishuDiv | FeishuHr | FeishuSelectStatic | FeishuForm | FeishuColumnSet | FeishuButton

export type FeishuHeaderTemplate = 'red' | 'orange' | 'blue' | 'green' | 'grey'

export interface FeishuCard {
  schema: '2.0'
  config: { update_multi: true; summary: { content: string } }
  header: {
    title: PlainText
    subtitle?: PlainText
    template: FeishuHeaderTemplate
    text_tag_list?: Array<{ tag: 'text_tag'; text: PlainText; color: 'red' | 'orange' }>
  }
  body: { elements: FeishuElement[] }
}
