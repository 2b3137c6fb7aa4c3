import type { FastifyInstance } from 'fastify'
import { AppError } from '../../domain/errors.ts'
import type { IngestOutcome } from '../../services/ingest/ingest-mail.ts'
import { bearerMatches } from '../auth.ts'

export interface InboundEmailDeps {
  token: string | null
  maxBytes: number
  storeIds: readonly string[]
  ingest(raw: Buffer, storeId: string): Promise<IngestOutcome>
}

/**
 * `POST /inbound/email`: a raw RFC 822 mail (`Content-Type: message/rfc822`) from a mail relay that forwards
 * Amazon's buyer-message copies. The token is checked before the body is read; `?store=<id>` picks the store
 * when there are several.
 */
export async function inboundEmailRoutes(app: FastifyInstance, deps: InboundEmailDeps): Promise<void> {
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('message/rfc822', { parseAs: 'buffer', bodyLimit: deps.maxBytes }, (_request, body, done) => done(null, body))
  app.addContentTypeParser('*', (_request, _payload, done) =>
    done(new AppError('UNSUPPORTED_MEDIA_TYPE', 'expected Content-Type: message/rfc822 with the raw e-mail as the body'), undefined),
  )

  app.addHook('onRequest', async (request) => {
    if (!deps.token || !bearerMatches(request.headers.authorization, deps.token)) {
      throw new AppError('UNAUTHORIZED', 'a valid bearer token (INBOUND_EMAIL_TOKEN) is required')
    }
  })

  app.post('/inbound/email', async (request, reply) => {
    const query = request.query as { store?: unknown }
    const storeId = typeof query.store === 'string' ? query.store : deps.storeIds.length === 1 ? deps.storeIds[0] : undefined
    if (!storeId || !deps.storeIds.includes(storeId)) {
      throw new AppError('BAD_REQUEST', storeId ? `unknown store "${storeId}"` : `several stores are configured: name one with ?store= (${deps.storeIds.join(', ')})`)
    }
    const body = request.body
    if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('BAD_REQUEST', 'the request body must be the raw e-mail')
    const outcome = await deps.ingest(body, storeId)
    return reply.status(202).send(outcome.outcome === 'stored' ? { outcome: 'stored', conversationId: outcome.conversationId, messageId: outcome.messageId } : outcome)
  })
}
