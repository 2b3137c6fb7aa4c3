import type { ColumnType, Generated } from 'kysely'

/** A timestamp column: written as Date or ISO string, read back as Date. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>
/** A timestamp with a database default. */
export type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>
export type Json<T> = ColumnType<T, string, string>
export type { Generated }
