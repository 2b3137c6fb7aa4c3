import { z } from 'zod'
import { syncCard, type CardSyncDeps } from '../services/cards/sync-cards.ts'
import type { JobDefinition } from './queue.ts'

export const SYNC_CARD_JOB = 'cards.sync'

const syncCardData = z.object({
  cardId: z.uuid(),
  note: z.union([z.literal('buyer-message'), z.object({ en: z.string(), zh: z.string() })]).nullable().default(null),
})
export type SyncCardData = z.infer<typeof syncCardData>

/** Posts or updates one card; platform outages and 429s are retried with backoff, visibly failed at the end. */
export function syncCardJob(deps: CardSyncDeps, onSynced?: (platform: string | null, outcome: string) => void): JobDefinition<SyncCardData> {
  return {
    name: SYNC_CARD_JOB,
    data: syncCardData,
    retry: { retryLimit: 8, retryDelaySeconds: 2, retryBackoff: true, retryDelayMaxSeconds: 300 },
    concurrency: 4,
    handle: async ({ cardId, note }) => {
      const { outcome, platform } = await syncCard(deps, cardId, note)
      onSynced?.(platform, outcome)
    },
  }
}
