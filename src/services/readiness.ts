import type { DatabaseHandle } from '../db/connect.ts'
import { pendingMigrations } from '../db/migrate.ts'
import { listIntegrationStatus } from '../db/repos/integration-status.ts'

export interface IntegrationReport {
  name: string
  state: string
  detail: string | null
  lastSuccessAt: string | null
  lastFailureAt: string | null
  lastError: string | null
}

export interface ReadinessReport {
  ready: boolean
  reasons: string[]
  database: { ok: boolean; error?: string }
  migrations: { ok: boolean; pending: string[] }
  /** Reported for the operator; a failing chat platform does not take the replica out of rotation. */
  integrations: IntegrationReport[]
}

const CHECK_TIMEOUT_MS = 2_000

export async function checkReadiness(
  database: DatabaseHandle | null,
  state: { shuttingDown: boolean; started?: boolean },
): Promise<ReadinessReport> {
  const reasons: string[] = []
  if (state.shuttingDown) reasons.push('shutting down')
  if (state.started === false) reasons.push('starting')
  if (!database) {
    reasons.push('database not open yet')
    return { ready: false, reasons, database: { ok: false, error: 'not open yet' }, migrations: { ok: false, pending: [] }, integrations: [] }
  }
  try {
    await withTimeout(database.ping(), CHECK_TIMEOUT_MS)
  } catch (error) {
    reasons.push('database unreachable')
    return {
      ready: false,
      reasons,
      database: { ok: false, error: (error as Error).message },
      migrations: { ok: false, pending: [] },
      integrations: [],
    }
  }
  const pending = await withTimeout(pendingMigrations(database.db), CHECK_TIMEOUT_MS)
  if (pending.length > 0) reasons.push(`migrations pending: ${pending.join(', ')}`)
  const integrations = (await withTimeout(listIntegrationStatus(database.db), CHECK_TIMEOUT_MS)).map((row) => ({
    name: row.name,
    state: row.state,
    detail: row.detail,
    lastSuccessAt: row.last_success_at?.toISOString() ?? null,
    lastFailureAt: row.last_failure_at?.toISOString() ?? null,
    lastError: row.last_error,
  }))
  return { ready: reasons.length === 0, reasons, database: { ok: true }, migrations: { ok: pending.length === 0, pending }, integrations }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}
