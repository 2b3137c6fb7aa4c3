import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateBuyerEmail } from '../../adapters/simulator/buyer-emails/index.ts'
import { testDatabaseMode } from '../support/database.ts'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { FakeDingtalk } from '../support/fake-dingtalk.ts'
import { eventually, startTestService, type TestService, postInboundEmail } from '../support/service.ts'

const INBOUND = 'inbound-token-dingtalk-0123456789'
const CONVERSATION = 'cidSupportGroup123=='
const TEMPLATE = 'tpl-buyerbridge-card.schema'
let dingtalk: FakeDingtalk
let running: TestService
let configDir: string

function mail(variant: number, sentAt: string) {
  return generateBuyerEmail({
    marketplace: 'JP',
    language: 'ja',
    intent: 'delivery-delay',
    buyerName: '佐藤',
    orderId: '503-1212121-3434343',
    asin: 'B0DING0001',
    productTitle: '電気ケトル',
    sentAt: new Date(sentAt),
    variant,
  })
}

async function post(raw: Buffer): Promise<void> {
  const res = await postInboundEmail(running.url, INBOUND, raw)
  expect(res.status).toBe(202)
}

beforeAll(async () => {
  dingtalk = new FakeDingtalk({ appKey: 'ding-app-key', appSecret: 'ding-app-secret', cardTemplateIds: [TEMPLATE] })
  await dingtalk.start()
  configDir = mkdtempSync(path.join(os.tmpdir(), 'bb-dingtalk-e2e-'))
  const configFile = path.join(configDir, 'buyerbridge.yaml')
  writeFileSync(configFile, 'people:\n  - { id: zhao, name: Zhao Lei, roles: [agent], dingtalk: ding-agent }\n')
  running = await startTestService({
    BUYERBRIDGE_CONFIG: configFile,
    INBOUND_EMAIL_TOKEN: INBOUND,
    DINGTALK_APP_KEY: 'ding-app-key',
    DINGTALK_APP_SECRET: 'ding-app-secret',
    DINGTALK_ROBOT_CODE: 'ding-robot',
    DINGTALK_CONVERSATION_ID: CONVERSATION,
    DINGTALK_CARD_TEMPLATE_ID: TEMPLATE,
    DINGTALK_API_URL: dingtalk.baseUrl,
  })
}, 60_000)
afterAll(async () => {
  await running?.stop()
  await dingtalk?.stop()
  rmSync(configDir, { recursive: true, force: true })
})

describe(`DingTalk cards (${testDatabaseMode})`, () => {
  it('delivers one card instance into the group with the card row as outTrackId, then updates it', async () => {
    await post(mail(1, '2026-11-20T01:00:00Z').raw)
    const card = await eventually(async () => [...dingtalk.cards.values()][0], 20_000)
    expect(card).toMatchObject({ spaceType: 'IM_GROUP', spaceId: CONVERSATION, deliveries: 1 })
    const row = await running.service.database()!.db.selectFrom('cards').selectAll().where('platform', '=', 'dingtalk').executeTakeFirstOrThrow()
    expect(card.outTrackId).toBe(row.id)
    expect(Object.values(card.cardParamMap).every((v) => typeof v === 'string')).toBe(true)
    expect(JSON.stringify(card.cardParamMap)).toContain('503-1212121-3434343')

    await post(mail(2, '2026-11-20T02:00:00Z').raw)
    await eventually(async () => (dingtalk.cards.get(row.id)!.updates > 0 ? true : undefined), 20_000)
    expect(dingtalk.cards.size).toBe(1)
  })

  it('answers Stream card callbacks at once, runs them once, and refuses strangers', async () => {
    const row = await running.service.database()!.db.selectFrom('cards').selectAll().where('platform', '=', 'dingtalk').executeTakeFirstOrThrow()
    const push = (userId: string, action: string, extra: Record<string, string> = {}, messageId?: string) =>
      dingtalk.stream.pushCardCallback(
        {
          outTrackId: row.id,
          userId,
          content: JSON.stringify({ cardPrivateData: { actionIds: [action], params: { action, conversationId: row.conversation_id, cardId: row.id, ...extra } } }),
        },
        messageId ? { messageId } : {},
      )
    const stranger = push('someone-else', 'bb.assign')
    await dingtalk.stream.waitForAck(stranger, 15_000)
    const db = running.service.database()!.db
    expect((await db.selectFrom('conversations').select('assignee').where('id', '=', row.conversation_id!).executeTakeFirstOrThrow()).assignee).toBeNull()

    const first = push('ding-agent', 'bb.assign', {}, 'msg-assign-1')
    await dingtalk.stream.waitForAck(first, 15_000)
    expect((await db.selectFrom('conversations').select('assignee').where('id', '=', row.conversation_id!).executeTakeFirstOrThrow()).assignee).toBe('Zhao Lei')
    const commands = await db.selectFrom('commands').select('id').where('conversation_id', '=', row.conversation_id!).where('action', '=', 'bb.assign').execute()
    expect(commands).toHaveLength(1)

    const picked = push('ding-agent', 'bb.pick_template', { templateId: 'checking-thank-you' })
    const ack = await dingtalk.stream.waitForAck(picked, 15_000)
    expect(JSON.stringify(ack)).toContain('503-1212121-3434343')
  })
})
