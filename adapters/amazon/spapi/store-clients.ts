import { AppError } from '../../../src/domain/errors.ts'
import type { SpapiClient } from './client.ts'

/** The SP-API clients of the configured stores, looked up by store id. */
export class SpapiStoreClients {
  readonly #byStore: Map<string, SpapiClient>

  constructor(clients: readonly SpapiClient[]) {
    this.#byStore = new Map(clients.map((client) => [client.storeId, client]))
  }

  get(storeId: string): SpapiClient {
    const client = this.#byStore.get(storeId)
    if (!client) throw new AppError('SPAPI_UNKNOWN_STORE', `no SP-API credentials configured for store ${storeId}`, { storeId })
    return client
  }
}
