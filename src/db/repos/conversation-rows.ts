import type { ConversationStatus } from '../../domain/conversation.ts'
import type { ConversationRow } from './conversations.ts'

/** The domain's view of a stored conversation. */
export function statusOfRow(row: ConversationRow): ConversationStatus {
  return {
    state: row.state,
    assignee: row.assignee,
    latestBuyerMessageAt: row.last_message_at,
    buyerMessageCount: row.message_count,
    slaDueAt: row.sla_due_at,
    closed: row.closed_at && row.closed_by ? { by: row.closed_by, at: row.closed_at } : null,
    escalated: row.escalated_at && row.escalated_by ? { by: row.escalated_by, at: row.escalated_at, reason: row.escalation_reason ?? '' } : null,
    pagedAt: row.paged_at,
    acknowledged: row.acknowledged_at && row.acknowledged_by ? { by: row.acknowledged_by, at: row.acknowledged_at } : null,
    updatedAt: row.updated_at,
  }
}

/** The columns that hold a domain status, ready for an update. */
export function rowOfStatus(status: ConversationStatus) {
  return {
    state: status.state,
    assignee: status.assignee,
    last_message_at: status.latestBuyerMessageAt,
    message_count: status.buyerMessageCount,
    sla_due_at: status.slaDueAt,
    closed_at: status.closed?.at ?? null,
    closed_by: status.closed?.by ?? null,
    escalated_at: status.escalated?.at ?? null,
    escalated_by: status.escalated?.by ?? null,
    escalation_reason: status.escalated?.reason ?? null,
    paged_at: status.pagedAt,
    acknowledged_at: status.acknowledged?.at ?? null,
    acknowledged_by: status.acknowledged?.by ?? null,
    updated_at: status.updatedAt,
  }
}
