import type { Migration } from 'kysely/migration'
import * as m0001 from './0001_init.ts'

/** The explicit, ordered list of migrations. Append only. */
export const migrations: Record<string, Migration> = {
  '0001_init': m0001,
}
