import { readSetting } from '../../db/repos/settings.ts'
import type { DbOrTrx } from '../../db/schema.ts'

/** The admin API's run-time switch (`PUT /api/sending`), shared by every replica through the database. */
export const SENDING_PAUSED_SETTING = 'sending.paused'

/** Paused by the config file, or by the stored switch (`{ paused: true, … }`). */
export async function isSendingPaused(db: DbOrTrx, pausedByConfig: boolean): Promise<boolean> {
  if (pausedByConfig) return true
  const stored = await readSetting(db, SENDING_PAUSED_SETTING)
  return typeof stored === 'object' && stored !== null && (stored as { paused?: unknown }).paused === true
}
