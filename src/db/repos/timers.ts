import { sql } from 'kysely'
import type { DbOrTrx } from '../schema.ts'
import type { TimerState } from '../tables/timers.ts'

export interface TimerInput {
  key: string
  kind: string
  subjectType: string
  subjectId: string
  dueAt: Date
  payload?: unknown
}

export interface TimerRow {
  key: string
  kind: string
  subjectId: string
  dueAt: Date
  state: TimerState
  payload: unknown
}

/**
 * Inserts a timer row unless one with the same key exists; true when this call created it. The unique
 * `dedupe_key` is what lets two processes race for the same step and have exactly one win.
 */
export async function insertTimer(db: DbOrTrx, timer: TimerInput, state: TimerState = 'scheduled', firedAt: Date | null = null): Promise<boolean> {
  const row = await db
    .insertInto('timers')
    .values({
      dedupe_key: timer.key,
      kind: timer.kind,
      subject_type: timer.subjectType,
      subject_id: timer.subjectId,
      due_at: timer.dueAt,
      state,
      payload: JSON.stringify(timer.payload ?? {}),
      fired_at: firedAt,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

/** Claims a one-off event (a page step, a re-notification round): the row is born `fired`. */
export function claimTimer(db: DbOrTrx, timer: TimerInput, at: Date): Promise<boolean> {
  return insertTimer(db, timer, 'fired', at)
}

/** Moves a scheduled timer to `fired`; true only for the one caller that did it. */
export async function fireScheduledTimer(db: DbOrTrx, key: string, at: Date): Promise<boolean> {
  const row = await db
    .updateTable('timers')
    .set({ state: 'fired', fired_at: at })
    .where('dedupe_key', '=', key)
    .where('state', '=', 'scheduled')
    .returning('id')
    .executeTakeFirst()
  return row !== undefined
}

export async function findTimer(db: DbOrTrx, key: string): Promise<TimerRow | null> {
  const row = await db.selectFrom('timers').selectAll().where('dedupe_key', '=', key).executeTakeFirst()
  return row ? { key: row.dedupe_key, kind: row.kind, subjectId: row.subject_id, dueAt: row.due_at, state: row.state, payload: row.payload } : null
}

/** Keys of the still-scheduled timers of a subject whose kind starts with `kindPrefix`. */
export async function scheduledTimerKeys(db: DbOrTrx, subjectType: string, subjectId: string, kindPrefix: string): Promise<string[]> {
  const rows = await db
    .selectFrom('timers')
    .select('dedupe_key')
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .where('state', '=', 'scheduled')
    .where('kind', 'like', `${kindPrefix}%`)
    .execute()
  return rows.map((row) => row.dedupe_key)
}

export async function cancelTimers(db: DbOrTrx, keys: readonly string[]): Promise<number> {
  if (keys.length === 0) return 0
  const rows = await db
    .updateTable('timers')
    .set({ state: 'cancelled' })
    .where('dedupe_key', 'in', [...keys])
    .where('state', '=', 'scheduled')
    .returning('id')
    .execute()
  return rows.length
}

export async function setTimerJob(db: DbOrTrx, key: string, jobId: string | null): Promise<void> {
  if (jobId === null) return
  await db.updateTable('timers').set({ job_id: jobId }).where('dedupe_key', '=', key).execute()
}

/** Count of timer rows per kind for a subject (tests and the console). */
export async function countTimers(db: DbOrTrx, subjectId: string, kind: string, state?: TimerState): Promise<number> {
  let query = db.selectFrom('timers').select(sql<string>`count(*)`.as('n')).where('subject_id', '=', subjectId).where('kind', '=', kind)
  if (state) query = query.where('state', '=', state)
  const row = await query.executeTakeFirstOrThrow()
  return Number(row.n)
}
