// DingTalk through the running service: the fake OpenAPI and Stream gateway over real HTTP and a real
// WebSocket, the buyer's reply at an SMTP sink, escalation pings at a signed custom robot, and the on-call
// answer through a robot message's session webhook.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateBuyerEmail } from '../../adapters/simulator/buyer-emails/index.ts'
import { startSmtpSink, type SmtpSink } from '../../adapters/simulator/smtp-sink.ts'
import { testDatabaseMode } from '../support/database.ts'
import { FakeDingtalk } from '../support/fake-dingtalk.ts'
import { eventually, startTestService, type TestService, postInboundEmail } from '../support/service.ts'

const INBOUND = 'inbound-token-dingtalk-flow-0123456789'
const CONVERSATION = 'cidAgentsGroup42=='
const TEMPLATE = 'tpl-buyerbridge-card.schema'
const ROBOT_TOKEN = 'robot-ops-access-token'
const ROBOT_SECRET = 'SECrobot-ops-signing-secret'
const ORDER = '114-7777777-8888888'
let dingtalk: FakeDingtalk
let sink: SmtpSink
let running: TestService
let configDir: string

type Answer = { response?: { cardData?: { cardParamMap: Record<string, string> }; userPrivateData?: { cardParamMap: { notice?: string } } } }

async function inbound(raw: Buffer): Promise<string> {
  const res = await postInboundEmail(running.url, INBOUND, raw)
  expect(res.status).toBe(202)
  return ((await res.json()) as { conversationId: string }).conversationId
}

/** What DingTalk pushes when someone uses the card: the template's callback params, from the card as shown now. */
async function click(cardId: string, userId: string, action: string, extra: Record<string, string> = {}, messageId?: string): Promise<Answer> {
  const card = dingtalk.cards.get(cardId)!.cardParamMap
  const params = { action, conversationId: card['conversationId'] ?? '', cardId: card['cardId'] ?? '', revision: card['revision'] ?? '', ...extra }
  const answered = () => dingtalk.stream.acks.filter((ack) => ack.messageId === messageId)
  const before = messageId ? answered().length : 0
  const id = dingtalk.stream.pushCardCallback(
    { outTrackId: cardId, userId, corpId: 'ding-corp', spaceType: 'IM_GROUP', spaceId: CONVERSATION, content: JSON.stringify({ cardPrivateData: { actionIds: [action], params } }) },
    messageId ? { messageId } : {},
  )
  if (!messageId) return (await dingtalk.stream.waitForAck(id, 15_000)).data as Answer
  // A re-pushed messageId: wait for the answer to this push, not the earlier one.
  await dingtalk.stream.waitFor(() => answered().length > before, 15_000, `answer ${before + 1} to ${messageId}`)
  return answered().at(-1)!.data as Answer
}

beforeAll(async () => {
  dingtalk = new FakeDingtalk({ appKey: 'ding-flow-key', appSecret: 'ding-flow-secret', cardTemplateIds: [TEMPLATE], robots: [{ accessToken: ROBOT_TOKEN, secret: ROBOT_SECRET }] })
  await dingtalk.start()
  sink = await startSmtpSink({ approvedSenders: ['support@acme-store.example'] })
  configDir = mkdtempSync(path.join(os.tmpdir(), 'bb-dingtalk-flow-'))
  const configFile = path.join(configDir, 'buyerbridge.yaml')
  writeFileSync(
    configFile,
    [
      'people:',
      '  - { id: zhao, name: Zhao Lei, roles: [agent, oncall], dingtalk: ding-agent }',
      '  - { id: wang, name: Wang Fang, roles: [manager] }',
      'oncall:',
      '  timeZone: Asia/Shanghai',
      '  rotation: [zhao]',
      'dingtalk:',
      '  robots:',
      '    - { id: ops, webhook: "${DINGTALK_ROBOT_WEBHOOK}", secret: "${DINGTALK_ROBOT_SECRET}" }',
      '',
    ].join('\n'),
  )
  running = await startTestService({
    BUYERBRIDGE_CONFIG: configFile,
    INBOUND_EMAIL_TOKEN: INBOUND,
    DINGTALK_APP_KEY: 'ding-flow-key',
    DINGTALK_APP_SECRET: 'ding-flow-secret',
    DINGTALK_ROBOT_CODE: 'ding-robot',
    DINGTALK_CONVERSATION_ID: CONVERSATION,
    DINGTALK_CARD_TEMPLATE_ID: TEMPLATE,
    DINGTALK_API_URL: dingtalk.baseUrl,
    DINGTALK_ROBOT_WEBHOOK: dingtalk.robotUrl(ROBOT_TOKEN),
    DINGTALK_ROBOT_SECRET: ROBOT_SECRET,
    SMTP_URL: sink.url,
    SMTP_FROM: 'support@acme-store.example',
  })
  await dingtalk.stream.waitFor(() => dingtalk.stream.openConnections > 0, 15_000, 'the service to connect')
}, 60_000)
afterAll(async () => {
  await running?.stop()
  await dingtalk?.stop()
  await sink?.close()
  rmSync(configDir, { recursive: true, force: true })
})

describe(`DingTalk end to end (${testDatabaseMode})`, () => {
  it('e-mail in → card → pick → edit on the card → send → buyer gets the edited text → card shows it sent', async () => {
    const mail = generateBuyerEmail({
      marketplace: 'US',
      language: 'en',
      intent: 'where-is-my-order',
      buyerName: 'Olivia',
      orderId: ORDER,
      asin: 'B0DINGFLOW',
      productTitle: 'Camping lantern',
      sentAt: new Date('2026-11-20T15:00:00Z'),
    })
    const conversationId = await inbound(mail.raw)
    const db = running.service.database()!.db
    const row = await eventually(async () => db.selectFrom('cards').selectAll().where('conversation_id', '=', conversationId).where('platform', '=', 'dingtalk').where('state', '=', 'posted').executeTakeFirst(), 20_000)
    const card = dingtalk.cards.get(row.id)!
    expect(card).toMatchObject({ spaceType: 'IM_GROUP', spaceId: CONVERSATION, deliveries: 1 })
    expect(card.createBody).toMatchObject({ callbackType: 'STREAM', cardTemplateId: TEMPLATE, imGroupOpenDeliverModel: { robotCode: 'ding-robot' } })

    // Someone not in the config is refused privately; nothing is sent.
    const refused = await click(row.id, 'ding-stranger', 'bb.send', { replyText: 'Hello, it ships today.' })
    expect(refused.response?.userPrivateData?.cardParamMap.notice).toMatch(/not configured/)
    expect(await db.selectFrom('replies').select('id').where('conversation_id', '=', conversationId).execute()).toHaveLength(0)

    const picked = await click(row.id, 'ding-agent', 'bb.pick_template', { templateId: 'checking-thank-you' })
    const draft = picked.response?.cardData?.cardParamMap['replyDraft'] ?? ''
    expect(draft).toContain(ORDER)
    expect(dingtalk.cards.get(row.id)!.cardParamMap['replyDraft']).toBe(draft)

    const edited = `${draft}\n\nWe will e-mail you the tracking number as soon as the lantern ships.`
    const saved = await click(row.id, 'ding-agent', 'bb.edit', { replyText: edited })
    expect(saved.response?.cardData?.cardParamMap['replyDraft']).toBe(edited)
    expect(sink.messages).toHaveLength(0)

    const sent = await click(row.id, 'ding-agent', 'bb.send', { replyText: edited }, 'stream-send-1')
    expect(sent.response?.userPrivateData?.cardParamMap.notice).toBeTruthy()
    await sink.waitFor(1, 20_000)
    expect(sink.messages[0]!.envelope.rcptTo).toEqual([mail.labels.buyerAlias])
    expect(sink.messages[0]!.text).toContain('We will e-mail you the tracking number as soon as the lantern ships.')
    expect(sink.messages[0]!.text).toContain(ORDER)

    // DingTalk re-pushes the same frame (its ack was lost): answered, not run again.
    const again = await click(row.id, 'ding-agent', 'bb.send', { replyText: edited }, 'stream-send-1')
    expect(again.response?.userPrivateData?.cardParamMap.notice).toBe('该操作已处理')

    await eventually(async () => (await db.selectFrom('replies').select('state').where('conversation_id', '=', conversationId).executeTakeFirst())?.state === 'sent' || undefined, 20_000)
    const shown = await eventually(async () => {
      const params = dingtalk.cards.get(row.id)!.cardParamMap
      return params['level'] === 'resolved' && (params['status'] ?? '').includes('Zhao Lei') ? params : undefined
    }, 20_000)
    expect(shown['replyEditable']).toBe('false')
    expect(dingtalk.cards.get(row.id)!.updates).toBeGreaterThan(0)
    expect(await db.selectFrom('replies').select('id').where('conversation_id', '=', conversationId).execute()).toHaveLength(1)
    expect(sink.messages).toHaveLength(1)
    expect(dingtalk.stream.badFrames).toEqual([])
  })

  it('answers "值班" / "oncall" sent to the robot through the message’s session webhook', async () => {
    const zh = dingtalk.pushBotMessage('值班')
    await dingtalk.stream.waitForAck(zh, 10_000)
    const first = await eventually(async () => dingtalk.sessions.replies[0], 10_000)
    expect(first.body).toMatchObject({ msgtype: 'text' })
    expect(JSON.stringify(first.body)).toContain('当前值班：Zhao Lei')
    expect(first.token).toBeTruthy()

    dingtalk.pushBotMessage(' oncall', { group: true })
    const second = await eventually(async () => dingtalk.sessions.replies[1], 10_000)
    expect(JSON.stringify(second.body)).toContain('On call now: Zhao Lei')

    dingtalk.pushBotMessage('hello')
    const help = await eventually(async () => dingtalk.sessions.replies[2], 10_000)
    expect(JSON.stringify(help.body)).toContain('oncall')
  })

  it('pings the custom robot, signed, when a message is escalated to the managers', async () => {
    const mail = generateBuyerEmail({
      marketplace: 'US',
      language: 'en',
      intent: 'not-received',
      highRiskFlags: ['a-to-z'],
      buyerName: 'Mason',
      orderId: '114-1010101-2020202',
      asin: 'B0DINGRISK',
      productTitle: 'Tent',
      sentAt: new Date('2026-11-21T15:00:00Z'),
    })
    await inbound(mail.raw)
    const ping = await eventually(async () => dingtalk.robotMessages.find((m) => JSON.stringify(m.body).includes('114-1010101-2020202')), 20_000)
    expect(ping.body).toMatchObject({ msgtype: 'markdown', markdown: { title: 'Buyerbridge · 已升级给主管' } })
    expect(JSON.stringify(ping.body)).toContain('A-to-z')
    const call = dingtalk.callsTo('/robot/send').find((c) => c.code === 0)!
    expect(call.query['sign']).toBeTruthy()
    expect(call.query['timestamp']).toMatch(/^\d{13}$/)
  })

  it('shows the Stream connection in /readyz', async () => {
    const res = await fetch(`${running.url}/readyz`)
    expect(res.status).toBe(200)
    const report = (await res.json()) as { integrations: { name: string; state: string; downSince: string | null }[]; degraded: string[] }
    expect(report.integrations.find((i) => i.name === 'dingtalk-stream')).toMatchObject({ state: 'ok', downSince: null })
    expect(report.degraded).toEqual([])
  })
})
