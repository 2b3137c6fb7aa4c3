// Building blocks of the Feishu conversation card, each from one part of the CardView.

import type { CardActionView, CardField, CardView, TemplateChoiceView } from '../../../src/domain/card/index.ts'
import type { UiLanguage } from '../../../src/domain/vocabulary.ts'
import { escapeMarkdown, FEISHU_TEXT } from './strings.ts'
import type {
  FeishuActionValue,
  FeishuButton,
  FeishuColumnSet,
  FeishuDiv,
  FeishuForm,
  FeishuMarkdown,
  FeishuSelectStatic,
  PlainText,
} from './types.ts'

/** Feishu caps a card input at 1000 characters (PLATFORM-FACTS §5). */
export const FEISHU_INPUT_MAX_LENGTH = 1000
export const REPLY_INPUT_NAME = 'reply_text'
export const REPLY_FORM_NAME = 'bb_reply_form'
export const REPLY_SUBMIT_NAME = 'bb_reply_submit'

export const plain = (content: string): PlainText => ({ tag: 'plain_text', content })

export function markdown(content: string): FeishuMarkdown {
  return { tag: 'markdown', content }
}

export function greyText(content: string): FeishuDiv {
  return { tag: 'div', text: { tag: 'plain_text', content, text_color: 'grey' } }
}

export function fieldsMarkdown(fields: readonly CardField[], language: UiLanguage, clamp: (text: string) => string): FeishuMarkdown {
  const separator = FEISHU_TEXT.fieldSeparator[language]()
  const lines = fields.map((field) => {
    const value = escapeMarkdown(clamp(field.value))
    const shown = field.emphasis ? `<font color='${field.emphasis === 'critical' ? 'red' : 'orange'}'>${value}</font>` : value
    return `**${escapeMarkdown(clamp(field.label))}**${separator}${shown}`
  })
  return markdown(lines.join('\n'))
}

export function badgesMarkdown(view: CardView, clamp: (text: string) => string): FeishuMarkdown | null {
  if (view.badges.length === 0) return null
  const language = view.uiLanguage
  const labels = view.badges.map((badge) => {
    const label = escapeMarkdown(clamp(badge.label))
    return `<font color='${badge.level === 'critical' ? 'red' : 'orange'}'>${label}</font>`
  })
  return markdown(
    `**${FEISHU_TEXT.riskFlags[language]()}**${FEISHU_TEXT.fieldSeparator[language]()}${labels.join(FEISHU_TEXT.listSeparator[language]())}`,
  )
}

export function callbackButton(action: CardActionView, value: FeishuActionValue, clamp: (text: string) => string): FeishuButton {
  const button: FeishuButton = {
    tag: 'button',
    text: plain(clamp(action.label)),
    type: action.style,
    behaviors: [{ type: 'callback', value }],
  }
  if (action.disabled) {
    button.disabled = true
    if (action.disabledReason) button.disabled_tips = plain(clamp(action.disabledReason))
  }
  if (action.confirm) button.confirm = { title: plain(clamp(action.label)), text: plain(clamp(action.confirm)) }
  return button
}

export function buttonRow(buttons: FeishuButton[]): FeishuColumnSet {
  return {
    tag: 'column_set',
    flex_mode: 'flow',
    horizontal_spacing: 'small',
    columns: buttons.map((button) => ({ tag: 'column', width: 'auto', elements: [button] })),
  }
}

export function templatePicker(
  templates: { recommended: readonly TemplateChoiceView[]; other: readonly TemplateChoiceView[] },
  value: FeishuActionValue,
  language: UiLanguage,
  clamp: (text: string) => string,
): FeishuSelectStatic {
  const mark = FEISHU_TEXT.recommendedMark[language]()
  return {
    tag: 'select_static',
    placeholder: plain(FEISHU_TEXT.templatePlaceholder[language]()),
    options: [
      ...templates.recommended.map((t) => ({ text: plain(mark + clamp(t.label)), value: t.id })),
      ...templates.other.map((t) => ({ text: plain(clamp(t.label)), value: t.id })),
    ],
    behaviors: [{ type: 'callback', value }],
  }
}

export function replyForm(editAction: CardActionView, draft: string, value: FeishuActionValue, language: UiLanguage): FeishuForm {
  return {
    tag: 'form',
    name: REPLY_FORM_NAME,
    elements: [
      {
        tag: 'input',
        name: REPLY_INPUT_NAME,
        input_type: 'multiline_text',
        rows: 6,
        max_length: FEISHU_INPUT_MAX_LENGTH,
        label: plain(FEISHU_TEXT.replyLabel[language]()),
        placeholder: plain(FEISHU_TEXT.replyPlaceholder[language]()),
        default_value: draft,
      },
      {
        tag: 'button',
        name: REPLY_SUBMIT_NAME,
        text: plain(editAction.label),
        type: 'primary',
        form_action_type: 'submit',
        behaviors: [{ type: 'callback', value }],
      },
    ],
  }
}

/** A reply too long for a card input: say so, and link to the console editor (the caller signs the URL). */
export function consoleEditNotice(draftLength: number, consoleEditUrl: string | undefined, language: UiLanguage): Array<FeishuDiv | FeishuButton> {
  const notice = greyText(FEISHU_TEXT.replyTooLong[language](draftLength, FEISHU_INPUT_MAX_LENGTH))
  const link: FeishuButton = consoleEditUrl
    ? {
        tag: 'button',
        text: plain(FEISHU_TEXT.openConsole[language]()),
        type: 'primary',
        behaviors: [{ type: 'open_url', default_url: consoleEditUrl }],
      }
    : {
        tag: 'button',
        text: plain(FEISHU_TEXT.openConsole[language]()),
        type: 'primary',
        disabled: true,
        disabled_tips: plain(FEISHU_TEXT.consoleLinkPending[language]()),
        behaviors: [],
      }
  return [notice, link]
}
