// The whole Feishu path over HTTP, callbacks by webhook: a buyer e-mail becomes a card in the group, an agent
// takes it, picks a template (the card comes back with the reply form filled in), edits the reply in the
// form and submits it, the buyer gets exactly the edited text by e-mail, and the card is patched to show it.
// Every callback is signed and encrypted as Feishu sends it.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateBuyerEmail } from '../../adapters/simulator/buyer-emails/index.ts'
import { startSmtpSink, type SmtpSink } from '../../adapters/simulator/smtp-sink.ts'
import { testDatabaseMode } from '../support/database.ts'
import { buildCardActionCallback, buildUrlVerification, FakeFeishu, wrapLikeFeishu } from '../support/fake-feishu.ts'
import { eventually, startTestService, type TestService, postInboundEmail } from '../support/service.ts'

const APP = { appId: 'cli_flow_e2e', appSecret: 'feishu-flow-secret' }
const SECRETS = { verificationToken: 'feishu-flow-verification', encryptKey: 'feishu-flow-encrypt-key' }
const INBOUND = 'inbound-token-feishu-flow-0123456789'
const CHAT = 'oc_flow_agents'
const ORDER = '113-4444444-5555555'
const CONFIG = `
people:
  - { id: wang, name: Wang Fang, roles: [agent, oncall], feishu: ou_agent }
  - { id: zhao, name: Zhao Lei, roles: [agent], feishu: on_zhao_union }
oncall:
  timeZone: Asia/Shanghai
  rotation: [wang]
`

type Json = Record<string, unknown>
let feishu: FakeFeishu
let sink: SmtpSink
let running: TestService
let configDir: string

async function callback(value: unknown, extra: { option?: string; tag?: string; formValue?: Json; eventId?: string; openId?: string; unionId?: string } = {}) {
  const request = buildCardActionCallback({
    ...APP,
    ...SECRETS,
    ...(extra.eventId ? { eventId: extra.eventId } : {}),
    operator: { openId: extra.openId ?? 'ou_agent', ...(extra.unionId ? { unionId: extra.unionId } : {}) },
    value,
    messageId: cardMessageId,
    chatId: CHAT,
    ...(extra.option ? { option: extra.option } : {}),
    ...(extra.tag ? { tag: extra.tag } : {}),
    ...(extra.formValue ? { formValue: extra.formValue } : {}),
  })
  const res = await fetch(`${running.url}/feishu/events`, { method: 'POST', headers: request.headers, body: request.body })
  expect(res.status).toBe(200)
  return (await res.json()) as { toast: { type: string; content: string }; card?: { type: string; data: { body: { elements: Json[] } } } }
}

function elements(card: { body: { elements: Json[] } }): Json[] {
  return card.body.elements.flatMap((e) => [e, ...((e.elements as Json[] | undefined) ?? []), ...((e.columns as Json[] | undefined) ?? []).flatMap((c) => (c.elements as Json[]) ?? [])])
}
const valueOf = (element: Json | undefined) => (element?.behaviors as { value: unknown }[] | undefined)?.[0]?.value
let cardMessageId = ''

beforeAll(async () => {
  feishu = await FakeFeishu.start(APP)
  sink = await startSmtpSink({ approvedSenders: ['support@acme-store.example'] })
  configDir = mkdtempSync(path.join(os.tmpdir(), 'bb-feishu-flow-'))
  const configFile = path.join(configDir, 'buyerbridge.yaml')
  writeFileSync(configFile, CONFIG)
  running = await startTestService({
    BUYERBRIDGE_CONFIG: configFile,
    INBOUND_EMAIL_TOKEN: INBOUND,
    FEISHU_APP_ID: APP.appId,
    FEISHU_APP_SECRET: APP.appSecret,
    FEISHU_VERIFICATION_TOKEN: SECRETS.verificationToken,
    FEISHU_ENCRYPT_KEY: SECRETS.encryptKey,
    FEISHU_CHAT_ID: CHAT,
    FEISHU_DOMAIN: feishu.baseUrl,
    SMTP_URL: sink.url,
    SMTP_FROM: 'support@acme-store.example',
  })
}, 60_000)
afterAll(async () => {
  await running?.stop()
  await feishu?.close()
  await sink?.close()
  rmSync(configDir, { recursive: true, force: true })
})

describe(`Feishu flow end to end, webhook (${testDatabaseMode})`, () => {
  it('echoes the URL-verification challenge only with the right token', async () => {
    const verify = async (token: string) => {
      const request = buildUrlVerification({ verificationToken: token, challenge: 'challenge-e2e-1', encryptKey: SECRETS.encryptKey })
      return fetch(`${running.url}/feishu/events`, { method: 'POST', headers: request.headers, body: request.body })
    }
    const good = await verify(SECRETS.verificationToken)
    expect(good.status).toBe(200)
    expect(await good.json()).toEqual({ challenge: 'challenge-e2e-1' })
    expect((await verify('not-the-token')).status).toBe(401)
  })

  it('e-mail in → card → assign → pick template → edit in the form → send → buyer gets the edited text → card shows it', async () => {
    const mail = generateBuyerEmail({
      marketplace: 'US',
      language: 'en',
      intent: 'where-is-my-order',
      buyerName: 'Emma',
      orderId: ORDER,
      asin: 'B0FSFLOW01',
      productTitle: 'Tea kettle',
      sentAt: new Date('2026-11-20T15:00:00Z'),
    })
    const posted = await postInboundEmail(running.url, INBOUND, mail.raw)
    const { conversationId } = (await posted.json()) as { conversationId: string }
    const create = await eventually(async () => feishu.calls.find((c) => c.method === 'POST' && c.path === '/open-apis/im/v1/messages' && c.status === 200), 20_000)
    cardMessageId = [...feishu.messages.values()].find((m) => m.msgType === 'interactive')!.messageId
    const card = JSON.parse((create.body as { content: string }).content) as { body: { elements: Json[] } }
    const db = running.service.database()!.db

    const assign = valueOf(elements(card).find((e) => (valueOf(e) as Json | undefined)?.action === 'bb.assign'))
    // Zhao is configured by union_id (the same in every app of the tenant); this app sees its own open_id.
    expect(await callback(assign, { openId: 'ou_zhao_in_this_app', unionId: 'on_zhao_union' })).toEqual({ toast: { type: 'info', content: '已收到，卡片稍后更新。' } })
    await eventually(async () => feishu.calls.find((c) => c.path === `/open-apis/im/v1/messages/${cardMessageId}/reply` && JSON.stringify(c.body).includes('已分配给 Zhao Lei')), 20_000)
    expect(await callback(assign)).toEqual({ toast: { type: 'info', content: '已收到，卡片稍后更新。' } })
    await eventually(async () => feishu.calls.find((c) => c.path === `/open-apis/im/v1/messages/${cardMessageId}/reply` && JSON.stringify(c.body).includes('已分配给 Wang Fang')), 20_000)

    const picker = elements(card).find((e) => e.tag === 'select_static')!
    const options = (picker.options as { value: string }[]).map((o) => o.value)
    expect(options).toContain('checking-thank-you')
    const picked = await callback(valueOf(picker), { option: 'checking-thank-you', tag: 'select_static' })
    expect(picked.toast.content).toBe('已填入模板：可编辑后发送。')
    expect(picked.card?.type).toBe('raw')
    const form = elements(picked.card!.data).find((e) => e.tag === 'form')!
    const [input, submit] = form.elements as Json[]
    const draft = String(input!.default_value)
    expect(draft).toContain(ORDER)
    expect(sink.messages).toHaveLength(0)
    expect(feishu.messages.get(cardMessageId)!.content).not.toContain('已发送')

    const edited = `${draft}\n\nP.S. We have also asked the carrier to hurry.`
    const sent = await callback(valueOf(submit), { formValue: { [String(input!.name)]: edited }, tag: 'button' })
    expect(sent.toast).toEqual({ type: 'success', content: '正在发送…' })
    await sink.waitFor(1, 20_000)
    expect(sink.messages).toHaveLength(1)
    expect(sink.messages[0]!.envelope.rcptTo).toEqual([mail.labels.buyerAlias])
    expect(sink.messages[0]!.text).toContain('P.S. We have also asked the carrier to hurry.')
    await eventually(async () => (await db.selectFrom('replies').select('state').where('conversation_id', '=', conversationId).executeTakeFirst())?.state === 'sent', 20_000)
    await eventually(async () => feishu.messages.get(cardMessageId)!.content.includes('已发送'), 20_000)
    expect(feishu.messages.get(cardMessageId)!.card).toMatchObject({ schema: '2.0', config: { update_multi: true } })
    // Posted once, patched in place.
    expect(feishu.calls.filter((c) => c.method === 'POST' && c.path === '/open-apis/im/v1/messages')).toHaveLength(1)
  })

  it('answers an @mention "值班" in the group with who is on call, as a reply to that message', async () => {
    const event = feishu.userMessage({ chatId: CHAT, chatType: 'group', senderOpenId: 'ou_agent', text: '值班', verificationToken: SECRETS.verificationToken })
    const request = wrapLikeFeishu(event, { encryptKey: SECRETS.encryptKey })
    const res = await fetch(`${running.url}/feishu/events`, { method: 'POST', headers: request.headers, body: request.body })
    expect(res.status).toBe(200)
    const asked = (event.event as { message: { message_id: string } }).message.message_id
    const reply = await eventually(async () => feishu.calls.find((c) => c.path === `/open-apis/im/v1/messages/${asked}/reply` && c.status === 200), 10_000)
    expect(reply.body).toMatchObject({ msg_type: 'text', reply_in_thread: false })
    expect(JSON.parse((reply.body as { content: string }).content).text).toContain('当前值班：Wang Fang')
  })
})
