// CardView → DingTalk `cardParamMap` for the template in docs/dingtalk-card-template.json. Every value is
// a string within DingTalk's 1 KB per value; when the whole map is over the card budget the long texts are
// cut further, level by level, until it fits.

import type { CardView } from '../../../src/domain/card/index.ts'
import { ELLIPSIS, truncateExcerpt } from '../../../src/domain/card/index.ts'
import { AppError } from '../../../src/domain/errors.ts'
import type { CardAction, UiLanguage } from '../../../src/domain/vocabulary.ts'
import type { DingtalkActionButton, DingtalkBadge, DingtalkCardParamMap, DingtalkTemplateOption } from './params.ts'
import { type CardDataLimits, cardDataBytes, DEFAULT_CARD_DATA_LIMITS, utf8Bytes } from './size.ts'
import { DINGTALK_TEXT, excerptNote } from './strings.ts'

export interface RenderDingtalkCardOptions {
  /** The card row's own stable id: the `outTrackId`, echoed back in every callback. */
  cardId: string
  /** Defaults to the view's subject id. */
  conversationId?: string
  /** Changes whenever the card is re-rendered for new state (e.g. the card row's version); default "1". */
  revision?: string
  /** The rendered reply to edit in the card's input (after a template was picked). */
  replyDraft?: string | null
  selectedTemplateId?: string | null
  /** Signed console link for replies too long for a DingTalk card value. */
  consoleEditUrl?: string
  /** A line shown above the buttons (e.g. the result of the last action). */
  notice?: string
  /** Language of the adapter's own words; defaults to the view's (zh-CN unless the view says otherwise). */
  language?: UiLanguage
  limits?: Partial<CardDataLimits>
}

/** How many bytes the shrinkable texts may take, per level. */
const LEVEL_TEXT_BYTES: readonly number[] = [Number.MAX_SAFE_INTEGER, 700, 450, 300, 200, 120]
const TEMPLATE_LABEL_BYTES = 150
const BUTTON_TEXT_BYTES = 60
const SEPARATELY_RENDERED: readonly CardAction[] = ['bb.pick_template', 'bb.edit']

export function renderDingtalkCardData(view: CardView, options: RenderDingtalkCardOptions): DingtalkCardParamMap {
  const limits = { ...DEFAULT_CARD_DATA_LIMITS, ...options.limits }
  for (const textBytes of LEVEL_TEXT_BYTES) {
    const map = renderAtLevel(view, options, Math.min(textBytes, limits.valueMaxBytes), limits.valueMaxBytes)
    if (cardDataBytes(map) <= limits.totalMaxBytes) return map
  }
  throw new AppError('DINGTALK_CARD_TOO_LARGE', 'the card data does not fit in the DingTalk card budget even when shortened', {
    subjectId: view.subjectId,
    totalMaxBytes: limits.totalMaxBytes,
  })
}

function renderAtLevel(view: CardView, options: RenderDingtalkCardOptions, textBytes: number, valueMax: number): DingtalkCardParamMap {
  const language = options.language ?? view.uiLanguage
  const fit = (text: string, max = textBytes): string => clampBytes(text, Math.min(max, valueMax))
  const pickAction = view.actions.find((action) => action.id === 'bb.pick_template')
  const editAction = view.actions.find((action) => action.id === 'bb.edit')
  const excerpt = view.excerpt ? fit(view.excerpt.text) : ''
  const excerptCut = view.excerpt !== null && (view.excerpt.truncated || excerpt !== view.excerpt.text)
  const draft = options.replyDraft ?? ''
  const draftFits = utf8Bytes(draft) <= valueMax
  const editable = editAction !== undefined && !editAction.disabled && draftFits
  const replyNote = !draftFits
    ? options.consoleEditUrl
      ? `${DINGTALK_TEXT.replyTooLong[language]} ${options.consoleEditUrl}`
      : DINGTALK_TEXT.replyTooLongWithoutLink[language]
    : (editAction?.disabledReason ?? '')
  return {
    lang: language,
    kind: view.kind,
    title: fit(view.header.title, 300),
    subtitle: fit(view.header.subtitle ?? '', 300),
    level: view.header.level,
    colour: view.header.colour,
    highlightLabel: fit(view.highlight?.label ?? '', 200),
    highlightText: fit(view.highlight?.text ?? ''),
    fields: fitLines(
      view.fields.map((field) => fieldLine(field.label, field.value, field.emphasis ?? null, language)),
      Math.min(textBytes, valueMax),
    ),
    badges: fitJsonList<DingtalkBadge>(
      view.badges.map((badge) => ({ text: clampBytes(badge.label, 60), level: badge.level })),
      valueMax,
    ),
    excerpt,
    excerptNote: excerptCut && view.excerpt ? fit(excerptNote(language, view.excerpt.originalLength, excerpt.endsWith(ELLIPSIS) ? excerpt.length - 1 : excerpt.length), 300) : '',
    templateOptions: fitJsonList<DingtalkTemplateOption>(templateOptions(view, language), valueMax),
    templatePlaceholder: DINGTALK_TEXT.templatePlaceholder[language],
    templatePickable: String(pickAction !== undefined && !pickAction.disabled),
    selectedTemplateId: options.selectedTemplateId ?? '',
    actions: fitJsonList<DingtalkActionButton>(buttons(view), valueMax),
    replyLabel: DINGTALK_TEXT.replyLabel[language],
    replyDraft: draftFits ? draft : '',
    replyPlaceholder: DINGTALK_TEXT.replyPlaceholder[language],
    replyEditable: String(editable),
    replyNote: fit(replyNote, 600),
    status: fitLines(view.status, Math.min(textBytes, valueMax)),
    notice: fit(options.notice ?? '', 300),
    conversationId: options.conversationId ?? view.subjectId,
    cardId: options.cardId,
    revision: options.revision ?? '1',
  }
}

function templateOptions(view: CardView, language: UiLanguage): DingtalkTemplateOption[] {
  const mark = DINGTALK_TEXT.recommendedMark[language]
  return [
    ...view.templates.recommended.map((t) => ({ value: t.id, text: clampBytes(mark + t.label, TEMPLATE_LABEL_BYTES), recommended: true })),
    ...view.templates.other.map((t) => ({ value: t.id, text: clampBytes(t.label, TEMPLATE_LABEL_BYTES), recommended: false })),
  ]
}

function buttons(view: CardView): DingtalkActionButton[] {
  return view.actions
    .filter((action) => !SEPARATELY_RENDERED.includes(action.id))
    .map((action) => ({
      id: action.id,
      text: clampBytes(action.label, BUTTON_TEXT_BYTES),
      style: action.style,
      disabled: action.disabled,
      reason: clampBytes(action.disabledReason ?? '', 200),
      confirm: clampBytes(action.confirm ?? '', 300),
    }))
}

function fieldLine(label: string, value: string, emphasis: 'critical' | 'warning' | null, language: UiLanguage): string {
  const separator = language === 'zh-CN' ? '：' : ': '
  const shown = escapeMarkdown(clampBytes(value, 240))
  return `**${escapeMarkdown(label)}**${separator}${emphasis ? `**${shown}**` : shown}`
}

/** DingTalk card markdown: buyer and store text must not become links, headings or formatting. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]()#<>~|!]/g, (char) => `\\${char}`).replace(/\n/g, ' ')
}

/** The longest prefix of `lines` (one per line) within `maxBytes`; a line that alone is too long is cut. */
function fitLines(lines: readonly string[], maxBytes: number): string {
  let text = ''
  for (const line of lines) {
    const next = text === '' ? line : `${text}\n${line}`
    if (utf8Bytes(next) <= maxBytes) {
      text = next
      continue
    }
    if (text === '') text = clampBytes(line, maxBytes)
    break
  }
  return text
}

/** The JSON encoding of the longest prefix of `items` within `maxBytes`. */
function fitJsonList<T>(items: readonly T[], maxBytes: number): string {
  let count = items.length
  let encoded = JSON.stringify(items)
  while (count > 0 && utf8Bytes(encoded) > maxBytes) {
    count--
    encoded = JSON.stringify(items.slice(0, count))
  }
  return encoded
}

/** Cuts `text` (at a grapheme or word boundary, with an ellipsis) to at most `maxBytes` of UTF-8. */
export function clampBytes(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text
  if (maxBytes < 4) return ''
  let low = 2
  let high = Math.min(text.length, maxBytes)
  let best = ''
  while (low <= high) {
    const middle = Math.floor((low + high) / 2)
    const candidate = truncateExcerpt(text, middle).text
    if (utf8Bytes(candidate) <= maxBytes) {
      best = candidate
      low = middle + 1
    } else {
      high = middle - 1
    }
  }
  return best
}
