// CardView → Block Kit message. Whatever the input, the result passes validateSlackMessage: every piece of
// text is cut to its own limit, then the template list and the excerpt share what is left of the budget.

import type { CardActionView, CardField, CardView, TemplateChoiceView } from '../../src/domain/card/index.ts'
import { PHRASES } from '../../src/domain/card/index.ts'
import { AppError } from '../../src/domain/errors.ts'
import type { UiLanguage } from '../../src/domain/vocabulary.ts'
import type {
  ActionsBlock,
  ButtonElement,
  ContextBlock,
  MessageBlock,
  OptionGroup,
  SectionBlock,
  SelectOption,
  SlackMessage,
} from './block-kit.ts'
import { mrkdwn, plain } from './block-kit.ts'
import { encodeCardRef, refBlockId, type CardRef } from './card-ref.ts'
import { blockTextLength, SLACK_LIMITS, validateSlackMessage } from './limits.ts'
import { SLACK_TEXT } from './phrases.ts'
import { clip, escapedClip, escapeMrkdwn, flagEmoji, maskAliasAddresses, slackDate } from './text.ts'

/** The action id of the excerpt's "full message" button (Slack-only: it opens a modal, it changes nothing). */
export const VIEW_MESSAGE_ACTION = 'bb.view_message'
export const TEMPLATE_SELECT_BLOCK = 'bb.templates'
export const ACTIONS_BLOCK = 'bb.actions'

/** The excerpt budget to ask the domain for when building a view for Slack. */
export const SLACK_CARD_BUDGET = { excerptChars: 2_500 } as const

export interface RenderSlackCardOptions {
  /** The posted card's id (the lead's `cards` row); carried in every action value with the conversation id. */
  cardId: string
  /** Marketplace code for the flag; by default the code that starts the view's marketplace field (`DE · …`). */
  marketplace?: string
}

const FIELD_VALUE_MAX = 250
const SUBTITLE_MAX = 300
const HIGHLIGHT_MAX = 1_000
const REPLY_MAX = 1_500
const STATUS_MAX = 1_500
const DISABLED_REASON_MAX = 300
/** The excerpt keeps at least this much of the budget before templates are dropped to make room. */
const EXCERPT_RESERVE = 1_000
/** Room kept for the small context lines added after sizing ("N more templates", "showing x of y"). */
const NOTES_RESERVE = 160

const LEVEL_EMOJI: Record<CardView['header']['colour'], string> = {
  red: '🔴',
  orange: '🟠',
  blue: '🔵',
  green: '✅',
  grey: '⚪',
}
const INSTANT_PREFIX = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC(?:[+-]\d{2}:\d{2})?/

function marketplaceCode(view: CardView, options: RenderSlackCardOptions): string | null {
  if (options.marketplace) return options.marketplace
  const value = view.fields.find((field) => field.key === 'marketplace')?.value ?? ''
  return /^[A-Z]{2}\b/.exec(value)?.[0] ?? null
}

function fieldValue(field: CardField, language: UiLanguage): string {
  const masked = maskAliasAddresses(clip(field.value, FIELD_VALUE_MAX), PHRASES.buyerAddressMask[language]())
  const instant = field.at ? INSTANT_PREFIX.exec(masked)?.[0] : undefined
  const emphasis = field.emphasis === 'critical' ? '🔴 ' : field.emphasis === 'warning' ? '🟠 ' : ''
  if (!field.at || !instant) return emphasis + escapeMrkdwn(masked)
  return emphasis + slackDate(field.at, instant) + escapeMrkdwn(masked.slice(instant.length))
}

function headerBlocks(view: CardView, options: RenderSlackCardOptions): MessageBlock[] {
  const flag = flagEmoji(marketplaceCode(view, options))
  const title = [LEVEL_EMOJI[view.header.colour], flag, view.header.title].filter(Boolean).join(' ')
  const blocks: MessageBlock[] = [{ type: 'header', block_id: 'bb.header', text: plain(clip(title, SLACK_LIMITS.headerText)) }]
  const badges = view.badges.map((badge) => `${badge.level === 'critical' ? '🚨' : '⚠️'} *${escapedClip(badge.label, 60)}*`)
  const line = [...badges, view.header.subtitle ? escapedClip(view.header.subtitle, SUBTITLE_MAX) : null].filter(Boolean).join('   ')
  if (line) blocks.push({ type: 'context', block_id: 'bb.badges', elements: [mrkdwn(line)] })
  if (view.highlight) {
    const label = escapedClip(view.highlight.label, 100)
    blocks.push({
      type: 'section',
      block_id: 'bb.highlight',
      text: mrkdwn(`*${label}*\n${escapedClip(view.highlight.text, HIGHLIGHT_MAX)}`),
    })
  }
  return blocks
}

function fieldBlocks(view: CardView): MessageBlock[] {
  const language = view.uiLanguage
  const shown = view.fields.filter((field) => field.key !== 'reply')
  const blocks: MessageBlock[] = []
  for (let i = 0; i < shown.length; i += SLACK_LIMITS.sectionFields) {
    const fields = shown
      .slice(i, i + SLACK_LIMITS.sectionFields)
      .map((field) => mrkdwn(`*${escapedClip(field.label, 100)}*\n${fieldValue(field, language)}`))
    blocks.push({ type: 'section', block_id: `bb.fields.${i / SLACK_LIMITS.sectionFields}`, fields })
  }
  const reply = view.fields.find((field) => field.key === 'reply')
  if (reply) {
    blocks.push({
      type: 'section',
      block_id: 'bb.reply',
      text: mrkdwn(`*${escapedClip(reply.label, 100)}*\n${escapedClip(reply.value, REPLY_MAX)}`),
    })
  }
  return blocks
}

type ButtonSpec = Pick<CardActionView, 'label' | 'style' | 'confirm'> & { id: string }

function button(action: ButtonSpec, ref: CardRef, language: UiLanguage): ButtonElement {
  const element: ButtonElement = {
    type: 'button',
    action_id: action.id,
    text: plain(clip(action.label, SLACK_LIMITS.buttonText)),
    value: encodeCardRef(ref),
  }
  if (action.style !== 'default') element.style = action.style
  if (action.confirm) {
    element.confirm = {
      title: plain(clip(SLACK_TEXT.confirmTitle[language], SLACK_LIMITS.confirmTitle)),
      text: plain(clip(action.confirm, SLACK_LIMITS.confirmText)),
      confirm: plain(clip(SLACK_TEXT.confirmYes[language], SLACK_LIMITS.confirmButton)),
      deny: plain(clip(SLACK_TEXT.confirmNo[language], SLACK_LIMITS.confirmButton)),
    }
    if (action.style === 'danger') element.confirm.style = 'danger'
  }
  return element
}

function actionBlocks(view: CardView, ref: CardRef): MessageBlock[] {
  const language = view.uiLanguage
  const buttons = view.actions
    .filter((action) => action.id !== 'bb.pick_template' && !action.disabled)
    .slice(0, SLACK_LIMITS.actionsElements)
    .map((action) => button(action, ref, language))
  const blocks: MessageBlock[] = []
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: refBlockId(ACTIONS_BLOCK, ref), elements: buttons })
  // Slack buttons cannot be greyed out: a disabled action is left off and its reason said here.
  const byReason = new Map<string, string[]>()
  for (const action of view.actions) {
    if (!action.disabled) continue
    const reason = action.disabledReason ?? '—'
    byReason.set(reason, [...(byReason.get(reason) ?? []), action.label])
  }
  const explanations = [...byReason]
    .slice(0, SLACK_LIMITS.contextElements)
    .map(([reason, labels]) => mrkdwn(escapedClip(SLACK_TEXT.unavailable[language](labels.join(SLACK_TEXT.listSeparator[language]), reason), DISABLED_REASON_MAX)))
  if (explanations.length > 0) blocks.push({ type: 'context', block_id: 'bb.disabled', elements: explanations })
  return blocks
}

function statusBlocks(view: CardView): MessageBlock[] {
  if (view.status.length === 0) return []
  const text = escapedClip(view.status.join('\n'), STATUS_MAX)
  return [{ type: 'context', block_id: 'bb.status', elements: [mrkdwn(text)] }]
}

interface TemplatePick {
  block: ActionsBlock
  hidden: number
}

/** The template select holding as many options as `room` characters allow (recommended ones first). */
function templateSelect(view: CardView, ref: CardRef, room: number): TemplatePick | null {
  const pick = view.actions.find((action) => action.id === 'bb.pick_template')
  const all = [...view.templates.recommended, ...view.templates.other]
  if (!pick || pick.disabled || all.length === 0) return null
  const language = view.uiLanguage
  const placeholder = plain(clip(SLACK_TEXT.pickTemplate[language], SLACK_LIMITS.placeholder))
  const groupLabels = [SLACK_TEXT.recommended[language], SLACK_TEXT.otherTemplates[language]]
  let used = placeholder.text.length + groupLabels.join('').length
  const option = (template: TemplateChoiceView): SelectOption => ({
    text: plain(clip(template.label, SLACK_LIMITS.optionText)),
    value: template.id,
  })
  const taken = new Set<TemplateChoiceView>()
  for (const template of all) {
    if (taken.size >= SLACK_LIMITS.selectOptions) break
    if (template.id.length > SLACK_LIMITS.optionValue || template.id.length === 0) continue
    const size = option(template).text.text.length
    if (used + size > room) break
    used += size
    taken.add(template)
  }
  const groups: OptionGroup[] = [
    { label: plain(groupLabels[0] ?? ''), options: view.templates.recommended.filter((t) => taken.has(t)).map(option) },
    { label: plain(groupLabels[1] ?? ''), options: view.templates.other.filter((t) => taken.has(t)).map(option) },
  ].filter((group) => group.options.length > 0)
  if (groups.length === 0) return null
  return {
    block: {
      type: 'actions',
      block_id: refBlockId(TEMPLATE_SELECT_BLOCK, ref),
      elements: [{ type: 'static_select', action_id: 'bb.pick_template', placeholder, option_groups: groups }],
    },
    hidden: all.length - taken.size,
  }
}

function excerptBlocks(view: CardView, ref: CardRef, room: number): MessageBlock[] {
  const excerpt = view.excerpt
  if (!excerpt || excerpt.text.length === 0) return []
  const language = view.uiLanguage
  const text = clip(excerpt.text, Math.max(0, Math.min(SLACK_LIMITS.sectionText, room)))
  const section: SectionBlock = {
    type: 'section',
    block_id: 'bb.excerpt',
    text: { type: 'plain_text', text: text.length > 0 ? text : '…', emoji: false },
    accessory: button({ id: VIEW_MESSAGE_ACTION, label: SLACK_TEXT.fullMessage[language], style: 'default', confirm: null }, ref, language),
  }
  const blocks: MessageBlock[] = [section]
  const shown = text === excerpt.text && !excerpt.truncated ? null : text.length
  if (shown !== null) {
    const note: ContextBlock = {
      type: 'context',
      block_id: 'bb.excerpt_note',
      elements: [mrkdwn(SLACK_TEXT.messageTruncated[language](shown, excerpt.originalLength))],
    }
    blocks.push(note)
  }
  return blocks
}

/** Block Kit `{ text, blocks }` for `view`; throws SLACK_CARD_INVALID only if a limit could still be broken. */
export function renderSlackCard(view: CardView, options: RenderSlackCardOptions): SlackMessage {
  const ref: CardRef = { conversationId: view.subjectId, cardId: options.cardId }
  const language = view.uiLanguage
  const head = headerBlocks(view, options)
  const fields = fieldBlocks(view)
  const actions = actionBlocks(view, ref)
  const status = statusBlocks(view)
  const fixed = blockTextLength([...head, ...fields, ...actions, ...status])
  const excerptLength = view.excerpt?.text.length ?? 0
  const available = SLACK_LIMITS.messageTextTotal - NOTES_RESERVE - fixed
  const select = templateSelect(view, ref, available - Math.min(excerptLength, EXCERPT_RESERVE))
  const selectSize = select ? blockTextLength([select.block]) : 0
  const excerpt = excerptBlocks(view, ref, available - selectSize - SLACK_TEXT.fullMessage[language].length)
  const more: MessageBlock[] =
    select && select.hidden > 0
      ? [{ type: 'context', block_id: 'bb.templates_more', elements: [mrkdwn(SLACK_TEXT.moreTemplates[language](select.hidden))] }]
      : []
  const blocks = [...head, ...fields, ...excerpt, ...(select ? [select.block] : []), ...more, ...actions, ...status]
  const text = escapedClip(maskAliasAddresses(clip(view.fallbackText, 1_000), PHRASES.buyerAddressMask[language]()), SLACK_LIMITS.fallbackText)
  const message: SlackMessage = { text, blocks: blocks.slice(0, SLACK_LIMITS.messageBlocks) }
  const violations = validateSlackMessage(message)
  if (violations.length > 0) {
    throw new AppError('SLACK_CARD_INVALID', 'the rendered card breaks Slack limits', { violations })
  }
  return message
}
