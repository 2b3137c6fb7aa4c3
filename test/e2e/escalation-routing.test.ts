import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateBuyerEmail } from '../../adapters/simulator/buyer-emails/index.ts'
import { testDatabaseMode } from '../support/database.ts'
import { FakeSlack, postForm } from '../support/fake-slack.ts'
import { eventually, startTestService, type TestService, postInboundEmail } from '../support/service.ts'

const INBOUND = 'inbound-token-escalation-0123456789'
const BOT_TOKEN = 'xoxb-test-escalation'
let slack: FakeSlack
let running: TestService
let configDir: string

const CONFIG = `
people:
  - { id: mei, name: Mei Chen, roles: [agent], slack: U0AGENT }
  - { id: olga, name: Olga Park, roles: [manager], slack: U0MANAGER }
routing:
  rules:
    - match: { marketplaces: [DE] }
      targets: [{ platform: slack, channel: C0GERMANY }]
escalation:
  targets: [{ platform: slack, channel: C0MANAGERS }]
  managers: []
oncall:
  timeZone: Europe/Berlin
  rotation: [mei]
`

async function post(raw: Buffer): Promise<string> {
  const res = await postInboundEmail(running.url, INBOUND, raw)
  expect(res.status).toBe(202)
  return ((await res.json()) as { conversationId: string }).conversationId
}

beforeAll(async () => {
  slack = await new FakeSlack({ botToken: BOT_TOKEN }).start()
  configDir = mkdtempSync(path.join(os.tmpdir(), 'bb-escalation-e2e-'))
  const configFile = path.join(configDir, 'buyerbridge.yaml')
  writeFileSync(configFile, CONFIG)
  running = await startTestService({
    BUYERBRIDGE_CONFIG: configFile,
    INBOUND_EMAIL_TOKEN: INBOUND,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: 'slack-signing-secret-escalation-01',
    SLACK_CHANNEL: 'C0DEFAULT',
    SLACK_API_URL: slack.url,
  })
}, 60_000)
afterAll(async () => {
  await running?.stop()
  await slack?.stop()
  rmSync(configDir, { recursive: true, force: true })
})

const topLevelPosts = (channel: string) => slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel && !c.args.thread_ts && c.status === 200)

describe(`routing and escalation through the service (${testDatabaseMode})`, () => {
  it('routes by marketplace, escalates a legal threat to the managers channel, and leaves ordinary messages alone', async () => {
    const legal = generateBuyerEmail({
      marketplace: 'DE',
      language: 'de',
      intent: 'damaged-defective',
      highRiskFlags: ['legal-threat'],
      buyerName: 'Klaus',
      orderId: '302-9090909-1212121',
      asin: 'B0ESC00001',
      productTitle: 'Heizlüfter',
      sentAt: new Date('2026-11-20T10:00:00Z'),
    })
    const conversationId = await post(legal.raw)
    await eventually(async () => topLevelPosts('C0GERMANY').length === 1 || undefined, 20_000)
    await eventually(async () => topLevelPosts('C0MANAGERS').length === 1 || undefined, 20_000)
    expect(topLevelPosts('C0DEFAULT')).toHaveLength(0)
    const row = await running.service.database()!.db.selectFrom('conversations').select(['escalated_at', 'risk_flags']).where('id', '=', conversationId).executeTakeFirstOrThrow()
    expect(row.risk_flags).toContain('legal-threat')
    expect(row.escalated_at).not.toBeNull()
    const managerCard = await running.service.database()!.db.selectFrom('cards').select(['kind', 'channel']).where('conversation_id', '=', conversationId).where('kind', '=', 'manager').execute()
    expect(managerCard).toEqual([{ kind: 'manager', channel: 'C0MANAGERS' }])

    const ordinary = generateBuyerEmail({
      marketplace: 'US',
      language: 'en',
      intent: 'where-is-my-order',
      buyerName: 'Amy',
      orderId: '111-3434343-5656565',
      asin: 'B0ESC00002',
      productTitle: 'Lamp',
      sentAt: new Date('2026-11-20T11:00:00Z'),
    })
    await post(ordinary.raw)
    await eventually(async () => topLevelPosts('C0DEFAULT').length === 1 || undefined, 20_000)
    expect(topLevelPosts('C0MANAGERS')).toHaveLength(1)
  })

  it('answers /buyerbridge oncall with who is on call now', async () => {
    const res = await postForm(
      `${running.url}/slack/events`,
      { command: '/buyerbridge', text: 'oncall', user_id: 'U0AGENT', team_id: 'T0FAKE', channel_id: 'C0GERMANY', trigger_id: '1.2.3' },
      { signingSecret: 'slack-signing-secret-escalation-01' },
    )
    expect(res.status).toBe(200)
    const body = (await res.json()) as { response_type: string; text: string }
    expect(body.response_type).toBe('ephemeral')
    expect(body.text).toContain('Mei Chen')
  })
})
