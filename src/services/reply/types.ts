import type { Transaction } from 'kysely'
import type { Database, Db } from '../../db/schema.ts'
import type { StoredReplyState } from '../../db/tables/replies.ts'
import type { LintFinding } from '../../domain/compliance/index.ts'
import type { TemplateLibrary } from '../../domain/templates/index.ts'
import type { Platform, ReplyPath, TemplateLanguage } from '../../domain/vocabulary.ts'
import type { Clock } from '../../ports/clock.ts'
import type { ReplySender } from '../../ports/reply-sender.ts'
import type { TextNote } from '../commands/conversation-commands.ts'

/** Who clicked, on which platform: the platform's own user id is matched against `people` in the config. */
export interface Actor {
  platform: Platform
  userId: string
  displayName: string
  /**
   * Other ids that stand for this user in the people config: Slack user groups (S… ids) they are a member of,
   * their Feishu union_id (on_…) next to the open_id.
   */
  groups?: readonly string[]
}

export type Role = 'agent' | 'manager' | 'oncall'

/** A person from `config.file.people`. */
export interface Person {
  id: string
  name: string
  roles: readonly Role[]
  slack?: string | undefined
  feishu?: string | undefined
  dingtalk?: string | undefined
  console?: string | undefined
}

export interface ApprovalRules {
  /** Person ids whose replies need a manager's approval. */
  agents: readonly string[]
  templates: readonly string[]
  minRiskScore?: number | undefined
}

export interface SendPolicy {
  /** Sender calls in total for one reply before a transient failure becomes `failed`. */
  maxAttempts: number
  /** Wait before the next attempt after a transient failure, by attempt number (the last entry repeats). */
  retryDelaysSeconds: readonly number[]
  /** How often a reply waiting on the pause switch looks again. */
  pauseRecheckSeconds: number
  /** A reply in `sending` for longer than this lost its sender call (crash): it becomes `unconfirmed`. */
  staleSendingSeconds: number
}

export const DEFAULT_SEND_POLICY: SendPolicy = {
  maxAttempts: 3,
  retryDelaysSeconds: [30, 120],
  pauseRecheckSeconds: 5,
  // Longer than any sender call can last (SMTP waits up to 2 min for the final reply; SP-API retries within
  // its usage plan), so a live send is never mistaken for a dead one.
  staleSendingSeconds: 600,
}

/** Enqueues the send job inside the caller's transaction: the job exists only if the reply row commits. */
export interface ReplyJobQueue {
  enqueueSend(trx: Transaction<Database>, replyId: string, startAfter?: Date): Promise<void>
}

/** The sender for a path and the conversation's store; null when none is configured. */
export type SenderResolver = (path: ReplyPath, storeId: string) => ReplySender | null

export interface ReplyLogger {
  info(fields: object, message: string): void
  warn(fields: object, message: string): void
  error(fields: object, message: string): void
}

export interface ReplyMetrics {
  replies: { inc(labels: { path: string; outcome: string }): void }
}

export interface ReplyServiceDeps {
  db: Db
  jobs: ReplyJobQueue
  senders: SenderResolver
  templates: TemplateLibrary
  people: readonly Person[]
  approval: ApprovalRules
  /** `sending.paused` in the config file; the admin API's switch is read from the database. */
  pausedByConfig: boolean
  clock: Clock
  logger: ReplyLogger
  metrics: ReplyMetrics
  policy?: Partial<SendPolicy>
  /** Called after every change of a reply, so the card layer refreshes every card of the conversation. */
  /** A reply changed; `note` is the line for the cards' threads when a send reached its final outcome. */
  onReplyChanged?: (conversationId: string, note: TextNote | null) => void | Promise<void>
  /** Zone for dates in rendered templates; UTC by default. */
  timeZone?: string
}

/** What an agent sees before sending. */
export interface PreparedReply {
  conversationId: string
  templateId: string | null
  language: string
  path: ReplyPath
  /** Paths this reply could take now (the card's choice). */
  availablePaths: ReplyPath[]
  subject: string | null
  text: string
  findings: LintFinding[]
  /** No blocking finding. */
  sendable: boolean
  /** Warnings present: sending needs `confirmWarnings: true`. */
  needsConfirmation: boolean
  /** Set when nothing may be sent for this store (listen-only). */
  blockedReason: string | null
  /** Sending is paused: a reply sent now waits until it is resumed. */
  paused: boolean
  /** Why this actor's reply would wait for a manager (empty: it would not). */
  approvalReasons: string[]
}

export interface ReplyView {
  id: string
  conversationId: string
  path: string
  state: StoredReplyState
  text: string
  requestedBy: string
  sentBy: string | null
  sentAt: Date | null
  note: string | null
  failureReason: string | null
  rejectionReason: string | null
  createdAt: Date
}

export type RefusalCode =
  | 'NOT_AUTHORISED'
  | 'LISTEN_ONLY'
  | 'LINT_BLOCKED'
  | 'PATH_NOT_ALLOWED'
  | 'NO_BUYER_MESSAGE'
  | 'WRONG_STATE'

export type Refused = { kind: 'refused'; code: RefusalCode; message: string; findings?: LintFinding[] }

/** Another reply already holds this buyer message (or this command was already handled). */
export type AlreadyHandled = {
  kind: 'duplicate'
  reply: ReplyView
  /** "already sent by Anna at 2026-11-22T10:00:00Z" */
  message: string
  by: string
  at: Date
  /** The same command id again (a retried webhook or a double click). */
  sameCommand: boolean
}

export type SendRequestResult =
  | { kind: 'queued'; reply: ReplyView }
  | { kind: 'awaiting-approval'; reply: ReplyView; reasons: string[] }
  | { kind: 'needs-confirmation'; findings: LintFinding[] }
  | AlreadyHandled
  | Refused

export type DecisionResult = { kind: 'done'; reply: ReplyView } | AlreadyHandled | Refused

export interface PrepareInput {
  conversationId: string
  actor: Actor
  templateId?: string
  /** The agent's edited text; replaces the rendered body. */
  text?: string
  path?: ReplyPath
  language?: TemplateLanguage
}

export interface SendInput extends PrepareInput {
  /** The platform's delivery or command id: the same id twice is one request. */
  commandId: string
  confirmWarnings?: boolean
}

export interface DecisionInput {
  replyId: string
  actor: Actor
  commandId: string
}
