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
  /** Live connections of this replica: since when it has not been connected. */
  downSince?: string | null
}

/** A connection this replica holds itself (DingTalk Stream), read live rather than from the shared table. */
export interface LiveIntegration {
  name: string
  state: 'connected' | 'connecting' | 'down'
  downSince: Date | null
  lastError: string | null
}

export interface LiveIntegrations {
  sources: () => readonly LiveIntegration[]
  /** Not connected for longer than this → named in `degraded`; default 60 s (a reconnect takes a second or two). */
  degradedAfterMs?: number
  now?: () => Date
}

export interface ReadinessReport {
  ready: boolean
  reasons: string[]
  database: { ok: boolean; error?: string }
  migrations: { ok: boolean; pending: string[] }
  /** Reported for the operator; a failing chat platform does not take the replica out of rotation. */
  integrations: IntegrationReport[]
  /**
   * Integrations down long enough to need an operator, e.g. `dingtalk-stream: not connected for 95 s (…)`. They do
   * not make the replica unready: every replica talks to the same platform, so failing readiness would take the
   * whole service (e-mail ingestion, the other platforms) out of rotation for one platform's outage.
   */
  degraded: string[]
}

const CHECK_TIMEOUT_MS = 2_000

const DEFAULT_DEGRADED_AFTER_MS = 60_000

export async function checkReadiness(
  database: DatabaseHandle | null,
  state: { shuttingDown: boolean; started?: boolean },
  live?: LiveIntegrations,
): Promise<ReadinessReport> {
  const reasons: string[] = []
  if (state.shuttingDown) reasons.push('shutting down')
  if (state.started === false) reasons.push('starting')
  if (!database) {
    reasons.push('database not open yet')
    return { ready: false, reasons, database: { ok: false, error: 'not open yet' }, migrations: { ok: false, pending: [] }, integrations: [], degraded: [] }
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
      degraded: [],
    }
  }
  const pending = await withTimeout(pendingMigrations(database.db), CHECK_TIMEOUT_MS)
  if (pending.length > 0) reasons.push(`migrations pending: ${pending.join(', ')}`)
  const stored = (await withTimeout(listIntegrationStatus(database.db), CHECK_TIMEOUT_MS)).map((row): IntegrationReport => ({
    name: row.name,
    state: row.state,
    detail: row.detail,
    lastSuccessAt: row.last_success_at?.toISOString() ?? null,
    lastFailureAt: row.last_failure_at?.toISOString() ?? null,
    lastError: row.last_error,
  }))
  const { integrations, degraded } = withLive(stored, live)
  return { ready: reasons.length === 0, reasons, database: { ok: true }, migrations: { ok: pending.length === 0, pending }, integrations, degraded }
}

/** The stored rows with this replica's live connections in place of their (up to 15 s old) rows. */
function withLive(stored: IntegrationReport[], live: LiveIntegrations | undefined): { integrations: IntegrationReport[]; degraded: string[] } {
  const sources = live?.sources() ?? []
  if (sources.length === 0) return { integrations: stored, degraded: [] }
  const now = (live?.now ?? (() => new Date()))().getTime()
  const limit = live?.degradedAfterMs ?? DEFAULT_DEGRADED_AFTER_MS
  const degraded: string[] = []
  const byName = new Map(stored.map((row) => [row.name, row]))
  for (const source of sources) {
    const row = byName.get(source.name)
    byName.set(source.name, {
      name: source.name,
      state: source.state === 'connected' ? 'ok' : source.state === 'down' ? 'down' : 'starting',
      detail: source.state,
      lastSuccessAt: row?.lastSuccessAt ?? null,
      lastFailureAt: row?.lastFailureAt ?? null,
      lastError: source.lastError,
      downSince: source.downSince?.toISOString() ?? null,
    })
    const downForMs = source.downSince ? now - source.downSince.getTime() : 0
    if (source.state !== 'connected' && downForMs > limit) {
      degraded.push(`${source.name}: not connected for ${Math.round(downForMs / 1000)} s${source.lastError ? ` (${source.lastError})` : ''}`)
    }
  }
  return { integrations: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)), degraded }
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
