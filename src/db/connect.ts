import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import type { DatabaseConfig } from '../config.ts'
import { AppError } from '../domain/errors.ts'
import type { Logger } from '../logging.ts'
import type { EmbeddedWorkerData, EmbeddedWorkerMessage } from './embedded-worker.ts'
import type { Database } from './schema.ts'

export interface PgConnectionConfig {
  connectionString?: string
  host?: string
  port?: number
  user?: string
  database?: string
}

export interface DatabaseHandle {
  kind: DatabaseConfig['kind']
  db: Kysely<Database>
  /** How a second pg client (the job queue) reaches the same database: one `pg` code path for both modes. */
  connection: PgConnectionConfig
  /**
   * Embedded mode only: the queue must share the one connection. pglite-socket multiplexes client
   * connections message by message, so two clients' extended-protocol exchanges can interleave on PGlite's
   * single session; one connection for the whole process keeps every exchange whole.
   */
  sharedExecutor: { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> } | null
  ping(): Promise<void>
  close(): Promise<void>
}

const POOL_SIZE = 10
// The service holds one connection for its lifetime; one more lets it reconnect while the old socket closes.
// Other clients (psql) must not connect while the service runs: exchanges would interleave (see sharedExecutor).
const EMBEDDED_MAX_CONNECTIONS = 2
const UNIX_SOCKET_PATH_LIMIT = 100

export async function openDatabase(config: DatabaseConfig, logger: Logger): Promise<DatabaseHandle> {
  return config.kind === 'postgres' ? openPostgres(config.url, logger) : openEmbedded(config.dataDir, logger)
}

function poolFor(connection: PgConnectionConfig, logger: Logger, max = POOL_SIZE, connectionTimeoutMillis = 10_000, idleTimeoutMillis = 10_000): pg.Pool {
  const pool = new pg.Pool({ ...connection, max, connectionTimeoutMillis, idleTimeoutMillis })
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', (error) => logger.warn({ err: error }, 'database connection lost'))
  return pool
}

async function openPostgres(url: string, logger: Logger): Promise<DatabaseHandle> {
  const connection = { connectionString: url }
  const pool = poolFor(connection, logger)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return {
    kind: 'postgres',
    db,
    connection,
    sharedExecutor: null,
    ping: () => ping(db),
    close: () => db.destroy(),
  }
}

async function openEmbedded(dataDir: string, logger: Logger): Promise<DatabaseHandle> {
  mkdirSync(dataDir, { recursive: true })
  const releaseLock = lockDataDir(dataDir)
  let server: Worker | undefined
  try {
    const socketDir = socketDirectory(dataDir)
    const port = 5432
    const socketPath = path.join(socketDir, `.s.PGSQL.${port}`)
    rmSync(socketPath, { force: true })
    server = await startEmbeddedServer({ dataPath: path.join(dataDir, 'pglite'), socketPath, maxConnections: EMBEDDED_MAX_CONNECTIONS })
    const connection = { host: socketDir, port, user: 'postgres', database: 'postgres' }
    // One connection, waited for as long as it takes: PGlite runs one statement at a time anyway.
    const pool = poolFor(connection, logger, 1, 0, 0)
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    const openedServer = server
    let closing: Promise<void> | null = null
    return {
      kind: 'embedded',
      db,
      connection,
      sharedExecutor: {
        // pg-boss sends multi-statement batches and needs the rows of every statement, in order.
        executeSql: async (text, values) => {
          const result = (await pool.query(text, values)) as pg.QueryResult | pg.QueryResult[]
          return { rows: Array.isArray(result) ? result.flatMap((r) => r.rows ?? []) : result.rows }
        },
      },
      ping: () => ping(db),
      // Idempotent: the thread is gone after the first close.
      close: () =>
        (closing ??= (async () => {
          await db.destroy()
          await stopEmbeddedServer(openedServer)
          if (socketDir.startsWith(os.tmpdir())) rmSync(socketDir, { recursive: true, force: true })
          releaseLock()
        })()),
    }
  } catch (error) {
    if (server) await stopEmbeddedServer(server).catch(() => undefined)
    releaseLock()
    throw new AppError('DATABASE_OPEN_FAILED', `could not open the embedded database in ${dataDir}: ${(error as Error).message}`, undefined, {
      cause: error,
    })
  }
}

/** PGlite and its socket server on their own thread (embedded-worker.ts); resolves once the socket listens. */
function startEmbeddedServer(data: EmbeddedWorkerData): Promise<Worker> {
  // Same extension as this file: `.ts` when run from source, `.js` from the build.
  const entry = new URL(`./embedded-worker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url)
  const worker = new Worker(entry, { workerData: data })
  return new Promise((resolve, reject) => {
    const onMessage = (message: EmbeddedWorkerMessage) => {
      worker.off('error', reject)
      if (message.type === 'ready') return resolve(worker)
      void worker.terminate()
      reject(new Error(message.type === 'failed' ? message.message : 'the database thread stopped'))
    }
    worker.once('message', onMessage)
    worker.once('error', reject)
  })
}

async function stopEmbeddedServer(worker: Worker): Promise<void> {
  const stopped = new Promise<void>((resolve) => {
    worker.once('message', () => resolve())
    worker.once('exit', () => resolve())
  })
  worker.postMessage('stop')
  await stopped
  await worker.terminate()
}

/** The socket lives in the data folder (private to the service's user) unless that path is too long for a socket. */
function socketDirectory(dataDir: string): string {
  const preferred = path.join(dataDir, 'run')
  if (path.join(preferred, '.s.PGSQL.5432').length <= UNIX_SOCKET_PATH_LIMIT) {
    mkdirSync(preferred, { recursive: true, mode: 0o700 })
    chmodSync(preferred, 0o700)
    return preferred
  }
  return mkdtempSync(path.join(os.tmpdir(), 'bb-'))
}

/** PGlite is single-process: a second service on the same DATA_DIR would corrupt it. */
function lockDataDir(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'buyerbridge.pid')
  try {
    const holder = Number(readFileSync(lockFile, 'utf8').trim())
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new AppError('DATA_DIR_IN_USE', `DATA_DIR ${dataDir} is in use by process ${holder}; the embedded database allows one process (use DATABASE_URL for several replicas)`)
    }
  } catch (error) {
    if (error instanceof AppError) throw error
  }
  writeFileSync(lockFile, String(process.pid))
  return () => rmSync(lockFile, { force: true })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function ping(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db)
}
