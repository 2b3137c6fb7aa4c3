import type { Transaction } from 'kysely'
import { recordCommand } from '../../db/repos/commands.ts'
import { findLiveReplyForMessage, isUniqueViolation, lockReply, updateReply, type ReplyRow } from '../../db/repos/replies.ts'
import type { Database } from '../../db/schema.ts'
import type { StoredReplyState } from '../../db/tables/replies.ts'
import { findPerson, hasRole } from './people.ts'
import { alreadyHandled, closeConversationFor, notifyChanged, toView, type Deps } from './shared.ts'
import type { DecisionInput, DecisionResult, Person, Role } from './types.ts'

interface Decision {
  action: string
  roles: readonly Role[]
  from: readonly StoredReplyState[]
  apply(trx: Transaction<Database>, row: ReplyRow, person: Person, at: Date): Promise<ReplyRow>
}

async function decide(deps: Deps, input: DecisionInput, decision: Decision, payload: Record<string, unknown> = {}): Promise<DecisionResult> {
  const person = findPerson(deps.people, input.actor)
  if (!hasRole(person, decision.roles)) {
    return { kind: 'refused', code: 'NOT_AUTHORISED', message: `${input.actor.displayName} may not ${decision.action.replace('bb.', '').replace('_', ' ')} replies (needs role ${decision.roles.join(' or ')})` }
  }
  let result: DecisionResult
  try {
    result = await deps.db.transaction().execute(async (trx): Promise<DecisionResult> => {
      const row = await lockReply(trx, input.replyId)
      if (!row) return { kind: 'refused', code: 'WRONG_STATE', message: `no reply ${input.replyId}` }
      if (!decision.from.includes(row.state)) {
        return { kind: 'refused', code: 'WRONG_STATE', message: `the reply is ${row.state}; ${decision.action} needs ${decision.from.join(' or ')}` }
      }
      const now = deps.clock.now()
      const updated = await decision.apply(trx, row, person, now)
      await recordCommand(trx, {
        conversationId: row.conversation_id,
        platform: input.actor.platform,
        actorId: input.actor.userId,
        actorName: input.actor.displayName,
        action: decision.action,
        payload: { replyId: row.id, from: row.state, to: updated.state, ...payload },
        idempotencyKey: `${decision.action}:${row.id}:${input.commandId}`,
        outcome: 'accepted',
        at: now,
      })
      return { kind: 'done', reply: toView(updated) }
    })
  } catch (error) {
    // Re-queuing a failed reply while another reply holds the same buyer message.
    if (!isUniqueViolation(error)) throw error
    const row = await lockReply(deps.db, input.replyId)
    const holder = row?.answers_message_id ? await findLiveReplyForMessage(deps.db, row.answers_message_id) : undefined
    if (!holder) throw error
    return alreadyHandled(deps, holder, false)
  }
  if (result.kind === 'done') await notifyChanged(deps, result.reply.conversationId)
  return result
}

/** A manager lets a reply waiting for approval go through the normal send pipeline. */
export function approve(deps: Deps, input: DecisionInput): Promise<DecisionResult> {
  return decide(deps, input, {
    action: 'bb.approve',
    roles: ['manager'],
    from: ['awaiting-approval'],
    apply: async (trx, row, person, at) => {
      const updated = await updateReply(trx, row.id, { state: 'queued', approved_by: person.id, decided_at: at }, at)
      await deps.jobs.enqueueSend(trx, row.id)
      return updated
    },
  })
}

/** A manager refuses a reply; the reason goes back to the agent on the card. */
export function reject(deps: Deps, input: DecisionInput & { reason: string }): Promise<DecisionResult> {
  const reason = input.reason.trim() || 'no reason given'
  return decide(
    deps,
    input,
    {
      action: 'bb.reject',
      roles: ['manager'],
      from: ['awaiting-approval'],
      apply: (trx, row, person, at) => updateReply(trx, row.id, { state: 'rejected', approved_by: person.id, decided_at: at, rejection_reason: reason }, at),
    },
    { reason },
  )
}

/** A human checked Seller Central and saw the unconfirmed reply arrive. */
export function markSentManually(deps: Deps, input: DecisionInput): Promise<DecisionResult> {
  return decide(deps, input, {
    action: 'reply.mark_sent',
    roles: ['agent', 'manager'],
    from: ['unconfirmed'],
    apply: async (trx, row, person, at) => {
      const updated = await updateReply(trx, row.id, { state: 'sent', note: `marked sent by ${person.name} after checking Seller Central`, sent_at: row.sent_at ?? at, sent_by: row.sent_by ?? person.id }, at)
      await closeConversationFor(trx, row, person.id, at)
      return updated
    },
  })
}

/** A human chose to send an unconfirmed or failed reply again: a new attempt through the queue. */
export function resend(deps: Deps, input: DecisionInput): Promise<DecisionResult> {
  return decide(deps, input, {
    action: 'reply.resend',
    roles: ['agent', 'manager'],
    from: ['unconfirmed', 'failed'],
    apply: async (trx, row, person, at) => {
      const updated = await updateReply(trx, row.id, { state: 'queued', note: `resend requested by ${person.name}`, failure_reason: null }, at)
      await deps.jobs.enqueueSend(trx, row.id)
      return updated
    },
  })
}
