import { recordIntegrationStatus } from '../db/repos/integration-status.ts'
import type { Db } from '../db/schema.ts'
import type { IntegrationState } from '../db/tables/integration-status.ts'
import type { Logger } from '../logging.ts'
import type { Clock } from '../ports/clock.ts'

const INTERVAL_MS = 15_000

export interface ReportedSource {
  name: string
  health(): { state: string; lastError: string | null }
}

function stateOf(state: string): IntegrationState {
  if (state === 'connected') return 'ok'
  if (state === 'standby' || state === 'down') return state
  return 'starting'
}

/** Writes the health of long-lived connections (IMAP, DingTalk Stream) where /readyz and the console read it. */
export function startHealthReporter(db: Db, clock: Clock, logger: Logger, sources: readonly ReportedSource[]) {
  const report = async () => {
    for (const source of sources) {
      const health = source.health()
      await recordIntegrationStatus(db, source.name, { state: stateOf(health.state), detail: health.state, error: health.lastError, at: clock.now() }).catch(
        (error: unknown) => logger.warn({ err: error, integration: source.name }, 'could not record integration status'),
      )
    }
  }
  const timer = sources.length > 0 ? setInterval(() => void report(), INTERVAL_MS) : null
  timer?.unref()
  return {
    /** Stops reporting after one last report. */
    stop: async () => {
      if (timer) clearInterval(timer)
      await report()
    },
  }
}
