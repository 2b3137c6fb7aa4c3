import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import type { AccountHealthSnapshot } from '../../../src/domain/account-health.ts'
import { AppError } from '../../../src/domain/errors.ts'
import type { HealthSource } from '../../../src/ports/health-source.ts'
import type { SpapiClient } from './client.ts'
import type { SpapiLogger } from './config.ts'
import { networkFailure, spapiError } from './errors.ts'
import { parseSellerPerformanceReport } from './health-report-parser.ts'
import { createReport, getReport, getReportDocument } from './operations.ts'
import type { SpapiReportDocument } from './schemas.ts'
import type { SpapiStoreClients } from './store-clients.ts'

const gunzipAsync = promisify(gunzip)
export const SELLER_PERFORMANCE_REPORT = 'GET_V2_SELLER_PERFORMANCE_REPORT'

export interface ReportPollOptions {
  /** First wait between getReport calls, growing ×1.5 up to `maxDelayMs`. */
  initialDelayMs: number
  maxDelayMs: number
}

const DEFAULT_POLL: ReportPollOptions = { initialDelayMs: 5_000, maxDelayMs: 60_000 }

/** createReport → poll getReport → getReportDocument → download (+gunzip) → AccountHealthSnapshot. */
export class SpapiHealthSource implements HealthSource {
  readonly #clients: SpapiStoreClients
  readonly #logger: SpapiLogger
  readonly #poll: ReportPollOptions

  constructor(clients: SpapiStoreClients, logger: SpapiLogger, poll: Partial<ReportPollOptions> = {}) {
    this.#clients = clients
    this.#logger = logger
    this.#poll = { ...DEFAULT_POLL, ...poll }
  }

  async fetchSnapshot(storeId: string): Promise<AccountHealthSnapshot> {
    const client = this.#clients.get(storeId)
    const deadline = client.timer.now() + client.timeouts.reportMs
    const reportId = await createReport(client, SELLER_PERFORMANCE_REPORT, client.marketplaceIds)
    this.#logger.info({ storeId, reportId }, 'seller performance report requested')
    const documentId = await this.#waitForDocumentId(client, reportId, deadline)
    let document = await getReportDocument(client, documentId)
    let content: Buffer
    try {
      content = await download(client, document)
    } catch (error) {
      // The presigned URL lives five minutes; a slow first download may find it expired, so ask once more.
      if (!(error instanceof AppError) || error.details?.['status'] !== 403) throw error
      document = await getReportDocument(client, documentId)
      content = await download(client, document)
    }
    const text = document.compressionAlgorithm === 'GZIP' ? await gunzipText(content, documentId) : content.toString('utf8')
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (error) {
      throw new AppError('SPAPI_REPORT_INVALID', `report document ${documentId} is not JSON`, { storeId, reportId }, { cause: error })
    }
    const snapshot = parseSellerPerformanceReport(json, new Date(client.timer.now()))
    this.#logger.info({ storeId, reportId, marketplaces: snapshot.marketplaces.length }, 'seller performance report read')
    return snapshot
  }

  async #waitForDocumentId(client: SpapiClient, reportId: string, deadline: number): Promise<string> {
    let delayMs = this.#poll.initialDelayMs
    for (;;) {
      const report = await getReport(client, reportId)
      if (report.processingStatus === 'DONE') {
        if (report.reportDocumentId) return report.reportDocumentId
        throw new AppError('SPAPI_REPORT_FAILED', `report ${reportId} is DONE without a document`, { reportId })
      }
      if (report.processingStatus === 'CANCELLED' || report.processingStatus === 'FATAL') {
        throw new AppError('SPAPI_REPORT_FAILED', `report ${reportId} ended ${report.processingStatus}`, {
          reportId, processingStatus: report.processingStatus,
        })
      }
      if (client.timer.now() + delayMs > deadline) {
        throw new AppError('SPAPI_TIMEOUT', `report ${reportId} still ${report.processingStatus} at the deadline`, {
          operation: 'getReport', reportId, processingStatus: report.processingStatus,
        })
      }
      await client.timer.sleep(delayMs)
      delayMs = Math.min(this.#poll.maxDelayMs, Math.round(delayMs * 1.5))
    }
  }
}

/** The document URL is presigned: no SP-API token goes with it. */
async function download(client: SpapiClient, document: SpapiReportDocument): Promise<Buffer> {
  const base = { operation: 'downloadDocument' as const, requestId: null, amazonCode: null, retryAfterMs: null }
  let response: Response
  try {
    response = await fetch(document.url, { signal: AbortSignal.timeout(client.timeouts.requestMs) })
    if (!response.ok) {
      await response.body?.cancel()
      throw spapiError(response.status >= 500 ? 'SPAPI_SERVER' : response.status === 404 ? 'SPAPI_NOT_FOUND' : 'SPAPI_FORBIDDEN',
        `report document download answered HTTP ${response.status}`, { ...base, status: response.status, processed: 'no' })
    }
    return Buffer.from(await response.arrayBuffer())
  } catch (error) {
    if (error instanceof AppError) throw error
    const failure = networkFailure(error)
    throw spapiError(failure.code, `report document download failed: ${failure.reason}`, { ...base, status: null, processed: failure.processed }, error)
  }
}

async function gunzipText(content: Buffer, documentId: string): Promise<string> {
  try {
    return (await gunzipAsync(content)).toString('utf8')
  } catch (error) {
    throw new AppError('SPAPI_REPORT_INVALID', `report document ${documentId} is not valid gzip`, { documentId }, { cause: error })
  }
}
