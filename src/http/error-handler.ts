import type { FastifyError, FastifyInstance } from 'fastify'
import { isAppError } from '../domain/errors.ts'

/** Stable error codes that are the client's fault, and their HTTP status. */
const CLIENT_ERRORS: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAVAILABLE: 503,
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isAppError(error) && CLIENT_ERRORS[error.code]) {
      return reply.status(CLIENT_ERRORS[error.code]!).send({ error: error.code, message: error.message })
    }
    if (error.validation) {
      return reply.status(400).send({ error: 'BAD_REQUEST', message: error.message })
    }
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST'
      return reply.status(status).send({ error: code, message: error.message })
    }
    request.log.error({ err: error }, 'request failed')
    return reply.status(500).send({ error: 'INTERNAL', message: 'internal error', requestId: request.id })
  })
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` }),
  )
}
