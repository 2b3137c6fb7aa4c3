// The conversation card (agents), its manager-escalation variant and the reply-approval variant.
//
// Header level: `resolved` once the conversation is closed (green when replied, grey when no response was
// needed); otherwise `critical` for a critical risk flag or a score of 70+, `warning` for any other flag or a
// score of 40+, `normal` otherwise.

import { AppError } from '../errors.ts'
import { slaStatus } from '../sla.ts'
import type { RiskFlag, UiLanguage } from '../vocabulary.ts'
import { approvalActions, conversationActions } from './actions.ts'
import { normaliseForDisplay, truncateExcerpt } from './excerpt.ts'
import { formatDuration, formatInstant, languageLabel, marketplaceLabel, replyPathLabel } from './format.ts'
import { FIELD_LABELS, INTENT_LABELS, REPLY_STATE_LABELS, RISK_FLAG_LABELS, SLA_STATUS_LABELS, STATE_LABELS } from './labels.ts'
import type { FieldKey } from './labels.ts'
import { PHRASES } from './phrases.ts'
import type {
  CardBadge,
  CardBudget,
  CardColour,
  CardField,
  CardLevel,
  CardView,
  ConversationCardInput,
  TemplateChoiceView,
} from './types.ts'

export const CRITICAL_RISK_FLAGS: readonly RiskFlag[] = ['a-to-z', 'chargeback', 'legal-threat', 'safety', 'counterfeit']
export const CRITICAL_RISK_SCORE = 70
export const WARNING_RISK_SCORE = 40
const DEFAULT_RECOMMENDED_TEMPLATES = 3

export function riskLevel(flags: readonly RiskFlag[], score: number): 'critical' | 'warning' | 'normal' {
  if (score >= CRITICAL_RISK_SCORE || flags.some((flag) => CRITICAL_RISK_FLAGS.includes(flag))) return 'critical'
  if (score >= WARNING_RISK_SCORE || flags.length > 0) return 'warning'
  return 'normal'
}

const COLOURS: Record<Exclude<CardLevel, 'resolved'>, CardColour> = { critical: 'red', warning: 'orange', normal: 'blue' }

function header(input: ConversationCardInput, language: UiLanguage): CardView['header'] {
  const { conversation } = input
  const intent = INTENT_LABELS[conversation.intent][language]
  const title =
    input.variant === 'escalation'
      ? PHRASES.escalationTitle[language](intent, conversation.storeName)
      : input.variant === 'approval'
        ? PHRASES.approvalTitle[language](conversation.storeName)
        : PHRASES.conversationTitle[language](intent, conversation.storeName)
  const subtitle = [conversation.orderId, STATE_LABELS[conversation.state][language]].filter(Boolean).join(' · ')
  if (conversation.state === 'replied') return { title, subtitle, level: 'resolved', colour: 'green' }
  if (conversation.state === 'no-response-needed') return { title, subtitle, level: 'resolved', colour: 'grey' }
  const level = riskLevel(conversation.riskFlags, conversation.riskScore)
  return { title, subtitle, level, colour: COLOURS[level] }
}

function safeBuyerName(name: string | null, language: UiLanguage): string {
  if (!name || name.includes('@')) return PHRASES.buyerFallbackName[language]()
  return name
}

function slaFields(input: ConversationCardInput, language: UiLanguage, timeZone: string): CardField[] {
  const due = input.conversation.slaDueAt
  const field = (key: FieldKey, value: string, extra: Partial<CardField> = {}): CardField => ({
    key,
    label: FIELD_LABELS[key][language],
    value,
    ...extra,
  })
  if (!due) return [field('slaDue', PHRASES.noSla[language]())]
  const status = slaStatus(due, input.now, input.dueSoonWithin === undefined ? {} : { dueSoonWithin: input.dueSoonWithin })
  const remaining = due.getTime() - input.now.getTime()
  const relative =
    remaining > 0
      ? PHRASES.dueIn[language](formatDuration(remaining, language))
      : PHRASES.overdueBy[language](formatDuration(remaining, language))
  const emphasis = status === 'breached' ? 'critical' : status === 'due-soon' ? 'warning' : null
  return [
    field('slaDue', `${formatInstant(due, timeZone)} (${relative})`, { at: due, emphasis }),
    field('slaStatus', SLA_STATUS_LABELS[status][language], { emphasis }),
  ]
}

function fields(input: ConversationCardInput, language: UiLanguage, timeZone: string): CardField[] {
  const c = input.conversation
  const none = PHRASES.unknown[language]()
  const field = (key: FieldKey, value: string): CardField => ({ key, label: FIELD_LABELS[key][language], value })
  const list: CardField[] = [
    field('store', c.storeName),
    field('marketplace', marketplaceLabel(c.marketplace, language)),
    field('order', c.orderId ?? none),
    field('buyer', safeBuyerName(c.buyerName, language)),
  ]
  if (c.productTitle) list.push(field('product', c.productTitle))
  list.push(
    field('language', languageLabel(c.language, language)),
    field('intent', INTENT_LABELS[c.intent][language]),
    field('state', STATE_LABELS[c.state][language]),
    field('assignee', c.assignee ?? PHRASES.unassigned[language]()),
    ...reachedFields(input, language),
    ...slaFields(input, language, timeZone),
    field('messages', PHRASES.messageCount[language](c.messageCount)),
    field('riskScore', String(c.riskScore)),
  )
  return list
}

/** "Escalated to Li Wei, managers' channel" and "On call paged: Ana, Bo", once there is something to say. */
function reachedFields(input: ConversationCardInput, language: UiLanguage): CardField[] {
  const c = input.conversation
  const list: CardField[] = []
  const join = (names: readonly string[]) => names.join(PHRASES.listSeparator[language]())
  if (c.escalated && c.escalatedTo) {
    const names = [...c.escalatedTo.people, ...(c.escalatedTo.channels > 0 ? [PHRASES.managersChannel[language]()] : [])]
    const value = names.length > 0 ? join(names) : PHRASES.noManagerReached[language]()
    list.push({ key: 'escalatedTo', label: FIELD_LABELS.escalatedTo[language], value })
  }
  if (c.pagedPeople && c.pagedPeople.length > 0) {
    list.push({ key: 'pagedOnCall', label: FIELD_LABELS.pagedOnCall[language], value: join(c.pagedPeople) })
  }
  return list
}

function badges(flags: readonly RiskFlag[], language: UiLanguage): CardBadge[] {
  return [...new Set(flags)].map((flag) => ({
    flag,
    label: RISK_FLAG_LABELS[flag][language],
    level: CRITICAL_RISK_FLAGS.includes(flag) ? 'critical' : 'warning',
  }))
}

function templateChoices(input: ConversationCardInput, language: UiLanguage, budget: CardBudget): CardView['templates'] {
  const fallbackMark = language === 'zh-CN' ? '（非买家语言）' : ' (not in buyer language)'
  const sorted: TemplateChoiceView[] = [...input.templates]
    .sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id))
    .map((t) => ({
      id: t.id,
      label: `${t.title[language]} · ${replyPathLabel(t.path, language)}${t.languageFallback ? fallbackMark : ''}`,
      path: t.path,
      rank: t.rank,
      languageFallback: t.languageFallback,
    }))
  const count = budget.recommendedTemplates ?? DEFAULT_RECOMMENDED_TEMPLATES
  if (!Number.isInteger(count) || count < 0) {
    throw new AppError('INVALID_BUDGET', 'recommendedTemplates must be a non-negative integer', { recommendedTemplates: count })
  }
  return { recommended: sorted.slice(0, count), other: sorted.slice(count) }
}

function statusLines(input: ConversationCardInput, language: UiLanguage, timeZone: string): string[] {
  const c = input.conversation
  const when = (at: Date) => formatInstant(at, timeZone)
  const lines: string[] = []
  if (input.listenOnly) lines.push(PHRASES.listenOnly[language]())
  if (input.paused) lines.push(PHRASES.paused[language]())
  if (c.assignee) lines.push(PHRASES.assignedTo[language](c.assignee))
  if (c.escalated) lines.push(PHRASES.escalatedBy[language](c.escalated.by, when(c.escalated.at)))
  if (c.acknowledged) lines.push(PHRASES.acknowledgedBy[language](c.acknowledged.by, when(c.acknowledged.at)))
  else if (c.pagedAfterHours) lines.push(PHRASES.pagedAwaitingAck[language]())
  if (input.awaitingApproval) {
    const request = input.awaitingApproval
    lines.push(PHRASES.approvalRequested[language](request.requestedBy, when(request.requestedAt)))
  }
  const reply = input.lastReply
  if (reply) {
    lines.push(
      PHRASES.reply[language](
        replyPathLabel(reply.path, language),
        REPLY_STATE_LABELS[reply.state][language],
        reply.sentBy,
        reply.sentAt ? when(reply.sentAt) : '',
      ),
    )
    if (reply.state === 'failed' && reply.failureReason) lines.push(PHRASES.failureReason[language](reply.failureReason))
  }
  return lines
}

function highlight(input: ConversationCardInput, language: UiLanguage): CardView['highlight'] {
  if (input.variant === 'escalation') {
    const escalated = input.conversation.escalated
    if (!escalated) throw new AppError('INVALID_CARD_INPUT', 'an escalation card needs the escalation (who, when, why)')
    return { label: PHRASES.escalationReason[language](), text: escalated.reason }
  }
  if (input.variant === 'approval') {
    if (!input.awaitingApproval) throw new AppError('INVALID_CARD_INPUT', 'an approval card needs the reply awaiting approval')
    return { label: PHRASES.approvalReason[language](), text: input.awaitingApproval.reason }
  }
  return null
}

/** The platform-neutral view of a conversation for `uiLanguage`, within `budget`. */
export function buildCardView(input: ConversationCardInput, uiLanguage: UiLanguage, budget: CardBudget): CardView {
  const timeZone = input.displayTimeZone ?? 'UTC'
  const highlighted = highlight(input, uiLanguage)
  const head = header(input, uiLanguage)
  const excerpt = truncateExcerpt(
    normaliseForDisplay(input.conversation.latestMessageText, PHRASES.buyerAddressMask[uiLanguage]()),
    budget.excerptChars,
  )
  const cardFields = fields(input, uiLanguage, timeZone)
  if (input.variant === 'approval' && input.awaitingApproval) {
    const reply = truncateExcerpt(input.awaitingApproval.replyText, budget.excerptChars)
    cardFields.push({ key: 'reply', label: FIELD_LABELS.reply[uiLanguage], value: reply.text })
  }
  const sla = cardFields.find((field) => field.key === 'slaDue')
  return {
    kind: input.variant ?? 'conversation',
    subjectId: input.conversation.id,
    uiLanguage,
    header: head,
    highlight: highlighted,
    fields: cardFields,
    badges: badges(input.conversation.riskFlags, uiLanguage),
    excerpt,
    templates: input.variant === 'approval' ? { recommended: [], other: [] } : templateChoices(input, uiLanguage, budget),
    actions: input.variant === 'approval' ? approvalActions(input, uiLanguage) : conversationActions(input, uiLanguage),
    status: statusLines(input, uiLanguage, timeZone),
    fallbackText: [head.title, head.subtitle, sla?.value].filter(Boolean).join(' · '),
  }
}
