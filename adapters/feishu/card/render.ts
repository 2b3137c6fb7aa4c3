// CardView → Feishu card JSON 2.0, never over 30 KB: when the full card is too big it is rendered again
// with a shorter excerpt, fewer templates and shorter texts, level by level, until it fits.

import type { CardView } from '../../../src/domain/card/index.ts'
import { truncateExcerpt } from '../../../src/domain/card/index.ts'
import { AppError } from '../../../src/domain/errors.ts'
import type { CardAction, UiLanguage } from '../../../src/domain/vocabulary.ts'
import {
  badgesMarkdown,
  buttonRow,
  callbackButton,
  consoleEditNotice,
  FEISHU_INPUT_MAX_LENGTH,
  fieldsMarkdown,
  greyText,
  markdown,
  plain,
  replyForm,
  templatePicker,
} from './elements.ts'
import { FEISHU_CARD_MAX_BYTES, feishuCardSize } from './size.ts'
import { escapeMarkdown, FEISHU_TEXT } from './strings.ts'
import type { FeishuActionValue, FeishuCard, FeishuElement } from './types.ts'

export interface RenderFeishuCardOptions {
  /** Identifies this card (the row that tracks the posted message); echoed back in every callback. */
  cardId: string
  /** Defaults to the view's subject id. */
  conversationId?: string
  /** The rendered reply to edit in the card's form (after a template was picked). */
  replyDraft?: string | null
  /** Signed console link for replies too long for a Feishu input; without it the card shows a pending link. */
  consoleEditUrl?: string
  /** Defaults to the view's language (the view is already localised; this only picks the adapter's own text). */
  language?: UiLanguage
  /** Defaults to Feishu's 30 KB. */
  maxBytes?: number
}

interface Level {
  excerptChars: number
  recommendedTemplates: number
  otherTemplates: number
  textChars: number
  statusLines: number
}

const UNLIMITED = Number.MAX_SAFE_INTEGER
const LEVELS: readonly Level[] = [
  { excerptChars: UNLIMITED, recommendedTemplates: UNLIMITED, otherTemplates: UNLIMITED, textChars: UNLIMITED, statusLines: UNLIMITED },
  { excerptChars: 4000, recommendedTemplates: UNLIMITED, otherTemplates: 40, textChars: 2000, statusLines: 20 },
  { excerptChars: 2000, recommendedTemplates: UNLIMITED, otherTemplates: 15, textChars: 800, statusLines: 12 },
  { excerptChars: 1000, recommendedTemplates: 10, otherTemplates: 5, textChars: 400, statusLines: 8 },
  { excerptChars: 500, recommendedTemplates: 5, otherTemplates: 0, textChars: 200, statusLines: 6 },
  { excerptChars: 200, recommendedTemplates: 3, otherTemplates: 0, textChars: 80, statusLines: 4 },
]
const HEADER_TAGS = 3
const SUMMARY_CHARS = 120
const SEPARATELY_RENDERED: readonly CardAction[] = ['bb.pick_template', 'bb.edit']

export function renderFeishuCard(view: CardView, options: RenderFeishuCardOptions): FeishuCard {
  const limit = options.maxBytes ?? FEISHU_CARD_MAX_BYTES
  for (const level of LEVELS) {
    const card = renderAtLevel(view, options, level)
    if (feishuCardSize(card, limit).ok) return card
  }
  throw new AppError('FEISHU_CARD_TOO_LARGE', 'the card does not fit in Feishu’s size limit even when shortened', {
    subjectId: view.subjectId,
    limit,
  })
}

function clampTo(chars: number): (text: string) => string {
  return (text) => (text.length <= chars ? text : truncateExcerpt(text, Math.max(chars, 2)).text)
}

function renderAtLevel(view: CardView, options: RenderFeishuCardOptions, level: Level): FeishuCard {
  const language = options.language ?? view.uiLanguage
  const clamp = clampTo(level.textChars)
  const valueFor = (action: CardAction): FeishuActionValue => ({
    action,
    conversationId: options.conversationId ?? view.subjectId,
    cardId: options.cardId,
  })
  const elements: FeishuElement[] = []

  if (view.highlight) {
    elements.push(markdown(`**${escapeMarkdown(clamp(view.highlight.label))}**\n${escapeMarkdown(clamp(view.highlight.text))}`))
  }
  elements.push(fieldsMarkdown(view.fields, language, clamp))
  const badges = badgesMarkdown(view, clamp)
  if (badges) elements.push(badges)
  elements.push(...excerptElements(view, level, language))
  const status = view.status.slice(0, level.statusLines).map(clamp)
  if (status.length > 0) elements.push(greyText(status.join('\n')))
  elements.push(...replyElements(view, options, level, language, clamp, valueFor))

  const buttons = view.actions
    .filter((action) => !SEPARATELY_RENDERED.includes(action.id))
    .map((action) => callbackButton(action, valueFor(action.id), clamp))
  if (buttons.length > 0) elements.push(buttonRow(buttons))

  const header: FeishuCard['header'] = { title: plain(clamp(view.header.title)), template: view.header.colour }
  if (view.header.subtitle) header.subtitle = plain(clamp(view.header.subtitle))
  if (view.badges.length > 0) {
    header.text_tag_list = view.badges.slice(0, HEADER_TAGS).map((badge) => ({
      tag: 'text_tag',
      text: plain(clamp(badge.label)),
      color: badge.level === 'critical' ? 'red' : 'orange',
    }))
  }
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: clampTo(SUMMARY_CHARS)(view.fallbackText) } },
    header,
    body: { elements },
  }
}

function excerptElements(view: CardView, level: Level, language: UiLanguage): FeishuElement[] {
  if (!view.excerpt) return []
  const shortened = view.excerpt.text.length > level.excerptChars ? truncateExcerpt(view.excerpt.text, level.excerptChars).text : view.excerpt.text
  const elements: FeishuElement[] = [
    markdown(`**${FEISHU_TEXT.excerptLabel[language]()}**`),
    { tag: 'div', text: plain(shortened) },
  ]
  if (view.excerpt.truncated || shortened !== view.excerpt.text) {
    elements.push(greyText(FEISHU_TEXT.excerptShortened[language](view.excerpt.originalLength)))
  }
  return elements
}

function replyElements(
  view: CardView,
  options: RenderFeishuCardOptions,
  level: Level,
  language: UiLanguage,
  clamp: (text: string) => string,
  valueFor: (action: CardAction) => FeishuActionValue,
): FeishuElement[] {
  const elements: FeishuElement[] = []
  const pick = view.actions.find((action) => action.id === 'bb.pick_template')
  if (pick && !pick.disabled) {
    const recommended = view.templates.recommended.slice(0, level.recommendedTemplates)
    const other = view.templates.other.slice(0, level.otherTemplates)
    const hidden = view.templates.recommended.length + view.templates.other.length - recommended.length - other.length
    if (recommended.length + other.length > 0) {
      elements.push(templatePicker({ recommended, other }, valueFor('bb.pick_template'), language, clamp))
    }
    if (hidden > 0) elements.push(greyText(FEISHU_TEXT.moreTemplates[language](hidden)))
  }
  const edit = view.actions.find((action) => action.id === 'bb.edit')
  if (edit && !edit.disabled) {
    const draft = options.replyDraft ?? ''
    if (draft.length > FEISHU_INPUT_MAX_LENGTH) elements.push(...consoleEditNotice(draft.length, options.consoleEditUrl, language))
    else elements.push(replyForm({ ...edit, label: clamp(edit.label) }, draft, valueFor('bb.edit'), language))
  }
  return elements
}
