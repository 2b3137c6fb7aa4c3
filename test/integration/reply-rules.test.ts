// The pure parts of the reply pipeline: who may act, when approval is needed, and how a reply is addressed.

import { describe, expect, it } from 'vitest'
import type { ReplyRow } from '../../src/db/repos/replies.ts'
import type { ReplyContext } from '../../src/services/reply/context.ts'
import { buildOutgoing } from '../../src/services/reply/outgoing.ts'
import { approvalReasons, findPerson, hasRole } from '../../src/services/reply/people.ts'
import { PEOPLE } from './reply-harness.ts'

const annaPerson = PEOPLE.find((p) => p.id === 'anna')!
const miaPerson = PEOPLE.find((p) => p.id === 'mia')!

describe('people and approval rules', () => {
  it('matches the platform user id on the actor\'s own platform only', () => {
    expect(findPerson(PEOPLE, { platform: 'slack', userId: 'U-ANNA', displayName: 'x' })?.id).toBe('anna')
    expect(findPerson(PEOPLE, { platform: 'feishu', userId: 'ou_anna', displayName: 'x' })?.id).toBe('anna')
    expect(findPerson(PEOPLE, { platform: 'feishu', userId: 'U-ANNA', displayName: 'x' })).toBeNull()
    expect(findPerson(PEOPLE, { platform: 'dingtalk', userId: 'U-ANNA', displayName: 'x' })).toBeNull()
    expect(hasRole(findPerson(PEOPLE, { platform: 'slack', userId: 'U-OTTO', displayName: 'x' }), ['agent', 'manager'])).toBe(false)
  })

  it('lists every reason a reply needs approval, and never holds a manager', () => {
    const rules = { agents: ['anna'], templates: ['refund-issued'], minRiskScore: 70 }
    expect(approvalReasons(rules, { requester: annaPerson, templateId: 'refund-issued', riskScore: 70 })).toEqual([
      'replies by Anna Li need approval',
      'template refund-issued needs approval',
      'risk score 70 is at or above 70',
    ])
    expect(approvalReasons(rules, { requester: { ...annaPerson, id: 'other' }, templateId: null, riskScore: 69 })).toEqual([])
    expect(approvalReasons(rules, { requester: miaPerson, templateId: 'refund-issued', riskScore: 99 })).toEqual([])
    expect(approvalReasons({ agents: [], templates: [] }, { requester: annaPerson, templateId: 'x', riskScore: 100 })).toEqual([])
  })
})

describe('addressing a reply', () => {
  const at = new Date('2026-11-22T10:00:00Z')
  const row = {
    id: 'r-1', conversation_id: 'c-1', idempotency_key: 'c-1:k', answers_message_id: 'm-2', template_id: null, path: 'email', language: 'en',
    subject: null, text: 'Hello', state: 'queued', requested_by: 'anna', approved_by: null, decided_at: null, rejection_reason: null,
    provider_id: null, failure_reason: null, note: null, attempts: 0, sent_by: null, sent_at: null, created_at: at, updated_at: at,
  } satisfies ReplyRow
  const context = {
    conversation: { id: 'c-1', buyer_alias: 'xyz@marketplace.amazon.de', order_id: '302-1234567-7654321', marketplace: 'DE', subject: 'Conversation subject' },
    store: { id: 'shop', name: 'Shop', listenOnly: false },
    latestMessage: null,
    order: null,
    buyerLanguage: 'de',
  } as unknown as ReplyContext
  const message = (sourceMessageId: string, references: string[]) => ({ id: 'm-2', sourceMessageId, receivedAt: at, subject: 'Frage zur Bestellung', references, asin: null, productTitle: null })

  it('threads an e-mail to the Amazon message it answers and keeps the marketplace id for both paths', () => {
    const outgoing = buildOutgoing(row, context, message('abc@amazon.de', ['old@amazon.de']))
    expect(outgoing).toMatchObject({
      to: 'xyz@marketplace.amazon.de', subject: 'Frage zur Bestellung', inReplyTo: 'abc@amazon.de', references: ['old@amazon.de', 'abc@amazon.de'],
      orderId: '302-1234567-7654321', marketplaceId: 'A1PA6795UKMFR9',
    })
  })

  it('never threads to a content hash standing in for a missing Message-ID', () => {
    const outgoing = buildOutgoing(row, context, message('sha256:0f1e2d', []))
    expect(outgoing).toMatchObject({ inReplyTo: null, references: [], subject: 'Frage zur Bestellung' })
    expect(buildOutgoing(row, context, null)).toMatchObject({ inReplyTo: null, subject: 'Conversation subject' })
  })

  it('an SP-API reply carries no e-mail fields', () => {
    const outgoing = buildOutgoing({ ...row, path: 'spapi:confirmDeliveryDetails', subject: 'ignored' }, context, message('abc@amazon.de', []))
    expect(outgoing).toMatchObject({ path: 'spapi:confirmDeliveryDetails', to: null, subject: null, inReplyTo: null, references: [], orderId: '302-1234567-7654321', marketplaceId: 'A1PA6795UKMFR9' })
  })
})
