import { z } from 'zod'
import { checkAccountHealth, type HealthCheckDeps, type RaisedAlert } from '../services/health/check-account-health.ts'
import type { JobDefinition } from './queue.ts'

export const HEALTH_CHECK_JOB = 'health.check'

export function healthCheckJob(deps: HealthCheckDeps, onRaised: (storeId: string, alerts: RaisedAlert[]) => Promise<void>): JobDefinition<{ storeId: string }> {
  return {
    name: HEALTH_CHECK_JOB,
    data: z.object({ storeId: z.string().min(1) }),
    retry: { retryLimit: 3, retryDelaySeconds: 60, retryBackoff: true, retryDelayMaxSeconds: 900, expireInSeconds: 900 },
    handle: async ({ storeId }) => {
      const raised = await checkAccountHealth(deps, storeId)
      if (raised.length > 0) await onRaised(storeId, raised)
    },
  }
}

/** Every `intervalHours`, at minute 7 (off the hour, when everyone else's cron runs). */
export function healthCron(intervalHours: number): string {
  return intervalHours >= 24 ? `7 3 */${Math.floor(intervalHours / 24)} * *` : `7 */${intervalHours} * * *`
}
