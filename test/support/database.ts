import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { DatabaseConfig } from '../../src/config.ts'
import { openDatabase, type DatabaseHandle } from '../../src/db/connect.ts'
import { migrateToLatest } from '../../src/db/migrate.ts'
import { createLogger } from '../../src/logging.ts'

// The suite runs twice in CI: on the embedded PGlite (no DATABASE_URL) and on a PostgreSQL server
// (DATABASE_URL set). Each test file gets a database of its own.

export const testDatabaseMode: 'postgres' | 'embedded' = process.env.DATABASE_URL ? 'postgres' : 'embedded'

export const silentLogger = createLogger({ level: 'silent' })

export interface TestDatabase {
  config: DatabaseConfig
  /** Drops the database (PostgreSQL) or deletes the data folder (embedded). */
  drop(): Promise<void>
}

export async function createTestDatabaseConfig(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bb-test-'))
    return { config: { kind: 'embedded', dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) }
  }
  const name = `bb_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    config: { kind: 'postgres', url: url.toString() },
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl })
      await client.connect()
      await client.query(`drop database if exists ${name} with (force)`)
      await client.end()
    },
  }
}

/** A migrated database for one test file; call `close` in afterAll. */
export async function openTestDatabase(): Promise<DatabaseHandle & { drop(): Promise<void> }> {
  const target = await createTestDatabaseConfig()
  const handle = await openDatabase(target.config, silentLogger)
  await migrateToLatest(handle.db)
  return {
    ...handle,
    close: handle.close,
    drop: async () => {
      await handle.close()
      await target.drop()
    },
  }
}
