import { describe, expect, it } from 'vitest'
import { checkReply, TEXT_ACTION_MAX_LENGTH } from '../../adapters/amazon/spapi/messaging-sender.ts'
import type { OutgoingReply } from '../../src/domain/reply.ts'

function reply(overrides: Partial<OutgoingReply>): OutgoingReply {
  return {
    replyId: 'r-1', path: 'spapi:confirmDeliveryDetails', text: 'Ihre Sendung kommt morgen an.',
    to: null, subject: null, inReplyTo: null, references: [], orderId: '302-1234567-7654321', marketplaceId: 'A1PA6795UKMFR9',
    ...overrides,
  }
}

describe('checkReply (what is refused before asking Amazon)', () => {
  it('accepts a text action with order and marketplace', () => {
    expect(checkReply(reply({}))).toEqual({ action: 'confirmDeliveryDetails', orderId: '302-1234567-7654321', marketplaceId: 'A1PA6795UKMFR9' })
  })

  it.each([
    ['email', 'not an SP-API text message action'],
    ['spapi:legalDisclosure', 'not an SP-API text message action'],
    ['spapi:negativeFeedbackRemoval', 'not an SP-API text message action'],
  ])('refuses path %s permanently', (path, reason) => {
    const outcome = checkReply(reply({ path: path as OutgoingReply['path'] }))
    expect(outcome).toMatchObject({ outcome: 'failed', transient: false })
    expect('reason' in outcome && outcome.reason).toContain(reason)
  })

  it('needs the order and the marketplace', () => {
    expect(checkReply(reply({ orderId: null }))).toMatchObject({ outcome: 'failed', transient: false })
    expect(checkReply(reply({ marketplaceId: null }))).toMatchObject({ outcome: 'failed', transient: false })
  })

  it.each(Object.entries(TEXT_ACTION_MAX_LENGTH))('%s allows 1 to %i characters', (action, max) => {
    const path = `spapi:${action}` as OutgoingReply['path']
    expect(checkReply(reply({ path, text: 'x'.repeat(max) }))).not.toHaveProperty('outcome')
    expect(checkReply(reply({ path, text: 'x'.repeat(max + 1) }))).toMatchObject({ outcome: 'failed', transient: false })
    expect(checkReply(reply({ path, text: '' }))).toMatchObject({ outcome: 'failed', transient: false })
  })

  it('counts UTF-16 units, the stricter reading of the limit', () => {
    expect(checkReply(reply({ path: 'spapi:digitalAccessKey', text: '鍵'.repeat(400) }))).not.toHaveProperty('outcome')
    expect(checkReply(reply({ path: 'spapi:digitalAccessKey', text: '𠮷'.repeat(201) }))).toMatchObject({ outcome: 'failed', transient: false })
  })
})
