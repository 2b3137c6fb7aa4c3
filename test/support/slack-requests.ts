// What Slack sends an app, built as Slack builds it: signed requests (v0 HMAC over the raw body) and the
// interaction payloads of card clicks and modal submissions. Used by the tests and the benches.
import { createHmac, randomBytes } from 'node:crypto'

type Json = Record<string, unknown>

export function slackSignature(signingSecret: string, timestamp: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`
}

export interface SignedPostOptions {
  signingSecret: string
  /** Seconds since the epoch; now by default. */
  timestamp?: number
  retryNum?: number
  /** Replaces the computed signature (to test forgeries). */
  signature?: string
}

async function postSigned(url: string, rawBody: string, contentType: string, options: SignedPostOptions): Promise<Response> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000)
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? slackSignature(options.signingSecret, timestamp, rawBody),
  }
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum)
    headers['x-slack-retry-reason'] = 'http_timeout'
  }
  return fetch(url, { method: 'POST', headers, body: rawBody })
}

/** An interaction as Slack sends it: form-encoded, one `payload` field holding the JSON. */
export function postInteraction(url: string, payload: object, options: SignedPostOptions): Promise<Response> {
  return postSigned(url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options)
}

/** A slash command or ssl_check: form-encoded fields. */
export function postForm(url: string, fields: Record<string, string>, options: SignedPostOptions): Promise<Response> {
  return postSigned(url, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options)
}

/** An Events API request (url_verification, event_callback): JSON. */
export function postEvent(url: string, body: object, options: SignedPostOptions): Promise<Response> {
  return postSigned(url, JSON.stringify(body), 'application/json', options)
}

export interface ActionPayloadInput {
  actionId: string
  value?: string
  blockId?: string
  selectedOption?: string
  userId?: string
  channelId?: string
  messageTs?: string
  triggerId: string
}

/** The parts of a `block_actions` payload Slack sends for a click on a message button or select. */
export function blockActionsPayload(input: ActionPayloadInput): Json {
  const channelId = input.channelId ?? 'C0CARDS'
  const messageTs = input.messageTs ?? '1760000000.000001'
  const action: Json = {
    type: input.selectedOption ? 'static_select' : 'button',
    action_id: input.actionId,
    block_id: input.blockId ?? 'bb.actions',
    action_ts: `${Date.now() / 1000}`,
  }
  if (input.value !== undefined) action.value = input.value
  if (input.selectedOption) action.selected_option = { text: { type: 'plain_text', text: input.selectedOption }, value: input.selectedOption }
  return {
    type: 'block_actions',
    user: { id: input.userId ?? 'U0AGENT', username: 'agent', team_id: 'T0FAKE' },
    api_app_id: 'A0APP',
    team: { id: 'T0FAKE', domain: 'fake' },
    container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: false },
    trigger_id: input.triggerId,
    channel: { id: channelId, name: 'buyer-messages' },
    message: { type: 'message', ts: messageTs, text: 'card' },
    response_url: `https://hooks.slack.test/actions/T0FAKE/${randomBytes(4).toString('hex')}`,
    actions: [action],
  }
}

export interface SubmissionPayloadInput {
  callbackId: string
  privateMetadata: string
  blockId: string
  actionId: string
  value: string
  userId?: string
  triggerId: string
  viewId?: string
}

/** The parts of a `view_submission` payload Slack sends when a modal is submitted. */
export function viewSubmissionPayload(input: SubmissionPayloadInput): Json {
  return {
    type: 'view_submission',
    team: { id: 'T0FAKE', domain: 'fake' },
    user: { id: input.userId ?? 'U0AGENT', username: 'agent', team_id: 'T0FAKE' },
    api_app_id: 'A0APP',
    trigger_id: input.triggerId,
    view: {
      id: input.viewId ?? 'V0EDITOR',
      type: 'modal',
      callback_id: input.callbackId,
      private_metadata: input.privateMetadata,
      hash: '1760000000.abcd',
      state: { values: { [input.blockId]: { [input.actionId]: { type: 'plain_text_input', value: input.value } } } },
    },
  }
}
