import type { AccountHealthSnapshot } from '../domain/account-health.ts'

export interface HealthSource {
  /** Requests, waits for and downloads the seller performance report of one store. */
  fetchSnapshot(storeId: string): Promise<AccountHealthSnapshot>
}
