import { describe, expect, it } from 'vitest'
import {
  maskAddress,
  maskAddressesIn,
  parseSenderAddress,
  replyIdFromMessageId,
  replyMessageId,
} from '../../adapters/email/addresses.ts'
import { composeReply, replySubject } from '../../adapters/email/compose-reply.ts'
import type { OutgoingReply } from '../../src/domain/reply.ts'
import { isAppError } from '../../src/domain/errors.ts'

const sender = parseSenderAddress('support@shop.example')

function reply(overrides: Partial<OutgoingReply> = {}): OutgoingReply {
  return {
    replyId: 'rep-1',
    path: 'email',
    text: 'Hello,\r\nyour parcel is on its way.\r\n',
    to: 'k2j3h4g5@marketplace.amazon.com',
    subject: 'Question about order 111-2223334-5556667',
    inReplyTo: '<amz-2@amazon.com>',
    references: ['<amz-1@amazon.com>'],
    orderId: '111-2223334-5556667',
    marketplaceId: 'ATVPDKIKX0DER',
    ...overrides,
  }
}

describe('replySubject', () => {
  it.each([
    ['Question about order 111', 'RE: Question about order 111'],
    ['Re: Question about order 111', 'Re: Question about order 111'],
    ['RE:Question', 'RE:Question'],
    ['AW: Frage zur Bestellung', 'AW: Frage zur Bestellung'],
    ['答复：关于订单', '答复：关于订单'],
    ['Retour de commande', 'RE: Retour de commande'],
    ['[Important] Order 111 damaged', '[Important] RE: Order 111 damaged'],
    ['[important] Re: Order 111', '[Important] Re: Order 111'],
    ['  Line\r\n folded\tsubject  ', 'RE: Line folded subject'],
    ['注文 503-7654321-1234567 について', 'RE: 注文 503-7654321-1234567 について'],
  ])('%s → %s', (original, expected) => {
    expect(replySubject(original)).toBe(expected)
  })
})

describe('composeReply', () => {
  it('threads the reply and derives its Message-ID from the reply id and the sender domain', () => {
    const result = composeReply(reply(), sender)
    expect(result).toEqual({
      ok: true,
      mail: {
        from: sender,
        to: 'k2j3h4g5@marketplace.amazon.com',
        subject: 'RE: Question about order 111-2223334-5556667',
        text: 'Hello,\nyour parcel is on its way.\n',
        messageId: '<bb-reply.rep-1@shop.example>',
        inReplyTo: '<amz-2@amazon.com>',
        references: ['<amz-1@amazon.com>', '<amz-2@amazon.com>'],
      },
    })
  })

  it('adds angle brackets and drops duplicate references', () => {
    const result = composeReply(reply({ inReplyTo: 'amz-2@amazon.com', references: ['amz-1@amazon.com', '<amz-1@amazon.com>', '<amz-2@amazon.com>'] }), sender)
    expect(result.ok && result.mail.references).toEqual(['<amz-1@amazon.com>', '<amz-2@amazon.com>'])
    expect(result.ok && result.mail.inReplyTo).toBe('<amz-2@amazon.com>')
  })

  it('sends without threading headers when the reply answers no e-mail', () => {
    const result = composeReply(reply({ inReplyTo: null, references: [] }), sender)
    expect(result.ok && [result.mail.inReplyTo, result.mail.references]).toEqual([null, []])
  })

  it.each<[string, Partial<OutgoingReply>, RegExp]>([
    ['an SP-API reply', { path: 'spapi:confirmDeliveryDetails' }, /reply path is spapi:confirmDeliveryDetails, not email/],
    ['no alias', { to: null }, /no valid buyer alias address/],
    ['a malformed alias', { to: 'not an address' }, /no valid buyer alias address/],
    ['a non-Amazon address', { to: 'anna.real@gmail.com' }, /a\*\*\*@gmail\.com is not an Amazon buyer alias/],
    ['no subject', { subject: '  ' }, /no subject/],
    ['an empty text', { text: '\n \n' }, /text is empty/],
    ['a header injection in In-Reply-To', { inReplyTo: '<a@b>\r\nBcc: x@y.z' }, /inReplyTo is not a Message-ID/],
    ['a bad reference', { references: ['no id here'] }, /references contain/],
  ])('refuses %s', (_label, overrides, reason) => {
    const result = composeReply(reply(overrides), sender)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.reason).toMatch(reason)
  })

  it('accepts any recipient domain when the list is emptied on purpose (lab relays)', () => {
    expect(composeReply(reply({ to: 'tester@lab.example' }), sender, []).ok).toBe(true)
  })

  it('accepts every marketplace alias domain by default', () => {
    for (const to of ['a@marketplace.amazon.co.uk', 'b@marketplace.amazon.co.jp', 'c@marketplace.amazon.com.mx']) {
      expect(composeReply(reply({ to }), sender).ok).toBe(true)
    }
  })
})

describe('addresses', () => {
  it('parses SMTP_FROM with or without a display name', () => {
    expect(parseSenderAddress('Shop Support <Support@Shop.Example>')).toEqual({
      name: 'Shop Support',
      address: 'Support@Shop.Example',
      domain: 'shop.example',
    })
    expect(parseSenderAddress('"Shop, Support" <s@shop.example>').name).toBe('Shop, Support')
    expect(parseSenderAddress(' s@shop.example ')).toEqual({ name: null, address: 's@shop.example', domain: 'shop.example' })
  })

  it.each(['', 'shop.example', 'Shop <no-at>', 'a@b@c'])('refuses SMTP_FROM %j', (value) => {
    let thrown: unknown
    try {
      parseSenderAddress(value)
    } catch (error) {
      thrown = error
    }
    expect(isAppError(thrown, 'SMTP_FROM_INVALID')).toBe(true)
  })

  it.each(['rep_01JD8W3Z', 'reply 42/ü', '550e8400-e29b-41d4-a716-446655440000', 'a.b=c'])(
    'Message-IDs round-trip to the reply id: %s',
    (replyId) => {
      const messageId = replyMessageId(replyId, 'shop.example')
      expect(messageId).toMatch(/^<bb-reply\.[A-Za-z0-9_=-]+@shop\.example>$/)
      expect(replyIdFromMessageId(messageId)).toBe(replyId)
    },
  )

  it('does not claim foreign Message-IDs', () => {
    expect(replyIdFromMessageId('<amz-1@amazon.com>')).toBeNull()
    expect(replyIdFromMessageId('<bb-reply.=G1@shop.example>')).toBeNull()
  })

  it('masks addresses for logs', () => {
    expect(maskAddress('mq4zd8k2p1xyz7@marketplace.amazon.de')).toBe('m***@marketplace.amazon.de')
    expect(maskAddress('no-at-sign')).toBe('***')
    expect(maskAddressesIn('550 5.1.1 <ab12@marketplace.amazon.fr>: unknown; also cd@x.example')).toBe(
      '550 5.1.1 <a***@marketplace.amazon.fr>: unknown; also c***@x.example',
    )
  })
})
