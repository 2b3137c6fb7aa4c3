// `POST /slack/events` as a Bolt receiver: the HTTP edge (src/http/routes/raw-body-route.ts) hands it the exact
// raw body the signature covers and the headers. Verified requests go to `app.processEvent`; the HTTP answer is
// whatever the listener acks (or an empty 200 when no listener wants the payload).

import type { App, Receiver, ReceiverEvent } from '@slack/bolt'
import type { Clock } from '../../src/ports/clock.ts'
import { createSlackBoltApp, SlackAnswerError, type SlackBoltOptions } from './bolt-app.ts'
import { SlackInteractionHandler, type SlackInteractionOptions, type SlackLogger } from './interaction-handler.ts'
import { verifySlackSignature } from './signature.ts'

export const SLACK_EVENTS_PATH = '/slack/events'
/** Interaction payloads are a few kilobytes; a view submission with a 3,000-character reply stays far below. */
export const SLACK_BODY_LIMIT = 256 * 1024
export const SLACK_CONTENT_TYPES = ['application/json', 'application/x-www-form-urlencoded']

interface HttpAnswer {
  status: number
  body: unknown
}
const EMPTY_OK: HttpAnswer = { status: 200, body: undefined }

export class SlackHttpReceiver implements Receiver {
  readonly #signingSecret: string
  readonly #logger: SlackLogger
  readonly #clock: Clock | undefined
  #app: App | null = null

  constructor(options: { signingSecret: string; logger: SlackLogger; clock?: Clock }) {
    this.#signingSecret = options.signingSecret
    this.#logger = options.logger
    this.#clock = options.clock
  }

  init(app: App): void {
    this.#app = app
  }

  // The Fastify server owns the socket; Bolt's start/stop have nothing to do.
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async handle(rawBody: string, headers: Record<string, string | string[] | undefined>): Promise<HttpAnswer> {
    const now = (this.#clock?.now() ?? new Date()).getTime()
    const verified = verifySlackSignature(
      this.#signingSecret,
      { rawBody, signature: header(headers, 'x-slack-signature'), timestamp: header(headers, 'x-slack-request-timestamp') },
      now,
    )
    if (!verified) {
      this.#logger.warn({}, 'Slack request refused: bad or stale signature')
      return { status: 401, body: undefined }
    }
    const body = parseBody(rawBody, header(headers, 'content-type'))
    if (body.kind === 'unsupported') return { status: 415, body: undefined }
    if (body.kind === 'malformed') return { status: 400, body: undefined }
    if (body.kind === 'answer') return body.answer
    return this.#process(body.body, Number.parseInt(header(headers, 'x-slack-retry-num') ?? '0', 10) || 0, header(headers, 'x-slack-retry-reason'))
  }

  async #process(body: Record<string, unknown>, retryNum: number, retryReason: string | undefined): Promise<HttpAnswer> {
    const app = this.#app
    if (!app) return { status: 503, body: undefined }
    let acked: ((answer: HttpAnswer) => void) | null = null
    const ackedAnswer = new Promise<HttpAnswer>((resolve) => {
      acked = resolve
    })
    const event: ReceiverEvent = {
      body,
      retryNum,
      ...(retryReason ? { retryReason } : {}),
      ack: async (response?: unknown) => {
        if (!acked) return
        const resolve = acked
        acked = null
        resolve({ status: 200, body: response })
      },
    }
    // Nothing acked when processing ends: no listener wanted the payload (a foreign action, an event).
    const processed = app.processEvent(event).then(
      () => EMPTY_OK,
      (error: unknown) => {
        if (error instanceof SlackAnswerError) return { status: error.status, body: undefined }
        this.#logger.error({ err: error }, 'Slack event processing failed')
        return { status: 500, body: undefined }
      },
    )
    return Promise.race([ackedAnswer, processed])
  }
}

type ParsedBody =
  | { kind: 'payload'; body: Record<string, unknown> }
  | { kind: 'answer'; answer: HttpAnswer }
  | { kind: 'malformed' }
  | { kind: 'unsupported' }

function parseBody(rawBody: string, contentType: string | undefined): ParsedBody {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase()
  if (type === 'application/json') {
    const body = parseJsonObject(rawBody)
    if (!body) return { kind: 'malformed' }
    if (body.type === 'url_verification') {
      return typeof body.challenge === 'string' ? { kind: 'answer', answer: { status: 200, body: { challenge: body.challenge } } } : { kind: 'malformed' }
    }
    return { kind: 'payload', body }
  }
  if (type !== 'application/x-www-form-urlencoded') return { kind: 'unsupported' }
  const form = Object.fromEntries(new URLSearchParams(rawBody))
  if (form.ssl_check !== undefined) return { kind: 'answer', answer: EMPTY_OK }
  if (typeof form.payload === 'string') {
    const payload = parseJsonObject(form.payload)
    return payload ? { kind: 'payload', body: payload } : { kind: 'malformed' }
  }
  if (typeof form.command === 'string') return { kind: 'payload', body: form }
  return { kind: 'answer', answer: EMPTY_OK }
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value[0] : value
}

export interface SlackReceiverOptions extends SlackInteractionOptions, Omit<SlackBoltOptions, 'handler' | 'logger' | 'authorization'> {
  signingSecret: string
  clock?: Clock
  authorization?: SlackBoltOptions['authorization']
}

/** The HTTP receiver with its Bolt app: feed `handle` the raw requests of `POST /slack/events`. */
export function createSlackHttpReceiver(options: SlackReceiverOptions): SlackHttpReceiver {
  const receiver = new SlackHttpReceiver(options)
  createSlackBoltApp(
    {
      handler: new SlackInteractionHandler(options),
      logger: options.logger,
      authorization: options.authorization ?? (() => ({})),
      ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
    },
    receiver,
  )
  return receiver
}
