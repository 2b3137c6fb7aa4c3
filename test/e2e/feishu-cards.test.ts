import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateBuyerEmail } from '../../adapters/simulator/buyer-emails/index.ts'
import { testDatabaseMode } from '../support/database.ts'
import { buildCardActionCallback, FakeFeishu } from '../support/fake-feishu.ts'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eventually, startTestService, type TestService, postInboundEmail } from '../support/service.ts'

const INBOUND = 'inbound-token-feishu-0123456789'
const CHAT = 'oc_support_team'
let feishu: FakeFeishu
let running: TestService
let configDir: string
const SECRETS = { verificationToken: 'feishu-verification-token', encryptKey: 'feishu-encrypt-key' }

function mail(variant: number, sentAt: string) {
  return generateBuyerEmail({
    marketplace: 'DE',
    language: 'de',
    intent: 'wrong-item',
    buyerName: 'Lena',
    orderId: '304-7777777-8888888',
    asin: 'B0FEISHU01',
    productTitle: 'Wanduhr',
    sentAt: new Date(sentAt),
    variant,
  })
}

async function post(raw: Buffer): Promise<{ conversationId: string }> {
  const res = await postInboundEmail(running.url, INBOUND, raw)
  expect(res.status).toBe(202)
  return res.json() as Promise<{ conversationId: string }>
}

beforeAll(async () => {
  feishu = await FakeFeishu.start({ appId: 'cli_cards_e2e', appSecret: 'feishu-secret-e2e' })
  configDir = mkdtempSync(path.join(os.tmpdir(), 'bb-feishu-e2e-'))
  const configFile = path.join(configDir, 'buyerbridge.yaml')
  writeFileSync(configFile, 'people:\n  - { id: wang, name: Wang Fang, roles: [agent], feishu: ou_agent }\n')
  running = await startTestService({
    BUYERBRIDGE_CONFIG: configFile,
    FEISHU_VERIFICATION_TOKEN: SECRETS.verificationToken,
    FEISHU_ENCRYPT_KEY: SECRETS.encryptKey,
    INBOUND_EMAIL_TOKEN: INBOUND,
    FEISHU_APP_ID: 'cli_cards_e2e',
    FEISHU_APP_SECRET: 'feishu-secret-e2e',
    FEISHU_CHAT_ID: CHAT,
    FEISHU_DOMAIN: feishu.baseUrl,
  })
}, 60_000)
afterAll(async () => {
  await running?.stop()
  await feishu?.close()
  rmSync(configDir, { recursive: true, force: true })
})

describe(`Feishu cards (${testDatabaseMode})`, () => {
  it('sends a card JSON 2.0 message once, patches it and replies in its thread on a new buyer message', async () => {
    await post(mail(1, '2026-11-20T09:00:00Z').raw)
    const create = await eventually(async () => feishu.callsTo('POST', '/open-apis/im/v1/messages').find((c) => c.status === 200 && c.path === '/open-apis/im/v1/messages'), 20_000)
    const body = create.body as { receive_id: string; msg_type: string; content: string; uuid: string }
    expect(body).toMatchObject({ receive_id: CHAT, msg_type: 'interactive' })
    const card = JSON.parse(body.content) as { schema: string; config: { update_multi: boolean } }
    expect(card).toMatchObject({ schema: '2.0', config: { update_multi: true } })
    expect(body.content).toContain('304-7777777-8888888')

    await post(mail(2, '2026-11-20T10:00:00Z').raw)
    await eventually(async () => feishu.calls.find((c) => c.method === 'PATCH' && c.status === 200), 20_000)
    const reply = await eventually(async () => feishu.calls.find((c) => c.method === 'POST' && c.path.endsWith('/reply') && c.status === 200), 20_000)
    expect(JSON.stringify(reply.body)).toContain('买家发来新消息')
    expect(feishu.calls.filter((c) => c.method === 'POST' && c.path === '/open-apis/im/v1/messages')).toHaveLength(1)
  })

  it('answers a signed and encrypted click with a toast, refuses strangers, and logs the action in the thread', async () => {
    const card = await running.service.database()!.db.selectFrom('cards').selectAll().where('platform', '=', 'feishu').executeTakeFirstOrThrow()
    const click = (openId: string, eventId: string) => {
      const request = buildCardActionCallback({
        appId: 'cli_cards_e2e',
        ...SECRETS,
        eventId,
        operator: { openId },
        value: { action: 'bb.assign', conversationId: card.conversation_id, cardId: card.id },
        messageId: card.external_ref!,
        chatId: CHAT,
      })
      return fetch(`${running.url}/feishu/events`, { method: 'POST', headers: request.headers, body: request.body })
    }
    const refused = await click('ou_stranger', 'evt-stranger-1')
    expect(refused.status).toBe(200)
    expect(await refused.json()).toEqual({ toast: { type: 'error', content: '您无权在 Buyerbridge 中执行此操作。' } })

    const accepted = await click('ou_agent', 'evt-agent-1')
    expect(await accepted.json()).toEqual({ toast: { type: 'info', content: '已收到，卡片稍后更新。' } })
    await eventually(async () => feishu.calls.find((c) => c.path.endsWith('/reply') && JSON.stringify(c.body).includes('已分配给 Wang Fang')), 20_000)
    const again = await click('ou_agent', 'evt-agent-1')
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual({ toast: { type: 'info', content: '该操作已处理' } })
    const conversation = await running.service.database()!.db.selectFrom('conversations').select(['assignee']).where('id', '=', card.conversation_id!).executeTakeFirstOrThrow()
    expect(conversation.assignee).toBe('Wang Fang')

    const forged = await fetch(`${running.url}/feishu/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-lark-signature': 'forged', 'x-lark-request-timestamp': String(Math.floor(Date.now() / 1000)), 'x-lark-request-nonce': 'n' },
      body: JSON.stringify({ encrypt: 'AAAA' }),
    })
    expect(forged.status).toBe(401)
  })
})
