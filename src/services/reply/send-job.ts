import type { Transaction } from 'kysely'
import { recordCommand } from '../../db/repos/commands.ts'
import { listStaleSendingReplies, lockReply, updateReply, type ReplyRow } from '../../db/repos/replies.ts'
import type { Database } from '../../db/schema.ts'
import type { DeliveryOutcome } from '../../domain/reply.ts'
import { isReplyPath } from '../../domain/vocabulary.ts'
import { loadMessage, loadReplyContext, listenOnlyReason } from './context.ts'
import { buildOutgoing } from './outgoing.ts'
import { isSendingPaused } from './pause.ts'
import { personName } from './people.ts'
import { closeConversationFor, notifyChanged, type Deps } from './shared.ts'
import type { TextNote } from '../commands/conversation-commands.ts'

export const PAUSED_NOTE = 'waiting: paused'
const CRASHED_REASON =
  'the process sending this reply stopped before Amazon or the mail server answered; it may have reached the buyer: check Seller Central, then mark it sent or resend it'

type Plan = { kind: 'done' } | { kind: 'send'; row: ReplyRow; attempt: number; outgoing: ReturnType<typeof buildOutgoing>; storeId: string }

/**
 * One attempt of the send job. The row is marked `sending` (committed) before the sender is called; an
 * attempt that finds it already `sending` knows an earlier attempt may have reached the buyer, and marks it
 * `unconfirmed` without calling the sender again.
 */
export async function runSendJob(deps: Deps, replyId: string): Promise<void> {
  let changed: string | null = null
  const plan = await deps.db.transaction().execute(async (trx): Promise<Plan> => {
    const row = await lockReply(trx, replyId)
    if (!row) {
      deps.logger.warn({ replyId }, 'send job for a reply that does not exist')
      return { kind: 'done' }
    }
    if (row.state === 'sending') {
      await settle(deps, trx, row, { outcome: 'unconfirmed', reason: CRASHED_REASON })
      changed = row.conversation_id
      return { kind: 'done' }
    }
    if (row.state !== 'queued') return { kind: 'done' }
    const now = deps.clock.now()
    const context = await loadReplyContext(trx, row.conversation_id)
    const listenOnly = listenOnlyReason(context)
    if (listenOnly) {
      await settle(deps, trx, row, { outcome: 'failed', transient: false, reason: listenOnly })
      changed = row.conversation_id
      return { kind: 'done' }
    }
    if (await isSendingPaused(trx, deps.pausedByConfig)) {
      if (row.note !== PAUSED_NOTE) {
        await updateReply(trx, row.id, { note: PAUSED_NOTE }, now)
        changed = row.conversation_id
      }
      await deps.jobs.enqueueSend(trx, row.id, new Date(now.getTime() + deps.sendPolicy.pauseRecheckSeconds * 1000))
      return { kind: 'done' }
    }
    const sender = isReplyPath(row.path) ? deps.senders(row.path, context.store.id) : null
    if (!sender) {
      await settle(deps, trx, row, { outcome: 'failed', transient: false, reason: `no sender is configured for ${row.path}` })
      changed = row.conversation_id
      return { kind: 'done' }
    }
    const answered = row.answers_message_id ? await loadMessage(trx, row.answers_message_id) : null
    const outgoing = buildOutgoing(row, context, answered)
    const marked = await updateReply(trx, row.id, { state: 'sending', attempts: row.attempts + 1, note: null }, now)
    changed = row.conversation_id
    return { kind: 'send', row: marked, attempt: marked.attempts, outgoing, storeId: context.store.id }
  })
  if (changed) await notifyChanged(deps, changed)
  if (plan.kind === 'done') return

  const sender = deps.senders(plan.outgoing.path, plan.storeId)
  let outcome: DeliveryOutcome
  try {
    outcome = sender ? await sender.send(plan.outgoing) : { outcome: 'failed', transient: false, reason: 'the sender disappeared' }
  } catch (error) {
    // Senders report delivery problems as outcomes; a throw means we cannot know what left.
    deps.logger.error({ replyId, err: error }, 'reply sender threw')
    outcome = { outcome: 'unconfirmed', reason: `the sender failed unexpectedly: ${error instanceof Error ? error.message : String(error)}` }
  }

  let note: TextNote | null = null
  await deps.db.transaction().execute(async (trx) => {
    const row = await lockReply(trx, replyId)
    if (!row) return
    if (row.state === 'sending' && row.attempts === plan.attempt) {
      if (await settle(deps, trx, row, outcome)) note = deliveryNote(deps, row, outcome)
    } else if (row.state === 'unconfirmed' && outcome.outcome === 'sent') {
      // A late answer to an attempt already given up on: the truth replaces the doubt.
      await updateReply(trx, row.id, { state: 'sent', provider_id: outcome.providerId, failure_reason: null }, deps.clock.now())
    } else {
      deps.logger.warn({ replyId, state: row.state, outcome: outcome.outcome }, 'send outcome arrived after the reply moved on')
    }
  })
  await notifyChanged(deps, plan.row.conversation_id, note)
}

/** The line logged in every card's thread once a send attempt has its final outcome. */
function deliveryNote(deps: Deps, row: ReplyRow, outcome: DeliveryOutcome): TextNote {
  const who = personName(deps.people, row.requested_by)
  const via = row.path === 'email' ? { en: 'e-mail', zh: '邮件' } : { en: `SP-API ${row.path.slice('spapi:'.length)}`, zh: `SP-API ${row.path.slice('spapi:'.length)}` }
  if (outcome.outcome === 'sent') return { en: `Sent by ${who} via ${via.en}`, zh: `${who} 已通过${via.zh}发送` }
  if (outcome.outcome === 'unconfirmed') {
    return { en: `Sent by ${who} via ${via.en}, delivery unconfirmed: check Seller Central`, zh: `${who} 已通过${via.zh}发送，送达未确认：请在卖家平台核实` }
  }
  return { en: `Sending by ${who} via ${via.en} failed: ${outcome.reason}`, zh: `${who} 通过${via.zh}发送失败：${outcome.reason}` }
}

/**
 * Records what happened to an attempt; a transient failure with attempts left goes back to the queue (false:
 * the outcome is not final yet).
 */
async function settle(deps: Deps, trx: Transaction<Database>, row: ReplyRow, outcome: DeliveryOutcome): Promise<boolean> {
  const now = deps.clock.now()
  const policy = deps.sendPolicy
  if (outcome.outcome === 'failed' && outcome.transient && row.attempts < policy.maxAttempts) {
    const delays = policy.retryDelaysSeconds
    const delay = delays[Math.min(row.attempts - 1, delays.length - 1)] ?? 30
    await updateReply(trx, row.id, { state: 'queued', failure_reason: outcome.reason, note: `retrying after a temporary failure (attempt ${row.attempts} of ${policy.maxAttempts})` }, now)
    await deps.jobs.enqueueSend(trx, row.id, new Date(now.getTime() + delay * 1000))
    deps.logger.warn({ replyId: row.id, attempt: row.attempts, delaySeconds: delay }, 'reply send failed temporarily; retrying')
    return false
  }
  if (outcome.outcome === 'sent') {
    await updateReply(trx, row.id, { state: 'sent', provider_id: outcome.providerId, sent_by: row.requested_by, sent_at: now, failure_reason: null, note: null }, now)
  } else if (outcome.outcome === 'unconfirmed') {
    await updateReply(trx, row.id, { state: 'unconfirmed', failure_reason: outcome.reason, sent_by: row.requested_by, sent_at: now, note: null }, now)
  } else {
    await updateReply(trx, row.id, { state: 'failed', failure_reason: outcome.reason, note: null }, now)
  }
  if (outcome.outcome !== 'failed') await closeConversationFor(trx, row, row.requested_by, now)
  await recordCommand(trx, {
    conversationId: row.conversation_id,
    platform: 'system',
    actorId: 'reply-sender',
    actorName: null,
    action: 'reply.delivery',
    payload: { replyId: row.id, path: row.path, attempt: row.attempts, ...(outcome.outcome === 'sent' ? { providerId: outcome.providerId } : { reason: outcome.reason }) },
    idempotencyKey: null,
    outcome: outcome.outcome,
    at: now,
  })
  deps.metrics.replies.inc({ path: row.path, outcome: outcome.outcome })
  deps.logger.info({ replyId: row.id, conversationId: row.conversation_id, path: row.path, outcome: outcome.outcome }, 'reply delivery recorded')
  return true
}

/** Replies whose sender call died with its process (left in `sending`): they become `unconfirmed`. */
export async function recoverInterruptedSends(deps: Deps): Promise<number> {
  const olderThan = new Date(deps.clock.now().getTime() - deps.sendPolicy.staleSendingSeconds * 1000)
  const stale = await listStaleSendingReplies(deps.db, olderThan)
  let recovered = 0
  for (const candidate of stale) {
    const recovery = await deps.db.transaction().execute(async (trx) => {
      const row = await lockReply(trx, candidate.id)
      if (!row || row.state !== 'sending' || row.updated_at >= olderThan) return null
      const outcome: DeliveryOutcome = { outcome: 'unconfirmed', reason: CRASHED_REASON }
      await settle(deps, trx, row, outcome)
      return { conversationId: row.conversation_id, note: deliveryNote(deps, row, outcome) }
    })
    if (recovery) {
      recovered++
      await notifyChanged(deps, recovery.conversationId, recovery.note)
    }
  }
  return recovered
}
