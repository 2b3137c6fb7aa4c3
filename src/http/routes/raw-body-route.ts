// A webhook route whose handler needs the exact raw body (signatures are computed over it). An encapsulated
// plugin on purpose (no fastify-plugin): its string parsers stay inside, so the rest of the server keeps
// parsing JSON normally. The handler is transport-free (the platform adapters' own `handle`).
import type { FastifyInstance } from 'fastify'

export interface RawBodyAnswer {
  status: number
  /** Sent as JSON; a string as text; null/undefined for an empty body. */
  body: unknown
}

export interface RawBodyRouteOptions {
  path: string
  contentTypes: string[]
  bodyLimit: number
  handle(rawBody: string, headers: Record<string, string | string[] | undefined>): Promise<RawBodyAnswer>
}

export function rawBodyRoute(options: RawBodyRouteOptions) {
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(async (scope) => {
      scope.removeAllContentTypeParsers()
      scope.addContentTypeParser(options.contentTypes, { parseAs: 'string', bodyLimit: options.bodyLimit }, (_request, body, done) => done(null, body))
      scope.post(options.path, async (request, reply) => {
        const answer = await options.handle(typeof request.body === 'string' ? request.body : '', request.headers)
        reply.code(answer.status)
        if (answer.body === undefined || answer.body === null) return reply.send()
        if (typeof answer.body === 'string') return reply.type('text/plain; charset=utf-8').send(answer.body)
        return reply.type('application/json; charset=utf-8').send(JSON.stringify(answer.body))
      })
    })
  }
}
