// Slack request signing (v0): "v0=" + hex(HMAC-SHA256(signing secret, "v0:" + timestamp + ":" + raw body)).
// Verification is Bolt's own `isValidSlackRequest` (staleness, version, constant-time compare), so it follows
// Slack's algorithm exactly; this file adds what Bolt leaves out: missing or malformed headers, and timestamps
// too far in the future (Slack's rule is "differs by more than five minutes", Bolt checks only the past).

import { createHmac } from 'node:crypto'
import { isValidSlackRequest } from '@slack/bolt'

export const MAX_CLOCK_SKEW_SECONDS = 5 * 60

export interface SignedRequest {
  rawBody: string
  signature: string | undefined
  timestamp: string | undefined
}

export function verifySlackSignature(signingSecret: string, request: SignedRequest, nowMs: number): boolean {
  const { signature, timestamp } = request
  if (!signingSecret || !signature || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false
  const timestampSeconds = Number(timestamp)
  if (timestampSeconds - Math.floor(nowMs / 1000) > MAX_CLOCK_SKEW_SECONDS) return false
  return isValidSlackRequest({
    signingSecret,
    body: request.rawBody,
    headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestampSeconds },
    nowMilliseconds: nowMs,
  })
}

/** The signature Slack would send for `rawBody` at `timestampSeconds` (used by tests and the bench client). */
export function signSlackBody(signingSecret: string, timestampSeconds: number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex')}`
}
