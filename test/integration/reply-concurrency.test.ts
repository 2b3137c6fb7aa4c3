import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PEOPLE, replyState, seedConversation, sleep, startPipeline, waitFor, type Pipeline } from './reply-harness.ts'
import type { Actor, SendRequestResult } from '../../src/services/reply/index.ts'
import { testDatabaseMode } from '../support/database.ts'

const US = 'ATVPDKIKX0DER'
let p: Pipeline

beforeAll(async () => {
  p = await startPipeline()
})
afterAll(async () => {
  await p?.close()
})

const agents: Actor[] = PEOPLE.filter((person) => person.id.startsWith('agent')).map((person) => ({ platform: 'slack', userId: person.slack!, displayName: person.name }))

function tally(results: SendRequestResult[]) {
  const queued = results.filter((r) => r.kind === 'queued')
  const duplicates = results.filter((r) => r.kind === 'duplicate')
  return { queued, duplicates, other: results.filter((r) => r.kind !== 'queued' && r.kind !== 'duplicate') }
}

describe(`20 agents send at once (${testDatabaseMode})`, () => {
  it('e-mail path: one reply, one message at the SMTP sink, 19 "already queued/sent by …"', async () => {
    expect(agents).toHaveLength(20)
    const seed = await seedConversation(p.db)
    const before = p.sink.messages.length
    const results = await Promise.all(
      agents.map((actor, i) => p.service.requestSend({ conversationId: seed.conversationId, actor, commandId: `click-${i}`, templateId: 'checking-thank-you' })),
    )
    const { queued, duplicates, other } = tally(results)
    expect(other).toEqual([])
    expect(queued).toHaveLength(1)
    expect(duplicates).toHaveLength(19)
    const winner = queued[0]!.kind === 'queued' ? queued[0]!.reply : null
    const winnerName = PEOPLE.find((person) => person.id === winner?.requestedBy)?.name
    for (const d of duplicates) if (d.kind === 'duplicate') expect(d.message).toMatch(new RegExp(`^already (queued|being sent|sent) by ${winnerName} at `))
    await waitFor(() => replyState(p.db, winner!.id), (r) => r.state === 'sent', 20_000)
    await sleep(1_000)
    expect(p.sink.messages.length).toBe(before + 1)
    expect(p.sink.messages.at(-1)!.envelope.rcptTo).toEqual([seed.alias])
    const rows = await p.db.selectFrom('replies').select('state').where('conversation_id', '=', seed.conversationId).execute()
    expect(rows).toEqual([{ state: 'sent' }])
  }, 60_000)

  it('SP-API path: one message at the simulator', async () => {
    const seed = await seedConversation(p.db, { allowedActions: ['unexpectedProblem'] })
    p.sim.orders.upsertOrder({
      orderId: seed.orderId!, marketplaceId: US, status: 'Shipped', purchaseDate: new Date('2026-11-15T10:00:00Z'), fulfillmentChannel: 'MFN',
      items: [{ title: 'Electric Kettle', asin: 'B0C7KX2M4Q', sku: 'BB-KETTLE-17', quantity: 1 }], allowedActions: ['unexpectedProblem'], buyerLocale: 'en-US',
    })
    const results = await Promise.all(
      agents.map((actor, i) =>
        p.service.requestSend({ conversationId: seed.conversationId, actor, commandId: `sp-click-${i}`, templateId: 'delivery-delay-apology', path: 'spapi:unexpectedProblem' }),
      ),
    )
    const { queued, duplicates } = tally(results)
    expect(queued).toHaveLength(1)
    expect(duplicates).toHaveLength(19)
    const winner = queued[0]!.kind === 'queued' ? queued[0]!.reply : null
    await waitFor(() => replyState(p.db, winner!.id), (r) => r.state === 'sent', 20_000)
    await sleep(1_000)
    expect(p.sim.sentMessages.filter((m) => m.orderId === seed.orderId)).toHaveLength(1)
  }, 60_000)
})
