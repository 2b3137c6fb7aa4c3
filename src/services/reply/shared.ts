import type { Transaction } from 'kysely'
import { rowOfStatus, statusOfRow } from '../../db/repos/conversation-rows.ts'
import type { ReplyRow } from '../../db/repos/replies.ts'
import type { Database } from '../../db/schema.ts'
import { isOpen, recordReply } from '../../domain/conversation.ts'
import { personName } from './people.ts'
import { DEFAULT_SEND_POLICY, type AlreadyHandled, type ReplyServiceDeps, type ReplyView, type SendPolicy } from './types.ts'
import type { TextNote } from '../commands/conversation-commands.ts'

export type Deps = ReplyServiceDeps & { sendPolicy: SendPolicy }

export function withDefaults(deps: ReplyServiceDeps): Deps {
  return { ...deps, sendPolicy: { ...DEFAULT_SEND_POLICY, ...deps.policy } }
}

export function toView(row: ReplyRow): ReplyView {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    path: row.path,
    state: row.state,
    text: row.text,
    requestedBy: row.requested_by,
    sentBy: row.sent_by,
    sentAt: row.sent_at,
    note: row.note,
    failureReason: row.failure_reason,
    rejectionReason: row.rejection_reason,
    createdAt: row.created_at,
  }
}

const VERBS: Record<ReplyRow['state'], string> = {
  'awaiting-approval': 'already waiting for approval',
  queued: 'already queued',
  sending: 'already being sent',
  sent: 'already sent',
  unconfirmed: 'already sent (delivery unconfirmed)',
  failed: 'already tried and failed',
  rejected: 'already rejected',
}

/** "already sent by Anna at …" for whoever loses the race for a buyer message. */
export function alreadyHandled(deps: Deps, row: ReplyRow, sameCommand: boolean): AlreadyHandled {
  const done = row.state === 'sent' || row.state === 'unconfirmed'
  const byId = done && row.sent_by ? row.sent_by : row.requested_by
  const by = personName(deps.people, byId)
  const at = done && row.sent_at ? row.sent_at : row.created_at
  const verb = VERBS[row.state]
  return { kind: 'duplicate', reply: toView(row), message: `${verb} by ${by} at ${at.toISOString()}`, by, at, sameCommand }
}

/**
 * A reply left (sent or unconfirmed): the conversation is replied and its SLA cleared, unless a newer buyer
 * message arrived after the one this reply answers (that one still waits for an answer).
 */
export async function closeConversationFor(trx: Transaction<Database>, reply: ReplyRow, by: string, at: Date): Promise<boolean> {
  const conversation = await trx.selectFrom('conversations').selectAll().where('id', '=', reply.conversation_id).forUpdate().executeTakeFirst()
  if (!conversation || !isOpen(conversation.state)) return false
  if (reply.answers_message_id) {
    const answered = await trx.selectFrom('buyer_messages').select('received_at').where('id', '=', reply.answers_message_id).executeTakeFirst()
    if (answered && answered.received_at < conversation.last_message_at) return false
  }
  const status = recordReply(statusOfRow(conversation), { by, at })
  await trx
    .updateTable('conversations')
    .set({ ...rowOfStatus(status), last_reply_at: at })
    .where('id', '=', conversation.id)
    .execute()
  return true
}

export async function notifyChanged(deps: Deps, conversationId: string, note: TextNote | null = null): Promise<void> {
  if (!deps.onReplyChanged) return
  try {
    await deps.onReplyChanged(conversationId, note)
  } catch (error) {
    deps.logger.warn({ conversationId, err: error }, 'reply change listener failed')
  }
}
