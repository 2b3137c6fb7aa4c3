import { DWClient, TOPIC_CARD } from 'dingtalk-stream'
import { describe, expect, it } from 'vitest'
import { CARD_CALLBACK_TOPIC } from '../../adapters/dingtalk/index.ts'
import { callbackAck, downstreamFrame, eventAck, pong } from '../../adapters/dingtalk/stream/frames.ts'

/** The SDK client with a socket that records what it would send. */
function sdkClient(): { client: DWClient; sent: string[] } {
  const client = new DWClient({ clientId: 'id', clientSecret: 'secret' })
  const sent: string[] = []
  ;(client as unknown as { socket: { send(text: string): void } }).socket = { send: (text) => sent.push(text) }
  return { client, sent }
}

describe('Stream frames match the dingtalk-stream SDK', () => {
  it('uses the SDK’s card callback topic', () => {
    expect(CARD_CALLBACK_TOPIC).toBe(TOPIC_CARD)
  })

  it('answers a callback exactly as socketCallBackResponse does', () => {
    const { client, sent } = sdkClient()
    const response = { userPrivateData: { cardParamMap: { notice: '已处理' } } }
    client.socketCallBackResponse('msg-42', response)
    expect(JSON.parse(sent[0] as string)).toEqual(callbackAck('msg-42', response))
  })

  it('answers ping as the SDK does', () => {
    const { client, sent } = sdkClient()
    const frame = downstreamFrame.parse({ specVersion: '1.0', type: 'SYSTEM', headers: { topic: 'ping', messageId: 'p1', contentType: 'application/json' }, data: '{"opaque":"x"}' })
    client.onSystem(frame as never)
    expect(JSON.parse(sent[0] as string)).toEqual(pong(frame))
  })

  it('acknowledges an event with SUCCESS', () => {
    const ack = eventAck('e1')
    expect(ack.headers).toEqual({ contentType: 'application/json', messageId: 'e1' })
    expect(JSON.parse(ack.data)).toMatchObject({ status: 'SUCCESS' })
  })
})
