import { describe, expect, it } from 'vitest'
import { isOnCallQuestion, parseBotMessage } from '../../adapters/feishu/index.ts'
import { messageReceiveEvent } from '../support/fake-feishu-callbacks.ts'

// The SDK's EventDispatcher hands handlers the schema 2.0 envelope flattened: header and event fields in one object.
const flat = (event: Record<string, unknown>) => ({ ...(event.header as object), ...(event.event as object) })
const base = { appId: 'cli_x', messageId: 'om_1', chatId: 'oc_1', senderOpenId: 'ou_1' }

describe('Feishu bot messages (im.message.receive_v1)', () => {
  it('reads a one-to-one text message', () => {
    const event = messageReceiveEvent({ ...base, eventId: 'ev-1', chatType: 'p2p', text: '  oncall ' })
    expect(parseBotMessage(flat(event))).toEqual({ eventId: 'ev-1', messageId: 'om_1', chatId: 'oc_1', chatType: 'p2p', senderOpenId: 'ou_1', text: 'oncall' })
  })

  it('strips the @mention of a group message, and ignores group messages without one', () => {
    expect(parseBotMessage(flat(messageReceiveEvent({ ...base, chatType: 'group', text: '值班' })))?.text).toBe('值班')
    expect(parseBotMessage(flat(messageReceiveEvent({ ...base, chatType: 'group', text: '值班', mentionBot: false })))).toBeNull()
  })

  it('ignores what is not a user text message', () => {
    const event = flat(messageReceiveEvent({ ...base, chatType: 'p2p', text: 'oncall' })) as Record<string, Record<string, unknown>>
    expect(parseBotMessage({ ...event, message: { ...event.message, message_type: 'image', content: '{"image_key":"k"}' } })).toBeNull()
    expect(parseBotMessage({ ...event, sender: { ...event.sender, sender_type: 'app' } })).toBeNull()
    expect(parseBotMessage({ ...event, message: { ...event.message, content: 'not json' } })).toBeNull()
    expect(parseBotMessage({ nothing: true })).toBeNull()
  })

  it.each([
    ['oncall', true],
    ['OnCall', true],
    ['值班', true],
    ['/oncall', true],
    ['who is oncall', false],
    ['', false],
  ])('"%s" asks who is on call: %s', (text, expected) => {
    expect(isOnCallQuestion(text)).toBe(expected)
  })
})
