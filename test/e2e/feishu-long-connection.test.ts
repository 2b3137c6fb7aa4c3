// Feishu callbacks over the SDK's WSClient long connection, with the service running: without a
// verification token the service opens the connection (no public URL, no /feishu/events route), events
// pushed over it reach the same card-action handler as the webhook, the answer goes back over the socket,
// and the connection is closed on shutdown. English UI by the config file.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateBuyerEmail } from '../../adapters/simulator/buyer-emails/index.ts'
import { testDatabaseMode } from '../support/database.ts'
import { cardActionEvent, FakeFeishu } from '../support/fake-feishu.ts'
import { eventually, startTestService, type TestService, postInboundEmail } from '../support/service.ts'

const APP = { appId: 'cli_a1b2c3d4e5f60718', appSecret: 'feishu-ws-secret' }
const INBOUND = 'inbound-token-feishu-ws-0123456789'
const CHAT = 'oc_ws_agents'
const CONFIG = `
feishu: { uiLanguage: en }
people:
  - { id: wang, name: Wang Fang, roles: [agent, oncall], feishu: ou_agent }
  - { id: pat, name: Pat Lee, roles: [oncall], feishu: ou_pager }
routing:
  rules:
    - targets: [{ platform: feishu, channel: ${CHAT}, uiLanguage: en }]
oncall:
  timeZone: Asia/Shanghai
  rotation: [wang]
`

let feishu: FakeFeishu
let running: TestService | null = null
let configDir: string

beforeAll(async () => {
  feishu = await FakeFeishu.start(APP)
  configDir = mkdtempSync(path.join(os.tmpdir(), 'bb-feishu-ws-'))
  const configFile = path.join(configDir, 'buyerbridge.yaml')
  writeFileSync(configFile, CONFIG)
  running = await startTestService({
    BUYERBRIDGE_CONFIG: configFile,
    INBOUND_EMAIL_TOKEN: INBOUND,
    FEISHU_APP_ID: APP.appId,
    FEISHU_APP_SECRET: APP.appSecret,
    FEISHU_CHAT_ID: CHAT,
    FEISHU_DOMAIN: feishu.baseUrl,
  })
}, 60_000)
afterAll(async () => {
  await running?.stop()
  await feishu?.close()
  rmSync(configDir, { recursive: true, force: true })
})

describe(`Feishu long connection (${testDatabaseMode})`, () => {
  it('connects with the app credentials and serves no webhook route', async () => {
    await eventually(async () => feishu.longConnection.openConnections === 1, 10_000)
    expect(feishu.longConnection.endpointCalls).toBe(1)
    const res = await fetch(`${running!.url}/feishu/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect(res.status).toBe(404)
    // /readyz reads this replica's connection live.
    await eventually(async () => {
      const body = (await (await fetch(`${running!.url}/readyz`)).json()) as { integrations: { name: string; state: string }[] }
      return body.integrations.some((i) => i.name === 'feishu-long-connection' && i.state === 'ok')
    }, 10_000)
  })

  it('runs a card click pushed over the socket once, answers in English, and answers "oncall" with a reply', async () => {
    const mail = generateBuyerEmail({
      marketplace: 'US',
      language: 'en',
      intent: 'where-is-my-order',
      buyerName: 'Noah',
      orderId: '114-1212121-3434343',
      asin: 'B0FSWS0001',
      productTitle: 'Desk fan',
      sentAt: new Date('2026-11-21T08:00:00Z'),
    })
    const posted = await postInboundEmail(running!.url, INBOUND, mail.raw)
    const { conversationId } = (await posted.json()) as { conversationId: string }
    const db = running!.service.database()!.db
    const card = await eventually(async () => db.selectFrom('cards').selectAll().where('conversation_id', '=', conversationId).where('external_ref', 'is not', null).executeTakeFirst(), 20_000)
    expect(card.ui_language).toBe('en')

    const click = cardActionEvent({
      ...APP,
      verificationToken: 'unused-over-the-socket',
      eventId: 'ws-click-1',
      operator: { openId: 'ou_agent' },
      value: { action: 'bb.assign', conversationId, cardId: card.id },
      messageId: card.external_ref!,
      chatId: CHAT,
    })
    const first = await feishu.longConnection.push(click)
    expect(first).toEqual({ code: 200, data: { toast: { type: 'info', content: 'Got it: the card will update in a moment.' } } })
    await eventually(async () => (await db.selectFrom('conversations').select('assignee').where('id', '=', conversationId).executeTakeFirstOrThrow()).assignee === 'Wang Fang', 10_000)
    await eventually(async () => feishu.calls.find((c) => c.path === `/open-apis/im/v1/messages/${card.external_ref}/reply` && JSON.stringify(c.body).includes('Assigned to Wang Fang')), 10_000)
    const again = await feishu.longConnection.push(click)
    expect(again.data).toEqual({ toast: { type: 'info', content: 'This action was already handled' } })
    expect(await db.selectFrom('commands').select('id').where('conversation_id', '=', conversationId).execute()).toHaveLength(1)

    const stranger = await feishu.longConnection.push(
      cardActionEvent({ ...APP, eventId: 'ws-click-2', operator: { openId: 'ou_stranger' }, value: { action: 'bb.no_response', conversationId, cardId: card.id }, messageId: card.external_ref!, chatId: CHAT }),
    )
    expect(stranger.data).toEqual({ toast: { type: 'error', content: 'You are not allowed to do this in Buyerbridge.' } })

    // A configured person without the role is refused by the queued command, and told in the card's thread.
    const oncallOnly = await feishu.longConnection.push(
      cardActionEvent({ ...APP, eventId: 'ws-click-3', operator: { openId: 'ou_pager' }, value: { action: 'bb.no_response', conversationId, cardId: card.id }, messageId: card.external_ref!, chatId: CHAT }),
    )
    expect(oncallOnly.data).toEqual({ toast: { type: 'info', content: 'Got it: the card will update in a moment.' } })
    const told = await eventually(async () => feishu.calls.find((c) => c.path === `/open-apis/im/v1/messages/${card.external_ref}/reply` && JSON.stringify(c.body).includes('ou_pager')), 10_000)
    expect(JSON.parse((told.body as { content: string }).content).text).toBe('<at user_id="ou_pager"></at> You are not allowed to do this in Buyerbridge.')
    expect((await db.selectFrom('conversations').select('state').where('id', '=', conversationId).executeTakeFirstOrThrow()).state).toBe('assigned')

    const question = feishu.userMessage({ chatId: 'oc_p2p_agent', chatType: 'p2p', senderOpenId: 'ou_agent', text: 'oncall' })
    expect((await feishu.longConnection.push(question)).code).toBe(200)
    const asked = (question.event as { message: { message_id: string } }).message.message_id
    const reply = await eventually(async () => feishu.calls.find((c) => c.path === `/open-apis/im/v1/messages/${asked}/reply` && c.status === 200), 10_000)
    expect(JSON.parse((reply.body as { content: string }).content).text).toContain('On call now: Wang Fang')
  })

  it('closes the connection on shutdown', async () => {
    await running!.stop()
    running = null
    await eventually(async () => feishu.longConnection.openConnections === 0, 5_000)
  })
})
