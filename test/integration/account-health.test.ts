import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SpapiClient, SpapiHealthSource, SpapiStoreClients } from '../../adapters/amazon/spapi/index.ts'
import { sellerPerformanceReport } from '../../adapters/simulator/spapi/performance-report.ts'
import { startSpapiSimulator, type SpapiSimulator } from '../../adapters/simulator/spapi/server.ts'
import { upsertStores } from '../../src/db/repos/stores.ts'
import { checkAccountHealth } from '../../src/services/health/check-account-health.ts'
import { openTestDatabase, silentLogger, testDatabaseMode } from '../support/database.ts'

const credentials = { clientId: 'amzn1.application-oa2-client.health', clientSecret: 'health-secret', refreshToken: 'Atzr|health' }
const US = 'ATVPDKIKX0DER'
const DE = 'A1PA6795UKMFR9'
let simulator: SpapiSimulator
let database: Awaited<ReturnType<typeof openTestDatabase>>
let source: SpapiHealthSource

beforeAll(async () => {
  simulator = await startSpapiSimulator({ ...credentials, reportProcessingPolls: 1 })
  database = await openTestDatabase()
  await upsertStores(database.db, [{ id: 'eu', name: 'Acme', region: 'na', marketplaces: ['US', 'DE'], listenOnly: false }])
  const client = new SpapiClient(
    {
      storeId: 'eu',
      region: 'na',
      endpoint: simulator.url,
      lwaEndpoint: `${simulator.url}/auth/o2/token`,
      ...credentials,
      marketplaceIds: [US, DE],
      // The simulator answers at once; Amazon's report plan (1/min) would only slow the test down.
      ratePlans: { createReport: { rate: 10, burst: 10 }, getReportDocument: { rate: 10, burst: 10 } },
    },
    { logger: silentLogger },
  )
  source = new SpapiHealthSource(new SpapiStoreClients([client]), silentLogger, { initialDelayMs: 20, maxDelayMs: 50 })
})
afterAll(async () => {
  await database?.drop()
  await simulator?.close()
})

async function alertCount(): Promise<number> {
  const row = await database.db.selectFrom('alerts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

describe(`account health (${testDatabaseMode})`, () => {
  it('raises one alert for a BAD metric, none for the identical next report, and keeps every snapshot', async () => {
    const healthy = sellerPerformanceReport(new Date(), [{ marketplaceId: US }, { marketplaceId: DE }])
    simulator.setSellerPerformanceReport(healthy)
    expect(await checkAccountHealth({ db: database.db, source, logger: silentLogger }, 'eu')).toEqual([])

    const lateShipments = sellerPerformanceReport(new Date(), [{ marketplaceId: US }, { marketplaceId: DE, lateShipmentRate: 0.061 }])
    simulator.setSellerPerformanceReport(lateShipments)
    const raised = await checkAccountHealth({ db: database.db, source, logger: silentLogger }, 'eu')
    expect(raised).toHaveLength(1)
    expect(raised[0]!.alert).toMatchObject({ kind: 'metric-status', marketplaceId: DE, metric: 'lateShipmentRate', current: 'BAD', value: 0.061, target: 0.04 })

    expect(await checkAccountHealth({ db: database.db, source, logger: silentLogger }, 'eu')).toEqual([])
    expect(await alertCount()).toBe(1)
    const stored = await database.db.selectFrom('alerts').selectAll().executeTakeFirstOrThrow()
    expect(stored).toMatchObject({ store_id: 'eu', severity: 'critical', marketplace_id: DE })
    const snapshots = await database.db.selectFrom('health_snapshots').select('id').where('store_id', '=', 'eu').execute()
    expect(snapshots).toHaveLength(3)
  })

  it('alerts again when the account turns AT_RISK after recovering', async () => {
    simulator.setSellerPerformanceReport(sellerPerformanceReport(new Date(), [{ marketplaceId: US }, { marketplaceId: DE }]))
    await checkAccountHealth({ db: database.db, source, logger: silentLogger }, 'eu')
    simulator.setSellerPerformanceReport(sellerPerformanceReport(new Date(), [{ marketplaceId: US, accountStatus: 'AT_RISK' }, { marketplaceId: DE }]))
    const raised = await checkAccountHealth({ db: database.db, source, logger: silentLogger }, 'eu')
    expect(raised.map((r) => [r.alert.kind, r.alert.marketplaceId, r.alert.current])).toEqual([['account-status', US, 'AT_RISK']])
  })
})
