import type { Transaction } from 'kysely'
import { cancelTimers, fireScheduledTimer, insertTimer, scheduledTimerKeys, setTimerJob } from '../../db/repos/timers.ts'
import type { Database } from '../../db/schema.ts'
import { formatDuration } from '../../domain/card/index.ts'
import { checkSlaTimer, reconcileSlaTimers, type SlaSubject } from '../../domain/routing/index.ts'
import { ESCALATION_JOBS } from './job-names.ts'
import { escalateLocked } from './managers.ts'
import { refreshCards } from '../cards/card-updates.ts'
import type { EscalationDeps } from './settings.ts'

export interface SlaTimerData {
  conversationId: string
  key: string
}

function subjectOf(row: { id: string; state: SlaSubject['state']; sla_due_at: Date | null; assignee: string | null }): SlaSubject {
  return { conversationId: row.id, state: row.state, slaDueAt: row.sla_due_at, assignee: row.assignee }
}

/**
 * Brings the SLA timers of a conversation in line with its deadline now: cancels obsolete ones (replied,
 * no-response-needed, a new buyer message moved the deadline) and schedules the missing ones, each a timer row
 * plus a delayed job. Call inside the transaction that changed the conversation.
 */
export async function rescheduleSlaTimers(trx: Transaction<Database>, conversationId: string, deps: EscalationDeps): Promise<{ cancelled: number; created: string[] }> {
  const row = await trx.selectFrom('conversations').select(['id', 'state', 'sla_due_at', 'assignee']).where('id', '=', conversationId).executeTakeFirst()
  if (!row) return { cancelled: 0, created: [] }
  const scheduled = await scheduledTimerKeys(trx, 'conversation', conversationId, 'sla.')
  const plan = reconcileSlaTimers(scheduled, subjectOf(row), deps.settings.slaReminderOffsetsMinutes, deps.clock.now())
  const cancelled = await cancelTimers(trx, plan.cancel)
  const created: string[] = []
  for (const timer of plan.create) {
    const kind = timer.kind === 'breach' ? ESCALATION_JOBS.slaBreach : ESCALATION_JOBS.slaReminder
    const inserted = await insertTimer(trx, {
      key: timer.key,
      kind,
      subjectType: 'conversation',
      subjectId: conversationId,
      dueAt: timer.at,
      payload: { beforeMinutes: timer.beforeMinutes },
    })
    if (!inserted) continue
    const data: SlaTimerData = { conversationId, key: timer.key }
    await setTimerJob(trx, timer.key, await deps.sendJob(kind, data, { trx, startAfter: timer.at, singletonKey: timer.key }))
    created.push(timer.key)
  }
  return { cancelled, created }
}

export type SlaTimerOutcome = 'reminded' | 'breach-escalated' | 'breach-noted' | 'obsolete' | 'closed' | 'already-fired'

/**
 * The `sla.reminder` / `sla.breach` job: re-checks the timer against the conversation as it is now, fires it
 * once (scheduled → fired), and notifies through the cards: a reminder is a note on the agent cards mentioning
 * the assignee (or the channel); a breach escalates to the managers, or notes on their cards when it already was.
 */
export async function runSlaTimer(deps: EscalationDeps, data: SlaTimerData): Promise<SlaTimerOutcome> {
  const now = deps.clock.now()
  return deps.db.transaction().execute(async (trx): Promise<SlaTimerOutcome> => {
    const row = await trx.selectFrom('conversations').selectAll().where('id', '=', data.conversationId).forUpdate().executeTakeFirst()
    if (!row) return 'closed'
    const check = checkSlaTimer(data.key, subjectOf(row), deps.settings.slaReminderOffsetsMinutes)
    if (!check.fire) {
      await cancelTimers(trx, [data.key])
      return check.reason
    }
    if (!(await fireScheduledTimer(trx, data.key, now))) return 'already-fired'
    const { timer } = check
    if (timer.kind === 'reminder') {
      const left = (row.sla_due_at?.getTime() ?? now.getTime()) - now.getTime()
      const who = timer.mention.kind === 'assignee' ? timer.mention.personId : null
      await refreshCards(trx, deps, data.conversationId, reminderNote(who, left), ['agent'])
      return 'reminded'
    }
    const reason = 'SLA breached: no reply within 24 hours'
    if (await escalateLocked(trx, deps, data.conversationId, reason, now)) {
      await refreshCards(trx, deps, data.conversationId, breachNote(), ['agent'])
      return 'breach-escalated'
    }
    await refreshCards(trx, deps, data.conversationId, breachNote(), ['agent', 'manager'])
    return 'breach-noted'
  })
}

function reminderNote(assignee: string | null, leftMs: number): { en: string; zh: string } {
  const en = formatDuration(leftMs, 'en')
  const zh = formatDuration(leftMs, 'zh-CN')
  return assignee
    ? { en: `${assignee}: reply due in ${en} (Amazon's 24-hour limit).`, zh: `${assignee}：距回复期限还有 ${zh}（亚马逊 24 小时时限）。` }
    : { en: `Everyone: nobody has taken this; reply due in ${en} (Amazon's 24-hour limit).`, zh: `所有人：尚无人认领，距回复期限还有 ${zh}（亚马逊 24 小时时限）。` }
}

function breachNote(): { en: string; zh: string } {
  return { en: 'SLA breached: no reply within 24 hours. Managers alerted.', zh: '已超出 SLA：24 小时内未回复，已通知主管。' }
}
