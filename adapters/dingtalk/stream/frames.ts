// The Stream mode wire format, as the dingtalk-stream SDK speaks it: every downstream message is a JSON frame
// `{ specVersion, type: SYSTEM|EVENT|CALLBACK, headers: { topic, messageId, … }, data: "<json string>" }`;
// an answer is `{ code: 200, headers: { contentType, messageId }, message: 'OK', data: "<json string>" }`,
// where a callback's data is `{ response: <result> }` (SDK `socketCallBackResponse`) and an event's is
// `{ status: 'SUCCESS' }`. System `ping` frames are echoed back with their headers and data.

import { z } from 'zod'

export const CARD_CALLBACK_TOPIC = '/v1.0/card/instances/callback'
/** Messages sent to the app's robot (the SDK's TOPIC_ROBOT). */
export const BOT_MESSAGE_TOPIC = '/v1.0/im/bot/messages/get'
export const GATEWAY_OPEN_PATH = '/v1.0/gateway/connections/open'

export const downstreamFrame = z.object({
  specVersion: z.string().optional(),
  type: z.enum(['SYSTEM', 'EVENT', 'CALLBACK']),
  headers: z.looseObject({
    topic: z.string(),
    messageId: z.string().min(1).max(200).optional(),
    contentType: z.string().optional(),
    time: z.string().optional(),
  }),
  data: z.string().optional().default(''),
})
export type DownstreamFrame = z.infer<typeof downstreamFrame>

export interface UpstreamFrame {
  code: number
  headers: Record<string, unknown>
  message: string
  data: string
}

export function callbackAck(messageId: string, response: unknown): UpstreamFrame {
  return { code: 200, headers: { contentType: 'application/json', messageId }, message: 'OK', data: JSON.stringify({ response }) }
}

export function eventAck(messageId: string): UpstreamFrame {
  return { code: 200, headers: { contentType: 'application/json', messageId }, message: 'OK', data: JSON.stringify({ status: 'SUCCESS', message: 'OK' }) }
}

export function pong(frame: DownstreamFrame): UpstreamFrame {
  return { code: 200, headers: frame.headers, message: 'OK', data: frame.data }
}

export const gatewayAnswer = z.object({ endpoint: z.string().min(1), ticket: z.string().min(1) })
