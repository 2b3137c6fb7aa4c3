// `POST /feishu/events` as a Fastify plugin. Not wrapped in fastify-plugin on purpose: the raw-string JSON
// parser stays encapsulated here, so the rest of the server keeps parsing JSON normally.

import type { FastifyInstance, FastifyPluginAsync } from 'fastify'
import type { FeishuWebhookRequest, FeishuWebhookResponse } from './webhook.ts'

export interface FeishuEventsPluginOptions {
  webhook: (request: FeishuWebhookRequest) => Promise<FeishuWebhookResponse>
  /** Default `/feishu/events`. */
  path?: string
  /** Default 1 MiB; card callbacks are a few KB. */
  bodyLimit?: number
}

export const feishuEventsPlugin: FastifyPluginAsync<FeishuEventsPluginOptions> = async (app: FastifyInstance, options) => {
  app.removeContentTypeParser(['application/json', 'text/plain'])
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string', bodyLimit: options.bodyLimit ?? 1024 * 1024 }, (_request, body, done) => {
    done(null, body)
  })
  app.post(options.path ?? '/feishu/events', async (request, reply) => {
    const rawBody = typeof request.body === 'string' ? request.body : ''
    const response = await options.webhook({ headers: request.headers, rawBody })
    return reply.code(response.status).send(response.body)
  })
}
