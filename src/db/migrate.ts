import type { Kysely } from 'kysely'
import { Migrator, type MigrationResultSet } from 'kysely/migration'
import { migrations } from '../../migrations/index.ts'
import { AppError } from '../domain/errors.ts'
import type { Database } from './schema.ts'

function migrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } })
}

function check(result: MigrationResultSet, what: string): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName
    throw new AppError('MIGRATION_FAILED', `${what} failed${failed ? ` at ${failed}` : ''}: ${(result.error as Error).message}`, undefined, {
      cause: result.error,
    })
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/** Applies every pending migration; safe to run from several replicas at once (Kysely takes an advisory lock). */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  return check(await migrator(db).migrateToLatest(), 'migration')
}

export async function migrateDown(db: Kysely<Database>): Promise<string[]> {
  return check(await migrator(db).migrateDown(), 'migration down')
}

export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const all = await migrator(db).getMigrations()
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name)
}
