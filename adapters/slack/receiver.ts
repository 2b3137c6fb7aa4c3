// `POST /slack/events` as an encapsulated Fastify plugin: its own parsers keep the body as the exact raw string
// the signature covers, without changing how the rest of the server parses JSON.

import type { FastifyInstance } from 'fastify'
import { SlackInteractionHandler, type SlackInteractionOptions } from './interaction-handler.ts'

export const SLACK_EVENTS_PATH = '/slack/events'
/** Interaction payloads are a few kilobytes; a view submission with a 3,000-character reply stays far below. */
const BODY_LIMIT = 256 * 1024

export interface SlackReceiverOptions extends SlackInteractionOptions {
  path?: string
}

export async function slackReceiverPlugin(app: FastifyInstance, options: SlackReceiverOptions): Promise<void> {
  const handler = new SlackInteractionHandler(options)
  app.removeAllContentTypeParsers()
  app.addContentTypeParser(
    ['application/json', 'application/x-www-form-urlencoded'],
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    (_request, body, done) => done(null, body),
  )
  app.post(options.path ?? SLACK_EVENTS_PATH, async (request, reply) => {
    const answer = await handler.handleHttp({
      rawBody: typeof request.body === 'string' ? request.body : '',
      contentType: request.headers['content-type'],
      headers: request.headers,
    })
    reply.code(answer.status)
    if (answer.body === null) return reply.send()
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(answer.body))
  })
}
