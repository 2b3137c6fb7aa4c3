// The Stream gateway's connection-open call: `POST /v1.0/gateway/connections/open` with the app's credentials
// and its subscriptions → `{ endpoint, ticket }`, the WebSocket address to open once. `doctor` makes the same
// call to check the credentials and that Stream mode is reachable (the ticket is simply left unused).

import { AppError } from '../../../src/domain/errors.ts'
import { requestJson } from '../api/http.ts'
import { type DingtalkAppConfig, dingtalkBaseUrl } from '../config.ts'
import { gatewayAnswer, GATEWAY_OPEN_PATH } from './frames.ts'

export interface StreamConnectionRequest extends DingtalkAppConfig {
  topics: readonly string[]
  userAgent?: string
  timeoutMs?: number
}

/** The socket URL (`endpoint?ticket=…`) of a new Stream connection subscribed to `topics`. */
export async function openStreamConnection(request: StreamConnectionRequest): Promise<string> {
  const answer = await requestJson({
    operation: 'gateway.connections.open',
    method: 'POST',
    url: dingtalkBaseUrl(request.apiBaseUrl) + GATEWAY_OPEN_PATH,
    body: {
      clientId: request.appKey,
      clientSecret: request.appSecret,
      ua: request.userAgent ?? 'buyerbridge',
      subscriptions: request.topics.map((topic) => ({ type: 'CALLBACK', topic })),
    },
    timeoutMs: request.timeoutMs ?? 10_000,
  })
  const parsed = gatewayAnswer.safeParse(answer)
  if (!parsed.success) {
    throw new AppError('DINGTALK_API_ERROR', 'gateway.connections.open: answer without endpoint/ticket', { operation: 'gateway.connections.open', status: 200, code: null, message: null, retryable: true })
  }
  const url = new URL(parsed.data.endpoint)
  url.searchParams.set('ticket', parsed.data.ticket)
  return url.toString()
}
