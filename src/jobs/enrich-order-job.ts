import { z } from 'zod'
import { enrichConversation, type EnrichDeps } from '../services/ingest/enrich-order.ts'
import type { JobDefinition } from './queue.ts'

export const ENRICH_ORDER_JOB = 'order.enrich'

/** Order context is best effort: a few retries with backoff inside SP-API's usage plans, then give up. */
export function enrichOrderJob(deps: EnrichDeps): JobDefinition<{ conversationId: string }> {
  return {
    name: ENRICH_ORDER_JOB,
    data: z.object({ conversationId: z.uuid() }),
    retry: { retryLimit: 4, retryDelaySeconds: 5, retryBackoff: true, retryDelayMaxSeconds: 120 },
    concurrency: 4,
    handle: async ({ conversationId }) => {
      await enrichConversation(deps, conversationId)
    },
  }
}
