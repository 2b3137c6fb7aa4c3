// Modals (the reply editor, the full buyer message), the inline-error answer to a reply submission, and the
// thread notes that record each action under its card.

import { z } from 'zod'
import type { LintFinding } from '../../src/domain/compliance/index.ts'
import { AppError } from '../../src/domain/errors.ts'
import type { UiLanguage } from '../../src/domain/vocabulary.ts'
import type { ModalBlock, ModalView } from './block-kit.ts'
import { plain } from './block-kit.ts'
import { SLACK_LIMITS } from './limits.ts'
import { SLACK_TEXT } from './phrases.ts'
import { clip } from './text.ts'

export const REPLY_EDITOR_CALLBACK = 'bb.reply_editor'
export const REPLY_TEXT_ACTION = 'bb.reply_text'
/** Errors in a `response_action: 'errors'` answer are keyed by block id. */
export const REPLY_TEXT_BLOCK = 'bb.reply_text'
export const FULL_MESSAGE_CALLBACK = 'bb.full_message'

/** What the reply editor carries through Slack: `view_submission` has no channel or message of its own. */
export interface ReplyEditorContext {
  conversationId: string
  cardId: string
  channelId: string | null
  messageTs: string | null
  templateId: string | null
}

const editorMetadata = z.object({
  c: z.string().min(1),
  k: z.string(),
  ch: z.string().nullable(),
  ts: z.string().nullable(),
  t: z.string().nullable(),
})

export function encodeEditorMetadata(context: ReplyEditorContext): string {
  const encoded = JSON.stringify({
    c: context.conversationId,
    k: context.cardId,
    ch: context.channelId,
    ts: context.messageTs,
    t: context.templateId,
  })
  if (encoded.length > SLACK_LIMITS.privateMetadata) {
    throw new AppError('SLACK_METADATA_TOO_LONG', 'reply editor context does not fit in private_metadata', {
      length: encoded.length,
      limit: SLACK_LIMITS.privateMetadata,
    })
  }
  return encoded
}

export function decodeEditorMetadata(raw: string | null | undefined): ReplyEditorContext | null {
  if (!raw) return null
  try {
    const parsed = editorMetadata.safeParse(JSON.parse(raw))
    if (!parsed.success) return null
    const m = parsed.data
    return { conversationId: m.c, cardId: m.k, channelId: m.ch, messageTs: m.ts, templateId: m.t }
  } catch {
    return null
  }
}

export interface ReplyEditorInput {
  context: ReplyEditorContext
  /** The rendered template, pre-filled; cut to Slack's input limit. */
  initialText: string
  language: UiLanguage
}

export function buildReplyEditorModal(input: ReplyEditorInput): ModalView {
  const { language } = input
  return {
    type: 'modal',
    callback_id: REPLY_EDITOR_CALLBACK,
    title: plain(clip(SLACK_TEXT.editorTitle[language], SLACK_LIMITS.modalTitle)),
    submit: plain(clip(SLACK_TEXT.editorSubmit[language], SLACK_LIMITS.modalSubmit)),
    close: plain(clip(SLACK_TEXT.editorClose[language], SLACK_LIMITS.modalClose)),
    private_metadata: encodeEditorMetadata(input.context),
    blocks: [
      {
        type: 'input',
        block_id: REPLY_TEXT_BLOCK,
        label: plain(SLACK_TEXT.editorLabel[language]),
        hint: plain(SLACK_TEXT.editorHint[language]),
        element: {
          type: 'plain_text_input',
          action_id: REPLY_TEXT_ACTION,
          multiline: true,
          max_length: SLACK_LIMITS.plainTextInput,
          ...(input.initialText ? { initial_value: clip(input.initialText, SLACK_LIMITS.plainTextInput) } : {}),
        },
      },
    ],
  }
}

/** Slack shows an error string under its field; long ones are unreadable there, so findings are summed up. */
const ERROR_TEXT_MAX = 1_000
const SPAN_MAX = 40

export interface ViewErrorsResponse {
  response_action: 'errors'
  errors: Record<string, string>
}

/**
 * The answer to a reply submission whose text breaks a blocking lint rule (the modal stays open and shows
 * each rule with the offending words under the field); null when nothing blocks.
 */
export function buildReplyErrors(findings: readonly LintFinding[], text: string, language: UiLanguage): ViewErrorsResponse | null {
  const blocking = findings.filter((finding) => finding.severity === 'block')
  if (blocking.length === 0) return null
  const lines: string[] = []
  let length = 0
  for (const finding of blocking) {
    const message = language === 'zh-CN' ? finding.message_zh : finding.message_en
    const span = clip(text.slice(finding.start, finding.end).replace(/\s+/g, ' ').trim(), SPAN_MAX)
    const line = span && !message.includes(span) ? SLACK_TEXT.lintSpan[language](message, span) : SLACK_TEXT.lintRule[language](message)
    const more = SLACK_TEXT.moreFindings[language](blocking.length - lines.length)
    if (length + line.length + more.length + 1 > ERROR_TEXT_MAX) {
      lines.push(more)
      break
    }
    lines.push(line)
    length += line.length + 1
  }
  return { response_action: 'errors', errors: { [REPLY_TEXT_BLOCK]: clip(lines.join('\n'), ERROR_TEXT_MAX) } }
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
/** Sections per modal for the message (room left for the heading and the "cut" note). */
const MESSAGE_SECTIONS_MAX = SLACK_LIMITS.modalBlocks - 5
const CHUNK = SLACK_LIMITS.sectionText - 100

/** Splits at a line break, a space or a grapheme boundary so that each piece fits in a section. */
function chunks(text: string, size: number, max: number): { pieces: string[]; complete: boolean } {
  const pieces: string[] = []
  let rest = text
  while (rest.length > 0 && pieces.length < max) {
    if (rest.length <= size) {
      pieces.push(rest)
      rest = ''
      break
    }
    let cut = Math.max(rest.lastIndexOf('\n', size), rest.lastIndexOf(' ', size))
    if (cut < size / 2) {
      cut = 0
      for (const { index, segment } of graphemes.segment(rest.slice(0, size + 16))) {
        if (index + segment.length > size) break
        cut = index + segment.length
      }
    }
    pieces.push(rest.slice(0, cut))
    rest = rest.slice(cut).replace(/^[ \n]/, '')
  }
  return { pieces, complete: rest.length === 0 }
}

export interface FullMessageInput {
  text: string
  language: UiLanguage
  /** A line above the message, e.g. store, order and when it was received. */
  heading?: string | null
}

/** The buyer's whole message in a modal (plain text: buyer words never become mentions or links). */
export function buildFullMessageModal(input: FullMessageInput): ModalView {
  const { language } = input
  const { pieces, complete } = chunks(input.text.length > 0 ? input.text : '—', CHUNK, MESSAGE_SECTIONS_MAX)
  const blocks: ModalBlock[] = []
  if (input.heading) blocks.push({ type: 'context', elements: [plain(clip(input.heading, 1_000))] })
  for (const piece of pieces) blocks.push({ type: 'section', text: { type: 'plain_text', text: piece, emoji: false } })
  if (!complete) blocks.push({ type: 'context', elements: [plain(SLACK_TEXT.modalCut[language](input.text.length))] })
  return {
    type: 'modal',
    callback_id: FULL_MESSAGE_CALLBACK,
    title: plain(clip(SLACK_TEXT.messageTitle[language], SLACK_LIMITS.modalTitle)),
    close: plain(clip(SLACK_TEXT.close[language], SLACK_LIMITS.modalClose)),
    blocks,
  }
}
