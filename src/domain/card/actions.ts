// Which buttons a conversation card offers, and why some are greyed out.
//
// Reply actions (pick template, edit, send) are disabled, in this order of precedence, for a listen-only
// store, paused sending, a closed conversation, a reply awaiting approval, or a reply in flight. Acknowledge
// appears only while a page or an escalation waits for one; Escalate only until escalated (never on the
// manager's escalation card). After an unconfirmed delivery Send stays enabled but asks for confirmation:
// Amazon has no idempotency key, so a human checks Seller Central first.

import type { CardAction, UiLanguage } from '../vocabulary.ts'
import { ACTION_LABELS } from './labels.ts'
import { PHRASES } from './phrases.ts'
import type { CardActionView, ConversationCardInput } from './types.ts'

function action(
  id: CardAction,
  language: UiLanguage,
  options: { style?: CardActionView['style']; disabledReason?: string | null; confirm?: string | null } = {},
): CardActionView {
  const disabledReason = options.disabledReason ?? null
  return {
    id,
    label: ACTION_LABELS[id][language],
    style: options.style ?? 'default',
    disabled: disabledReason !== null,
    disabledReason,
    confirm: options.confirm ?? null,
  }
}

function closedReason(input: ConversationCardInput, language: UiLanguage): string | null {
  const { state } = input.conversation
  if (state === 'replied') return PHRASES.alreadyReplied[language]()
  if (state === 'no-response-needed') return PHRASES.markedNoResponse[language]()
  return null
}

function replyBlockedReason(input: ConversationCardInput, language: UiLanguage): string | null {
  if (input.listenOnly) return PHRASES.listenOnly[language]()
  if (input.paused) return PHRASES.paused[language]()
  const closed = closedReason(input, language)
  if (closed) return closed
  if (input.awaitingApproval || input.lastReply?.state === 'awaiting-approval') {
    return PHRASES.awaitingApproval[language]()
  }
  if (input.lastReply?.state === 'queued' || input.lastReply?.state === 'sending') {
    return PHRASES.replyInFlight[language]()
  }
  return null
}

function acknowledgementAction(input: ConversationCardInput, language: UiLanguage): CardActionView[] {
  const { pagedAfterHours, escalated, acknowledged } = input.conversation
  return (pagedAfterHours || escalated) && !acknowledged ? [action('bb.ack', language, { style: 'primary' })] : []
}

export function approvalActions(input: ConversationCardInput, language: UiLanguage): CardActionView[] {
  const blocked = input.listenOnly
    ? PHRASES.listenOnly[language]()
    : input.paused
      ? PHRASES.paused[language]()
      : closedReason(input, language)
  return [
    action('bb.approve', language, { style: 'primary', disabledReason: blocked }),
    action('bb.reject', language, { style: 'danger', disabledReason: closedReason(input, language) }),
  ]
}

export function conversationActions(input: ConversationCardInput, language: UiLanguage): CardActionView[] {
  const replyBlocked = replyBlockedReason(input, language)
  const closed = closedReason(input, language)
  const noTemplates = input.templates.length === 0 ? PHRASES.noTemplates[language]() : null
  const confirm = input.lastReply?.state === 'unconfirmed' ? PHRASES.confirmAfterUnconfirmed[language]() : null
  const actions = [
    action('bb.pick_template', language, { disabledReason: replyBlocked ?? noTemplates }),
    action('bb.edit', language, { disabledReason: replyBlocked }),
    action('bb.send', language, { style: 'primary', disabledReason: replyBlocked, confirm }),
    action('bb.no_response', language, { disabledReason: closed }),
    action('bb.assign', language, { disabledReason: closed }),
    ...acknowledgementAction(input, language),
  ]
  if (input.variant !== 'escalation' && !input.conversation.escalated) {
    actions.push(action('bb.escalate', language, { style: 'danger' }))
  }
  return actions
}
