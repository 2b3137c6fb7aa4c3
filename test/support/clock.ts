import { sql, type Kysely } from 'kysely'
import type { Clock } from '../../src/ports/clock.ts'

/**
 * The service's clock for end-to-end tests: real time plus an offset the test moves forward. It never runs
 * behind the database's clock, so a job the service schedules at a time on this clock never starts early.
 */
export class AdvancingClock implements Clock {
  #offsetMs = 0

  now(): Date {
    return new Date(Date.now() + this.#offsetMs)
  }

  advance(ms: number): void {
    this.#offsetMs += ms
  }
}

/**
 * Moves the clock forward and lets the job queue catch up: pg-boss starts delayed jobs by the database's
 * time, so jobs the service scheduled for a time that the advanced clock has reached are made due now.
 * Returns how many jobs were released.
 */
export async function advanceServiceTime(clock: AdvancingClock, db: Kysely<any>, ms: number): Promise<number> {
  clock.advance(ms)
  const released = await sql`
    update pgboss.job set start_after = now()
    where state in ('created', 'retry') and start_after > now() and start_after <= ${clock.now()}
  `.execute(db)
  return Number(released.numAffectedRows ?? 0)
}
