import { gunzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { sellerPerformanceReport } from '../../adapters/simulator/spapi/performance-report.ts'
import { startSpapiSimulator, type SpapiSimulator } from '../../adapters/simulator/spapi/server.ts'

const CREDENTIALS = { clientId: 'client', clientSecret: 'secret', refreshToken: 'Atzr|refresh' }
const US = 'ATVPDKIKX0DER'
const JP = 'A1VC38T7YXB528'

let clock = new Date('2026-05-10T02:00:00Z')
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms)
}
let sim: SpapiSimulator | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
  clock = new Date('2026-05-10T02:00:00Z')
})

async function setup(reportProcessingPolls: number): Promise<{ sim: SpapiSimulator; headers: Record<string, string> }> {
  sim = await startSpapiSimulator({ ...CREDENTIALS, now: () => clock, reportProcessingPolls })
  const res = await fetch(`${sim.url}/auth/o2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: CREDENTIALS.refreshToken, client_id: CREDENTIALS.clientId, client_secret: CREDENTIALS.clientSecret }),
  })
  const token = ((await res.json()) as { access_token: string }).access_token
  return { sim, headers: { 'x-amz-access-token': token, 'content-type': 'application/json' } }
}

async function createReport(s: SpapiSimulator, headers: Record<string, string>, body: unknown): Promise<Response> {
  return fetch(`${s.url}/reports/2021-06-30/reports`, { method: 'POST', headers, body: JSON.stringify(body) })
}

async function runToDone(s: SpapiSimulator, headers: Record<string, string>): Promise<{ statuses: string[]; documentId: string }> {
  const created = await createReport(s, headers, { reportType: 'GET_V2_SELLER_PERFORMANCE_REPORT', marketplaceIds: [US] })
  expect(created.status).toBe(202)
  const { reportId } = (await created.json()) as { reportId: string }
  const statuses: string[] = []
  for (let poll = 0; poll < 10; poll++) {
    const res = await fetch(`${s.url}/reports/2021-06-30/reports/${reportId}`, { headers })
    const report = (await res.json()) as { processingStatus: string; reportDocumentId?: string; reportId: string; createdTime: string }
    expect(report).toMatchObject({ reportId, reportType: 'GET_V2_SELLER_PERFORMANCE_REPORT', createdTime: '2026-05-10T02:00:00Z' })
    statuses.push(report.processingStatus)
    if (report.processingStatus === 'DONE') return { statuses, documentId: report.reportDocumentId ?? '' }
    expect(report.reportDocumentId).toBeUndefined()
  }
  throw new Error('report never finished')
}

async function documentUrl(s: SpapiSimulator, headers: Record<string, string>, documentId: string): Promise<string> {
  const res = await fetch(`${s.url}/reports/2021-06-30/documents/${documentId}`, { headers })
  expect(res.status).toBe(200)
  const document = (await res.json()) as { reportDocumentId: string; url: string; compressionAlgorithm: string }
  expect(document).toMatchObject({ reportDocumentId: documentId, compressionAlgorithm: 'GZIP' })
  return document.url
}

describe('SP-API simulator: seller performance report', () => {
  it('goes IN_QUEUE, IN_PROGRESS, then DONE with a document id', async () => {
    const { sim: s, headers } = await setup(3)
    const { statuses, documentId } = await runToDone(s, headers)
    expect(statuses).toEqual(['IN_QUEUE', 'IN_PROGRESS', 'IN_PROGRESS', 'DONE'])
    expect(documentId).toMatch(/^amzn1\.spdoc\./)
  })

  it('serves the default report as gzip at an unauthenticated URL: two marketplaces, all GOOD', async () => {
    const { sim: s, headers } = await setup(0)
    const { statuses, documentId } = await runToDone(s, headers)
    expect(statuses).toEqual(['DONE'])
    const download = await fetch(await documentUrl(s, headers, documentId))
    expect(download.status).toBe(200)
    expect(download.headers.get('content-encoding')).toBeNull()
    const bytes = Buffer.from(await download.arrayBuffer())
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]))
    const report = JSON.parse(gunzipSync(bytes).toString('utf8')) as {
      accountStatuses: { marketplaceId: string; status: string }[]
      performanceMetrics: Record<string, { status?: string; mfn?: { status: string }; afn?: { status: string } } | string>[]
    }
    expect(report.accountStatuses.map((a) => a.status)).toEqual(['NORMAL', 'NORMAL'])
    expect(report.performanceMetrics).toHaveLength(2)
    for (const metrics of report.performanceMetrics) {
      for (const name of ['lateShipmentRate', 'preFulfillmentCancellationRate', 'validTrackingRate', 'onTimeDeliveryRate']) {
        expect((metrics[name] as { status: string }).status).toBe('GOOD')
      }
      const odr = metrics['orderDefectRate'] as { mfn: { status: string }; afn: { status: string } }
      expect([odr.mfn.status, odr.afn.status]).toEqual(['GOOD', 'GOOD'])
    }
  })

  it('uses the content set by setSellerPerformanceReport, frozen when the report is created', async () => {
    const { sim: s, headers } = await setup(1)
    s.setSellerPerformanceReport(sellerPerformanceReport(clock, [{ marketplaceId: JP, accountStatus: 'AT_RISK', lateShipmentRate: 0.061 }]))
    const pending = runToDone(s, headers)
    const { documentId } = await pending
    s.setSellerPerformanceReport({ accountStatuses: [] })
    const bytes = Buffer.from(await (await fetch(await documentUrl(s, headers, documentId))).arrayBuffer())
    const report = JSON.parse(gunzipSync(bytes).toString('utf8')) as {
      accountStatuses: { marketplaceId: string; status: string }[]
      performanceMetrics: { lateShipmentRate: { status: string; rate: number } }[]
    }
    expect(report.accountStatuses).toEqual([{ marketplaceId: JP, status: 'AT_RISK' }])
    expect(report.performanceMetrics[0]?.lateShipmentRate).toMatchObject({ status: 'BAD', rate: 0.061 })
  })

  it('expires the document URL after five minutes and refuses a tampered one', async () => {
    const { sim: s, headers } = await setup(0)
    const { documentId } = await runToDone(s, headers)
    const url = await documentUrl(s, headers, documentId)
    advance(5 * 60 * 1000)
    expect((await fetch(url)).status).toBe(200)
    advance(1000)
    const expired = await fetch(url)
    expect(expired.status).toBe(403)
    expect(await expired.text()).toMatch(/<Code>AccessDenied<\/Code>/)
    const fresh = await documentUrl(s, headers, documentId)
    expect((await fetch(fresh)).status).toBe(200)
    const tampered = fresh.replace(/X-Amz-Date=(\d+)/, (_m, ms: string) => `X-Amz-Date=${Number(ms) + 60_000}`)
    expect((await fetch(tampered)).status).toBe(403)
  })

  it('validates createReport bodies and unknown ids', async () => {
    const { sim: s, headers } = await setup(0)
    for (const body of [{ reportType: 'GET_V2_SELLER_PERFORMANCE_REPORT' }, { reportType: 'GET_V2_SELLER_PERFORMANCE_REPORT', marketplaceIds: [] }, { reportType: 'GET_V2_SELLER_PERFORMANCE_REPORT', marketplaceIds: ['NOPE'] }, { reportType: 'GET_FLAT_FILE_OPEN_LISTINGS_DATA', marketplaceIds: [US] }]) {
      const res = await createReport(s, headers, body)
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ errors: [{ code: 'InvalidInput' }] })
    }
    expect((await fetch(`${s.url}/reports/2021-06-30/reports/123`, { headers })).status).toBe(404)
    expect((await fetch(`${s.url}/reports/2021-06-30/documents/amzn1.spdoc.1.4.na.none`, { headers })).status).toBe(404)
  })

  it('throttles createReport at its burst of 15', async () => {
    const { sim: s, headers } = await setup(0)
    const statuses: number[] = []
    for (let i = 0; i < 16; i++) statuses.push((await createReport(s, headers, { reportType: 'GET_V2_SELLER_PERFORMANCE_REPORT', marketplaceIds: [US] })).status)
    expect(statuses.filter((status) => status === 202)).toHaveLength(15)
    expect(statuses.at(-1)).toBe(429)
    expect(s.overPlanCount('createReport')).toBe(1)
  })
})
