import type { Migration } from 'kysely/migration'
import * as m0001 from './0001_init.ts'
import * as m0002 from './0002_reply_notes.ts'

/** The explicit, ordered list of migrations. Append only. */
export const migrations: Record<string, Migration> = {
  '0001_init': m0001,
  '0002_reply_notes': m0002,
}
