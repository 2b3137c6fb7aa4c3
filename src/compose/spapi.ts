import { SpapiClient, SpapiOrderContextSource, SpapiStoreClients } from '../../adapters/amazon/spapi/index.ts'
import type { Config, StoreConfig } from '../config.ts'
import { marketplaceByCode, type SpapiRegion } from '../domain/marketplaces.ts'
import type { Logger } from '../logging.ts'
import type { OrderContextSource } from '../ports/order-context.ts'

export interface SpapiWiring {
  clients: SpapiStoreClients
  orderContext: OrderContextSource
  storeIds: Set<string>
}

const ORDER_CONTEXT_TTL_MS = 15 * 60_000

function regionOf(store: StoreConfig): SpapiRegion {
  return store.region ?? marketplaceByCode(store.marketplaces[0] ?? 'US')?.region ?? 'na'
}

/** One SP-API client per store that has credentials; null when none has. */
export function wireSpapi(config: Config, logger: Logger, extraStores: StoreConfig[] = []): SpapiWiring | null {
  const stores = [...config.stores, ...extraStores].filter((s) => s.credentials)
  if (stores.length === 0) return null
  const log = logger.child({ component: 'sp-api' })
  const clients = stores.map(
    (store) =>
      new SpapiClient(
        {
          storeId: store.id,
          region: regionOf(store),
          ...(config.spapi.endpoint ? { endpoint: config.spapi.endpoint } : {}),
          ...(config.spapi.lwaEndpoint ? { lwaEndpoint: config.spapi.lwaEndpoint } : {}),
          clientId: store.credentials!.lwaClientId,
          clientSecret: store.credentials!.lwaClientSecret,
          refreshToken: store.credentials!.refreshToken,
          marketplaceIds: store.marketplaces.map((code) => marketplaceByCode(code)!.id),
        },
        { logger: log.child({ store: store.id }) },
      ),
  )
  const storeClients = new SpapiStoreClients(clients)
  return {
    clients: storeClients,
    orderContext: new SpapiOrderContextSource(storeClients, { ttlMs: ORDER_CONTEXT_TTL_MS }, log),
    storeIds: new Set(stores.map((s) => s.id)),
  }
}
