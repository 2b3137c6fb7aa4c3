import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { z } from 'zod'
import { marketplaceById } from '../../../src/domain/marketplaces.ts'
import { amazonDate, errorResponse, type SimResponse } from './http-io.ts'

export const SELLER_PERFORMANCE_REPORT = 'GET_V2_SELLER_PERFORMANCE_REPORT'
/** Amazon's report document URLs are presigned for five minutes. */
export const DOCUMENT_URL_TTL_MS = 5 * 60 * 1000

const createReportSchema = z.object({
  reportType: z.string().min(1),
  marketplaceIds: z.array(z.string().min(1)).min(1).max(25),
  dataStartTime: z.iso.datetime({ offset: true }).optional(),
  dataEndTime: z.iso.datetime({ offset: true }).optional(),
  reportOptions: z.record(z.string(), z.string()).optional(),
})

interface StoredReport {
  reportId: string
  reportType: string
  marketplaceIds: string[]
  createdAt: Date
  pollsLeft: number
  pollsSeen: number
  processingStartedAt: Date | null
  processingEndedAt: Date | null
  documentId: string
  content: Buffer
}

/**
 * The Reports API 2021-06-30 flow for the seller performance report: create → poll (IN_QUEUE, IN_PROGRESS…,
 * DONE) → document with a presigned-style URL → gzip bytes. The report content is frozen when the report is
 * created, as Amazon's would be.
 */
export class SimulatedReports {
  readonly #reports = new Map<string, StoredReport>()
  readonly #documents = new Map<string, StoredReport>()
  readonly #signingKey = randomBytes(32)
  #lastReportNumber = 50_000_000_000 + randomBytes(3).readUIntBE(0, 3)
  readonly #processingPolls: number
  #content: () => unknown

  constructor(processingPolls: number, defaultContent: () => unknown) {
    this.#processingPolls = processingPolls
    this.#content = defaultContent
  }

  setSellerPerformanceReport(report: unknown): void {
    const frozen = JSON.stringify(report)
    this.#content = () => JSON.parse(frozen) as unknown
  }

  create(body: unknown, now: Date): SimResponse {
    const parsed = createReportSchema.safeParse(body)
    if (!parsed.success) {
      const details = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')
      return errorResponse(400, 'InvalidInput', 'Invalid Input', details)
    }
    const unknownId = parsed.data.marketplaceIds.find((id) => !marketplaceById(id))
    if (unknownId) return errorResponse(400, 'InvalidInput', 'Invalid Input', `Invalid marketplaceId: ${unknownId}`)
    if (parsed.data.reportType !== SELLER_PERFORMANCE_REPORT) {
      return errorResponse(400, 'InvalidInput', 'Invalid Input', `The simulator only produces ${SELLER_PERFORMANCE_REPORT}.`)
    }
    this.#lastReportNumber += 1
    const reportId = String(this.#lastReportNumber)
    const report: StoredReport = {
      reportId,
      reportType: parsed.data.reportType,
      marketplaceIds: parsed.data.marketplaceIds,
      createdAt: now,
      pollsLeft: this.#processingPolls,
      pollsSeen: 0,
      processingStartedAt: null,
      processingEndedAt: null,
      documentId: `amzn1.spdoc.1.4.na.${randomUUID()}`,
      content: gzipSync(Buffer.from(JSON.stringify(this.#content()))),
    }
    this.#reports.set(reportId, report)
    this.#documents.set(report.documentId, report)
    return { status: 202, body: { reportId } }
  }

  get(reportId: string, now: Date): SimResponse {
    const report = this.#reports.get(reportId)
    if (!report) return errorResponse(404, 'NotFound', 'The requested resource was not found.', `Report ${reportId} was not found.`)
    let status: 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE'
    if (report.pollsLeft > 0) {
      status = report.pollsSeen === 0 ? 'IN_QUEUE' : 'IN_PROGRESS'
      if (status === 'IN_PROGRESS') report.processingStartedAt ??= now
      report.pollsLeft -= 1
    } else {
      status = 'DONE'
      report.processingStartedAt ??= now
      report.processingEndedAt ??= now
    }
    report.pollsSeen += 1
    const body: Record<string, unknown> = {
      reportId: report.reportId,
      reportType: report.reportType,
      marketplaceIds: report.marketplaceIds,
      createdTime: amazonDate(report.createdAt),
      processingStatus: status,
    }
    if (report.processingStartedAt) body['processingStartTime'] = amazonDate(report.processingStartedAt)
    if (status === 'DONE' && report.processingEndedAt) {
      body['processingEndTime'] = amazonDate(report.processingEndedAt)
      body['reportDocumentId'] = report.documentId
    }
    return { status: 200, body }
  }

  /** A fresh presigned-style URL each call, valid for five minutes from `now`. */
  document(documentId: string, baseUrl: string, now: Date): SimResponse {
    const report = this.#documents.get(documentId)
    if (!report || report.processingEndedAt === null) {
      return errorResponse(404, 'NotFound', 'The requested resource was not found.', `Document ${documentId} was not found.`)
    }
    const issuedAtMs = now.getTime()
    const query = new URLSearchParams({
      'X-Amz-Date': String(issuedAtMs),
      'X-Amz-Expires': String(DOCUMENT_URL_TTL_MS / 1000),
      'X-Amz-Signature': this.#sign(documentId, issuedAtMs),
    })
    const url = `${baseUrl}/report-documents/${encodeURIComponent(documentId)}?${query.toString()}`
    return { status: 200, body: { reportDocumentId: documentId, url, compressionAlgorithm: 'GZIP' } }
  }

  /** The download answers like S3: raw gzip bytes (no Content-Encoding), XML errors, 403 once expired. */
  download(documentId: string, query: URLSearchParams, now: Date): SimResponse {
    const report = this.#documents.get(documentId)
    const issuedAtMs = Number(query.get('X-Amz-Date'))
    const signature = query.get('X-Amz-Signature') ?? ''
    if (!report || !Number.isFinite(issuedAtMs) || !this.#verify(documentId, issuedAtMs, signature)) {
      return s3Error(403, 'AccessDenied', 'Access Denied')
    }
    if (now.getTime() - issuedAtMs > DOCUMENT_URL_TTL_MS) return s3Error(403, 'AccessDenied', 'Request has expired')
    return { status: 200, body: report.content, contentType: 'application/octet-stream' }
  }

  #sign(documentId: string, issuedAtMs: number): string {
    return createHmac('sha256', this.#signingKey).update(`${documentId}\n${issuedAtMs}`).digest('hex')
  }

  #verify(documentId: string, issuedAtMs: number, signature: string): boolean {
    const expected = Buffer.from(this.#sign(documentId, issuedAtMs))
    const given = Buffer.from(signature)
    return expected.length === given.length && timingSafeEqual(expected, given)
  }
}

function s3Error(status: number, code: string, message: string): SimResponse {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`
  return { status, body: Buffer.from(xml), contentType: 'application/xml' }
}
