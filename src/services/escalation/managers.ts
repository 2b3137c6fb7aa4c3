import type { Transaction } from 'kysely'
import { rowOfStatus, statusOfRow } from '../../db/repos/conversation-rows.ts'
import { claimTimer } from '../../db/repos/timers.ts'
import type { Database } from '../../db/schema.ts'
import { escalate, isOpen } from '../../domain/conversation.ts'
import { dueRenotification, escalationRecipients, nextRenotification, renotifyKey } from '../../domain/routing/index.ts'
import { ESCALATION_JOBS } from './job-names.ts'
import { planAndSync, refreshCards } from '../cards/card-updates.ts'
import { recipientTargets } from './notify.ts'
import { SYSTEM_ACTOR, type EscalationDeps } from './settings.ts'

export interface RenotifyData {
  conversationId: string
  /** ISO instant of the escalation this job belongs to (a later escalation has other keys). */
  escalatedAt: string
}

/**
 * Manager cards for an escalated conversation (channels and DMs of the policy) and its first re-notify job.
 * Call inside the transaction that escalated it (ingest, the `bb.escalate` command, an SLA breach).
 */
export async function notifyManagers(trx: Transaction<Database>, deps: EscalationDeps, conversationId: string, escalatedAt: Date): Promise<string[]> {
  const { settings } = deps
  const recipients = escalationRecipients(settings.escalation, settings.people, settings.uiLanguage)
  const cardIds = await planAndSync(trx, deps, conversationId, recipientTargets(recipients, settings.platforms), 'manager', null)
  await deps.onPing?.(trx, { kind: 'escalation', conversationId, at: escalatedAt.toISOString(), personIds: [], step: null })
  const first = nextRenotification(settings.escalation, escalatedAt, escalatedAt, null)
  if (first) {
    const data: RenotifyData = { conversationId, escalatedAt: escalatedAt.toISOString() }
    await deps.sendJob(ESCALATION_JOBS.renotify, data, { trx, startAfter: first.at, singletonKey: renotifyKey(conversationId, escalatedAt, first.round) })
  }
  if (cardIds.length === 0) deps.logger.warn({ conversationId }, 'escalation has no manager recipient on a configured platform')
  return cardIds
}

/** Escalates a locked conversation row on behalf of Buyerbridge and notifies the managers; false when it already was. */
export async function escalateLocked(trx: Transaction<Database>, deps: EscalationDeps, conversationId: string, reason: string, at: Date): Promise<boolean> {
  const row = await trx.selectFrom('conversations').selectAll().where('id', '=', conversationId).forUpdate().executeTakeFirstOrThrow()
  const status = statusOfRow(row)
  if (status.escalated) return false
  await trx.updateTable('conversations').set(rowOfStatus(escalate(status, { by: SYSTEM_ACTOR, at, reason }))).where('id', '=', conversationId).execute()
  await notifyManagers(trx, deps, conversationId, at)
  deps.logger.info({ conversationId, reason }, 'conversation escalated to managers')
  return true
}

export type RenotifyOutcome = 'sent' | 'nothing-due' | 'acknowledged' | 'closed' | 'stale'

/**
 * The re-notify job: under the conversation row lock (the lock `bb.ack` takes), a committed acknowledgement
 * stops everything; otherwise the due round is claimed once (unique timer key) and the manager cards are
 * bumped with a note. Safe to run late or twice; schedules the next round itself.
 */
export async function runRenotify(deps: EscalationDeps, data: RenotifyData): Promise<RenotifyOutcome> {
  const escalatedAt = new Date(data.escalatedAt)
  const now = deps.clock.now()
  const policy = deps.settings.escalation
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('conversations').selectAll().where('id', '=', data.conversationId).forUpdate().executeTakeFirst()
    if (!row?.escalated_at || row.escalated_at.getTime() !== escalatedAt.getTime()) return 'stale'
    if (row.acknowledged_at) return 'acknowledged'
    if (!isOpen(row.state)) return 'closed'
    let outcome: RenotifyOutcome = 'nothing-due'
    const due = dueRenotification(policy, escalatedAt, now, null)
    if (due) {
      const key = renotifyKey(data.conversationId, escalatedAt, due.round)
      const claimed = await claimTimer(trx, { key, kind: ESCALATION_JOBS.renotify, subjectType: 'conversation', subjectId: data.conversationId, dueAt: due.at, payload: { round: due.round } }, now)
      if (claimed) {
        const note = { en: `Reminder ${due.round}: this escalation is still not acknowledged.`, zh: `第 ${due.round} 次提醒：此升级仍未确认。` }
        await refreshCards(trx, deps, data.conversationId, note, ['manager'])
        await deps.onPing?.(trx, { kind: 'reminder', conversationId: data.conversationId, at: due.at.toISOString(), personIds: [], step: due.round })
        outcome = 'sent'
      }
    }
    const next = nextRenotification(policy, escalatedAt, now, null)
    if (next) {
      await deps.sendJob(ESCALATION_JOBS.renotify, data, { trx, startAfter: next.at, singletonKey: renotifyKey(data.conversationId, escalatedAt, next.round) })
    }
    return outcome
  })
}
