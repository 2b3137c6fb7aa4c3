// The platform-neutral card: what every chat adapter (Slack Block Kit, Feishu card JSON 2.0, DingTalk card
// parameters) and the web console translate. Text here is plain and unescaped; adapters escape for their
// own markup and apply their own size limits.

import type { SlaStatus } from '../sla.ts'
import type { CardAction, ConversationState, Intent, ReplyPath, ReplyState, RiskFlag, UiLanguage } from '../vocabulary.ts'
import type { FieldKey, Localised } from './labels.ts'

/** `critical` red, `warning` orange, `normal` blue, `resolved` green (replied) or grey (closed otherwise). */
export type CardLevel = 'critical' | 'warning' | 'normal' | 'resolved'
export type CardColour = 'red' | 'orange' | 'blue' | 'green' | 'grey'

export interface CardField {
  key: FieldKey
  label: string
  value: string
  /** Present on time fields: adapters with native date rendering use it, the others show `value`. */
  at?: Date
  emphasis?: 'critical' | 'warning' | null
}

export interface CardBadge {
  flag: RiskFlag
  label: string
  level: 'critical' | 'warning'
}

export interface CardActionView {
  id: CardAction
  label: string
  style: 'primary' | 'danger' | 'default'
  disabled: boolean
  disabledReason: string | null
  /** A question to confirm before acting, e.g. when the previous reply's delivery is unconfirmed. */
  confirm: string | null
}

export interface TemplateChoiceView {
  id: string
  label: string
  path: ReplyPath
  rank: number
  languageFallback: boolean
}

export interface CardExcerpt {
  text: string
  truncated: boolean
  originalLength: number
}

export type CardKind = 'conversation' | 'escalation' | 'approval' | 'account-health'

export interface CardView {
  kind: CardKind
  /** Conversation id (account-health: the alert id); adapters put it in every action's value. */
  subjectId: string
  uiLanguage: UiLanguage
  header: { title: string; subtitle: string | null; level: CardLevel; colour: CardColour }
  /** Shown prominently above the fields: the escalation reason, the approval request, the health change. */
  highlight: { label: string; text: string } | null
  fields: CardField[]
  badges: CardBadge[]
  excerpt: CardExcerpt | null
  templates: { recommended: TemplateChoiceView[]; other: TemplateChoiceView[] }
  actions: CardActionView[]
  status: string[]
  /** One plain line for notifications and platforms that show no card (push previews, robot fallbacks). */
  fallbackText: string
}

export interface CardBudget {
  /** Maximum length of the message excerpt, in UTF-16 code units including the ellipsis. */
  excerptChars: number
  /** How many templates are "recommended" (the best ranks); the default is 3. */
  recommendedTemplates?: number
}

export interface TemplateChoiceInput {
  id: string
  title: Localised
  path: ReplyPath
  /** 1 is the best match. */
  rank: number
  /** The template is not in the buyer's language and falls back to another one. */
  languageFallback: boolean
}

export interface LastReplyInput {
  path: ReplyPath
  state: ReplyState
  sentBy: string
  /** When it was sent (or last attempted). */
  sentAt: Date | null
  failureReason: string | null
}

export interface AwaitingApprovalInput {
  requestedBy: string
  requestedAt: Date
  /** Why approval is needed, e.g. "risk flag legal-threat". */
  reason: string
  templateTitle: Localised | null
  replyText: string
}

export interface ConversationCardInput {
  /** `escalation` is the manager's copy; `approval` asks a manager to approve a held reply. */
  variant?: 'conversation' | 'escalation' | 'approval'
  now: Date
  /** Time zone for formatted times (the team's); default UTC. */
  displayTimeZone?: string
  /** SLA `due-soon` threshold in ms; default 6 h. */
  dueSoonWithin?: number
  conversation: {
    id: string
    storeName: string
    marketplace: string
    orderId: string | null
    /** The buyer's display name only; an e-mail address here is masked. */
    buyerName: string | null
    productTitle: string | null
    /** Detected buyer language (ISO 639-1), null when unknown. */
    language: string | null
    intent: Intent
    riskFlags: readonly RiskFlag[]
    /** 0..100 */
    riskScore: number
    state: ConversationState
    slaDueAt: Date | null
    assignee: string | null
    escalated: { by: string; at: Date; reason: string } | null
    acknowledged: { by: string; at: Date } | null
    /**
     * Whom the escalation reached: managers by name (DMs) and how many manager channels. Shown on every card of
     * the conversation as "Escalated to …" once it is escalated; absent or null: not known.
     */
    escalatedTo?: { people: readonly string[]; channels: number } | null
    /** The people paged after hours (on-call chain steps), in the order they were paged. */
    pagedPeople?: readonly string[]
    pagedAfterHours: boolean
    latestMessageText: string
    messageCount: number
  }
  templates: readonly TemplateChoiceInput[]
  lastReply: LastReplyInput | null
  /** The store is connected in alerts-only mode: nothing can be sent from the cards. */
  listenOnly: boolean
  /** Sending is paused by an operator. */
  paused: boolean
  awaitingApproval: AwaitingApprovalInput | null
}
