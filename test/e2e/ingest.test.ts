import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateBuyerEmail } from '../../adapters/simulator/buyer-emails/index.ts'
import { startSpapiSimulator, type SpapiSimulator } from '../../adapters/simulator/spapi/server.ts'
import { eventually, startTestService, type TestService } from '../support/service.ts'
import { testDatabaseMode } from '../support/database.ts'

const INBOUND = 'inbound-token-0123456789'
const ADMIN = 'admin-token-0123456789ab'
const credentials = { clientId: 'amzn1.application-oa2-client.e2e', clientSecret: 'e2e-secret', refreshToken: 'Atzr|e2e-refresh' }
let simulator: SpapiSimulator
let running: TestService

const ORDER_ID = '302-4455667-1122334'

function damagedMail(variant = 0) {
  return generateBuyerEmail({
    marketplace: 'DE',
    language: 'de',
    intent: 'damaged-defective',
    buyerName: 'Jonas',
    orderId: ORDER_ID,
    asin: 'B0C1234567',
    productTitle: 'Edelstahl Thermoskanne 1 L',
    sentAt: new Date('2026-11-20T09:30:00Z'),
    variant,
  })
}

async function post(raw: Buffer, headers: Record<string, string> = {}) {
  return fetch(`${running.url}/inbound/email`, {
    method: 'POST',
    headers: { authorization: `Bearer ${INBOUND}`, 'content-type': 'message/rfc822', ...headers },
    body: raw,
  })
}

async function api(path: string) {
  const res = await fetch(`${running.url}${path}`, { headers: { authorization: `Bearer ${ADMIN}` } })
  return res.json() as Promise<Record<string, unknown> & { items?: Record<string, unknown>[] }>
}

beforeAll(async () => {
  simulator = await startSpapiSimulator(credentials)
  simulator.orders.upsertOrder({
    orderId: ORDER_ID,
    marketplaceId: 'A1PA6795UKMFR9',
    status: 'Shipped',
    purchaseDate: new Date('2026-11-15T10:00:00Z'),
    fulfillmentChannel: 'MFN',
    items: [{ asin: 'B0C1234567', title: 'Edelstahl Thermoskanne 1 L', sku: 'TK-1L', quantity: 1 }],
    allowedActions: ['confirmDeliveryDetails', 'unexpectedProblem'],
    buyerLocale: 'de-DE',
  })
  running = await startTestService({
    INBOUND_EMAIL_TOKEN: INBOUND,
    INBOUND_EMAIL_MAX_BYTES: '65536',
    ADMIN_TOKEN: ADMIN,
    LWA_CLIENT_ID: credentials.clientId,
    LWA_CLIENT_SECRET: credentials.clientSecret,
    SPAPI_REFRESH_TOKEN: credentials.refreshToken,
    SPAPI_REGION: 'eu',
    SPAPI_MARKETPLACE_IDS: 'DE,FR',
    SPAPI_ENDPOINT: simulator.url,
    LWA_ENDPOINT: `${simulator.url}/auth/o2/token`,
  })
}, 60_000)

afterAll(async () => {
  await running?.stop()
  await simulator?.close()
})

describe(`inbound e-mail end to end (${testDatabaseMode})`, () => {
  it('turns a posted buyer e-mail into a stored, classified conversation with order context', async () => {
    const mail = damagedMail()
    const res = await post(mail.raw)
    expect(res.status).toBe(202)
    const body = (await res.json()) as { outcome: string; conversationId: string }
    expect(body.outcome).toBe('stored')

    const conversation = await api(`/api/conversations/${body.conversationId}`)
    expect(conversation).toMatchObject({
      store: 'default',
      orderId: ORDER_ID,
      marketplace: 'DE',
      buyerName: 'Jonas',
      language: 'de',
      intent: 'damaged-defective',
      state: 'new',
    })
    expect(conversation.riskFlags).toContain('damaged')
    expect(Date.parse(String(conversation.slaDueAt)) - Date.parse(String(conversation.lastMessageAt))).toBe(24 * 3600_000)
    expect((conversation.messages as { text: string }[])[0]?.text).toBe(mail.labels.text)
    expect(JSON.stringify(conversation)).not.toContain(mail.labels.buyerAlias)

    const context = await eventually(async () => {
      const row = await running.service.database()!.db.selectFrom('conversations').select('order_context').where('id', '=', body.conversationId).executeTakeFirst()
      return row?.order_context as { status: string; allowedMessagingActions: string[]; buyerLocale: string; items: { asin: string }[] } | null
    }, 20_000)
    expect(context).toMatchObject({ status: 'Shipped', buyerLocale: 'de-DE', allowedMessagingActions: ['confirmDeliveryDetails', 'unexpectedProblem'] })
    expect(context.items[0]?.asin).toBe('B0C1234567')
  })

  it('stores the same e-mail only once', async () => {
    const mail = damagedMail(3)
    const first = (await (await post(mail.raw)).json()) as { outcome: string; conversationId: string }
    const second = await post(mail.raw)
    expect(second.status).toBe(202)
    expect(await second.json()).toMatchObject({ outcome: 'duplicate' })
    const conversation = await api(`/api/conversations/${first.conversationId}`)
    const texts = (conversation.messages as { text: string }[]).map((m) => m.text)
    expect(texts.filter((t) => t === mail.labels.text)).toHaveLength(1)
  })

  it('keeps an unparseable look-alike raw, ignores other mail, and refuses bad requests', async () => {
    const broken = Buffer.from(
      'From: "Ann - Amazon Marketplace" <broken123@marketplace.amazon.de>\r\nMessage-ID: <broken-1@example>\r\nSubject: RE: Anfrage\r\nContent-Type: text/plain\r\n\r\n------------- Begin message -------------\r\n------------- End message -------------\r\n',
    )
    const unparseable = await post(broken)
    expect(unparseable.status).toBe(202)
    expect(await unparseable.json()).toMatchObject({ outcome: 'unparseable', sourceMessageId: 'broken-1@example' })
    const kept = await running.service.database()!.db.selectFrom('inbound_mails').selectAll().where('source_message_id', '=', 'broken-1@example').executeTakeFirst()
    expect(kept?.raw.equals(broken)).toBe(true)

    const newsletter = Buffer.from('From: news@shop.example\r\nMessage-ID: <n1@shop.example>\r\nSubject: Deals\r\n\r\nBig sale!\r\n')
    expect(await (await post(newsletter)).json()).toMatchObject({ outcome: 'ignored' })

    expect((await post(damagedMail().raw, { authorization: 'Bearer wrong' })).status).toBe(401)
    expect((await post(Buffer.alloc(70_000, 'a'))).status).toBe(413)
    expect((await post(damagedMail().raw, { 'content-type': 'text/plain' })).status).toBe(415)
  })

  it('neither loses nor duplicates a concurrent burst', async () => {
    const mails = Array.from({ length: 60 }, (_, i) =>
      generateBuyerEmail({
        marketplace: i % 2 ? 'FR' : 'DE',
        language: i % 2 ? 'fr' : 'de',
        intent: 'where-is-my-order',
        buyerName: `Buyer${i % 20}`,
        orderId: `302-${String(1000000 + (i % 20)).padStart(7, '0')}-${String(5000000 + i).padStart(7, '0')}`,
        asin: 'B0C7654321',
        productTitle: 'Kabel',
        sentAt: new Date(Date.UTC(2026, 10, 21, 8, i)),
        variant: i,
      }),
    )
    const sends = [...mails, ...mails.slice(0, 20)].map((m) => post(m.raw).then((r) => r.json() as Promise<{ outcome: string }>))
    const outcomes = (await Promise.all(sends)).map((o) => o.outcome)
    expect(outcomes.filter((o) => o === 'stored')).toHaveLength(60)
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(20)
    const db = running.service.database()!.db
    const stored = await db.selectFrom('buyer_messages').select('source_message_id').where('source_message_id', 'in', mails.map((m) => m.labels.messageId)).execute()
    expect(stored).toHaveLength(60)
  })
})
