import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateBuyerEmail } from '../../adapters/simulator/buyer-emails/index.ts'
import { testDatabaseMode } from '../support/database.ts'
import { FakeSlack } from '../support/fake-slack.ts'
import { eventually, startTestService, type TestService, postInboundEmail } from '../support/service.ts'

const INBOUND = 'inbound-token-slack-0123456789'
const BOT_TOKEN = 'xoxb-test-cards-token'
const CHANNEL = 'C0AGENTS'
let slack: FakeSlack
let running: TestService

function mail(orderId: string, variant: number, sentAt: string) {
  return generateBuyerEmail({
    marketplace: 'UK',
    language: 'en',
    intent: 'where-is-my-order',
    buyerName: 'Oliver',
    orderId,
    asin: 'B0CARDS001',
    productTitle: 'Travel adapter',
    sentAt: new Date(sentAt),
    variant,
  })
}

async function post(raw: Buffer): Promise<{ outcome: string; conversationId: string }> {
  const res = await postInboundEmail(running.url, INBOUND, raw)
  expect(res.status).toBe(202)
  return res.json() as Promise<{ outcome: string; conversationId: string }>
}

beforeAll(async () => {
  slack = await new FakeSlack({ botToken: BOT_TOKEN }).start()
  running = await startTestService({
    INBOUND_EMAIL_TOKEN: INBOUND,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: 'slack-signing-secret-0123456789',
    SLACK_CHANNEL: CHANNEL,
    SLACK_API_URL: slack.url,
  })
}, 60_000)
afterAll(async () => {
  await running?.stop()
  await slack?.stop()
})

describe(`Slack cards (${testDatabaseMode})`, () => {
  it('posts one card per conversation, then updates it and notes new buyer messages in its thread', async () => {
    const first = await post(mail('203-1111111-2222222', 1, '2026-11-20T09:00:00Z').raw)
    const posted = await eventually(async () => slack.calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === CHANNEL && !c.args.thread_ts), 20_000)
    expect(posted.status).toBe(200)
    expect(JSON.stringify(posted.args.blocks)).toContain('203-1111111-2222222')
    expect(JSON.stringify(posted.args)).not.toMatch(/@marketplace\.amazon/)

    const card = await eventually(async () =>
      running.service.database()!.db.selectFrom('cards').selectAll().where('conversation_id', '=', first.conversationId).where('state', '=', 'posted').executeTakeFirst(),
    )
    expect(card).toMatchObject({ platform: 'slack', channel: CHANNEL, kind: 'agent', rendered_version: 1 })
    // The conversation becomes `notified` right after the card row is marked posted.
    await eventually(async () => {
      const row = await running.service.database()!.db.selectFrom('conversations').select('state').where('id', '=', first.conversationId).executeTakeFirstOrThrow()
      return row.state === 'notified'
    })

    const second = await post(mail('203-1111111-2222222', 2, '2026-11-20T11:00:00Z').raw)
    expect(second.conversationId).toBe(first.conversationId)
    const update = await eventually(async () => slack.calls.find((c) => c.method === 'chat.update' && c.args.ts === card.external_ref), 20_000)
    expect(update.status).toBe(200)
    const note = await eventually(async () => slack.calls.find((c) => c.method === 'chat.postMessage' && c.args.thread_ts === card.external_ref), 20_000)
    expect(String(note.args.text)).toMatch(/^New message from the buyer: /)
    expect(slack.calls.filter((c) => c.method === 'chat.postMessage' && !c.args.thread_ts)).toHaveLength(1)
  })
})
