import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { SmtpReplySender, type SmtpReplySenderConfig, type SmtpSenderLogger } from '../../adapters/email/index.ts'
import { rawHeader, startSmtpSink, type SmtpSink, type SmtpSinkOptions } from '../../adapters/simulator/smtp-sink.ts'
import type { OutgoingReply } from '../../src/domain/reply.ts'
import { isAppError } from '../../src/domain/errors.ts'

const FROM = 'support@seller-shop.example'
const ALIAS_DE = 'mq4zd8k2p1xyz7@marketplace.amazon.de'
const ALIAS_JP = 'h7c9v2b5n3m1@marketplace.amazon.co.jp'

interface LogLine {
  level: string
  message: string
  fields: Record<string, unknown>
}

function recordingLogger(lines: LogLine[]): SmtpSenderLogger {
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => {
    lines.push({ level, message, fields })
  }
  return { info: at('info'), warn: at('warn'), error: at('error') }
}

function reply(overrides: Partial<OutgoingReply> = {}): OutgoingReply {
  return {
    replyId: 'rep_01JD8W3Z',
    path: 'email',
    text: 'Hallo Anna,\n\nIhre Bestellung 302-1234567-7654321 ist unterwegs und kommt am Donnerstag an.\n\nViele Grüße\nIhr Team',
    to: ALIAS_DE,
    subject: 'Frage zur Bestellung 302-1234567-7654321',
    inReplyTo: '<0102018f2c.amz-msg-1@email.amazon.de>',
    references: ['<0102018f2a.amz-msg-0@email.amazon.de>', '<0102018f2c.amz-msg-1@email.amazon.de>'],
    orderId: '302-1234567-7654321',
    marketplaceId: 'A1PA6795UKMFR9',
    ...overrides,
  }
}

const open: Array<{ close(): unknown }> = []
let logs: LogLine[] = []

afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close()
  logs = []
})

async function sink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const started = await startSmtpSink(options)
  open.push(started)
  return started
}

function sender(config: Partial<SmtpReplySenderConfig> & { url: string }): SmtpReplySender {
  const created = new SmtpReplySender(
    { from: `Seller Shop Support <${FROM}>`, timeouts: { connectMs: 2_000, greetingMs: 2_000, socketMs: 800 }, ...config },
    recordingLogger(logs),
  )
  open.push(created)
  return created
}

async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('SmtpReplySender against a real SMTP server', () => {
  it('sends a plain-text UTF-8 reply threaded to the Amazon e-mail, with our own Message-ID', async () => {
    const relay = await sink()
    const outcome = await sender({ url: relay.url }).send(reply())

    expect(relay.messages).toHaveLength(1)
    const mail = relay.messages[0]!
    expect(outcome).toEqual({ outcome: 'sent', providerId: mail.queueId })
    expect(mail.envelope).toEqual({ mailFrom: FROM, rcptTo: [ALIAS_DE] })
    expect(rawHeader(mail, 'from')).toBe(`Seller Shop Support <${FROM}>`)
    expect(rawHeader(mail, 'to')).toBe(ALIAS_DE)
    expect(mail.headers.get('subject')).toBe('RE: Frage zur Bestellung 302-1234567-7654321')
    expect(rawHeader(mail, 'in-reply-to')).toBe('<0102018f2c.amz-msg-1@email.amazon.de>')
    expect(rawHeader(mail, 'references')).toBe(
      '<0102018f2a.amz-msg-0@email.amazon.de> <0102018f2c.amz-msg-1@email.amazon.de>',
    )
    expect(rawHeader(mail, 'message-id')).toBe('<bb-reply.rep_01JD8W3Z@seller-shop.example>')
    expect(rawHeader(mail, 'content-type')).toBe('text/plain; charset=utf-8')
    expect(mail.headerLines.map((h) => h.key)).not.toContain('x-mailer')
    expect(mail.raw.toString('latin1')).not.toMatch(/text\/html|multipart/i)
    expect(mail.text.trimEnd()).toBe(reply().text)
  })

  it('keeps Japanese text and an [Important] subject intact', async () => {
    const relay = await sink()
    const text = '山田様\n\nご注文の商品は本日発送いたしました。お届けまで今しばらくお待ちください。\n\nよろしくお願いいたします。'
    const outcome = await sender({ url: relay.url }).send(
      reply({ replyId: 'rep-ja-1', to: ALIAS_JP, text, subject: '[Important] 注文 503-7654321-1234567 について' }),
    )
    expect(outcome.outcome).toBe('sent')
    const mail = relay.messages[0]!
    expect(mail.headers.get('subject')).toBe('[Important] RE: 注文 503-7654321-1234567 について')
    expect(mail.text.trimEnd()).toBe(text)
    expect(rawHeader(mail, 'content-type')).toBe('text/plain; charset=utf-8')
  })

  it('classifies a 4xx reply to the end of data as a transient failure and keeps the connection usable', async () => {
    const relay = await sink()
    const smtp = sender({ url: relay.url })
    relay.failNext({ stage: 'data', code: 451, message: '4.3.0 Temporary local problem, try again' })
    const outcome = await smtp.send(reply())
    expect(outcome).toMatchObject({ outcome: 'failed', transient: true })
    expect(outcome.outcome === 'failed' && outcome.reason).toContain('451')
    expect(relay.messages).toHaveLength(0)

    expect((await smtp.send(reply({ replyId: 'rep-after-451' }))).outcome).toBe('sent')
    expect(relay.messages).toHaveLength(1)
  })

  it('classifies a 4xx reply to RCPT TO as transient', async () => {
    const relay = await sink()
    relay.failNext({ stage: 'rcpt', code: 450, message: '4.2.1 Mailbox busy' })
    const outcome = await sender({ url: relay.url }).send(reply())
    expect(outcome).toMatchObject({ outcome: 'failed', transient: true })
    expect(relay.messages).toHaveLength(0)
  })

  it('classifies a 5xx reply as a permanent failure carrying the server text', async () => {
    const relay = await sink()
    relay.failNext({ stage: 'data', code: 554, message: '5.6.0 Message content rejected' })
    const outcome = await sender({ url: relay.url }).send(reply())
    expect(outcome).toMatchObject({ outcome: 'failed', transient: false })
    expect(outcome.outcome === 'failed' && outcome.reason).toContain('554 5.6.0 Message content rejected')
    expect(relay.messages).toHaveLength(0)
  })

  it('fails permanently when the relay refuses the sender as unapproved, and says so', async () => {
    const relay = await sink({ approvedSenders: ['someone-else@seller-shop.example'] })
    const outcome = await sender({ url: relay.url }).send(reply())
    expect(outcome).toMatchObject({ outcome: 'failed', transient: false })
    const reason = outcome.outcome === 'failed' ? outcome.reason : ''
    expect(reason).toContain('550')
    expect(reason).toContain('MAIL FROM')
    expect(reason).toContain('approved sender')
    expect(relay.messages).toHaveLength(0)
  })

  it('reports unconfirmed when the relay takes the whole message and never answers, and sends it once', async () => {
    const relay = await sink()
    relay.hangNext({ stage: 'data-end' })
    const outcome = await sender({ url: relay.url }).send(reply())
    expect(outcome.outcome).toBe('unconfirmed')
    expect(relay.messages).toHaveLength(1)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(relay.messages).toHaveLength(1)
    expect(logs.some((l) => l.level === 'error' && l.message === 'e-mail reply unconfirmed')).toBe(true)
  })

  it('reports unconfirmed when the connection drops after the end of data', async () => {
    const relay = await sink()
    relay.dropNext({ stage: 'data-end' })
    const smtp = sender({ url: relay.url })
    const outcome = await smtp.send(reply())
    expect(outcome.outcome).toBe('unconfirmed')
    expect(relay.messages).toHaveLength(1)
    expect((await smtp.send(reply({ replyId: 'rep-next' }))).outcome).toBe('sent')
  })

  it('fails transiently (not unconfirmed) when the connection drops before the end of data', async () => {
    const relay = await sink()
    relay.dropNext({ stage: 'rcpt' })
    const outcome = await sender({ url: relay.url }).send(reply())
    expect(outcome).toMatchObject({ outcome: 'failed', transient: true })
    expect(relay.messages).toHaveLength(0)
  })

  it('fails transiently when the connection is refused, with nothing delivered', async () => {
    const relay = await sink()
    const port = await closedPort()
    const outcome = await sender({ url: `smtp://127.0.0.1:${port}` }).send(reply())
    expect(outcome).toMatchObject({ outcome: 'failed', transient: true })
    expect(outcome.outcome === 'failed' && outcome.reason).toContain('ECONNREFUSED')
    expect(relay.messages).toHaveLength(0)
  })

  it('fails permanently on a wrong password and sends with the right one', async () => {
    const relay = await sink({ auth: { user: 'relay-user', pass: 'right p@ss' } })
    const wrong = await sender({ url: `smtp://relay-user:wrong-pass@127.0.0.1:${relay.port}` }).send(reply())
    expect(wrong).toMatchObject({ outcome: 'failed', transient: false })
    expect(wrong.outcome === 'failed' && wrong.reason).toMatch(/authentication failed.*535/)
    expect(relay.messages).toHaveLength(0)

    const right = await sender({ url: relay.url }).send(reply())
    expect(right.outcome).toBe('sent')
    expect(relay.messages[0]?.user).toBe('relay-user')
  })

  it('reuses pooled connections: 20 sends, at most maxConnections sessions', async () => {
    const relay = await sink()
    const smtp = sender({ url: relay.url, pool: { maxConnections: 2, maxMessages: 100 } })
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => smtp.send(reply({ replyId: `rep-pool-${i}` }))),
    )
    expect(outcomes.every((o) => o.outcome === 'sent')).toBe(true)
    expect(relay.messages).toHaveLength(20)
    expect(relay.connectionCount).toBeGreaterThanOrEqual(1)
    expect(relay.connectionCount).toBeLessThanOrEqual(2)
    const ids = new Set(relay.messages.map((m) => rawHeader(m, 'message-id')))
    expect(ids.size).toBe(20)
  })

  it('upgrades with STARTTLS when the relay requires it, and refuses to go without it', async () => {
    const relay = await sink({ requireTls: true })
    const tlsUrl = `smtp://127.0.0.1:${relay.port}?starttls=required&verify_cert=false`
    expect((await sender({ url: tlsUrl }).send(reply())).outcome).toBe('sent')
    expect(relay.messages[0]?.secure).toBe(true)

    const plain = await sender({ url: `smtp://127.0.0.1:${relay.port}?starttls=never` }).send(reply({ replyId: 'r2' }))
    expect(plain).toMatchObject({ outcome: 'failed', transient: false })
    expect(relay.messages).toHaveLength(1)
  })

  it('speaks implicit TLS for smtps:// and refuses an unverifiable certificate by default', async () => {
    const relay = await sink({ secure: true })
    expect((await sender({ url: `${relay.url}?verify_cert=false` }).send(reply())).outcome).toBe('sent')
    expect(relay.messages[0]?.secure).toBe(true)

    const strict = await sender({ url: relay.url }).send(reply({ replyId: 'r-strict' }))
    expect(strict).toMatchObject({ outcome: 'failed', transient: false })
    expect(relay.messages).toHaveLength(1)
  })

  it('refuses a second concurrent send of the same reply', async () => {
    const relay = await sink()
    relay.hangNext({ stage: 'data-end' })
    const smtp = sender({ url: relay.url })
    const first = smtp.send(reply())
    const second = smtp.send(reply()).then(
      () => null,
      (error: unknown) => error,
    )
    expect(isAppError(await second, 'SMTP_REPLY_IN_FLIGHT')).toBe(true)
    expect((await first).outcome).toBe('unconfirmed')
    expect(relay.messages).toHaveLength(1)
  })

  it('verify() connects and authenticates without sending mail', async () => {
    const relay = await sink({ auth: { user: 'u', pass: 'p' } })
    expect(await sender({ url: relay.url }).verify()).toEqual({ ok: true, endpoint: `smtp://127.0.0.1:${relay.port}` })
    const wrong = await sender({ url: `smtp://u:nope@127.0.0.1:${relay.port}` }).verify()
    expect(wrong).toMatchObject({ ok: false, transient: false })
    const refused = await sender({ url: `smtp://127.0.0.1:${await closedPort()}` }).verify()
    expect(refused).toMatchObject({ ok: false, transient: true })
    expect(relay.messages).toHaveLength(0)
  })

  it('never logs the buyer alias or the SMTP password', async () => {
    const relay = await sink({ auth: { user: 'relay-user', pass: 's3cret-Pass' } })
    relay.failNext({ stage: 'rcpt', code: 550, message: `5.1.1 <${ALIAS_DE}>: Recipient address rejected` })
    const smtp = sender({ url: relay.url })
    const rejected = await smtp.send(reply())
    expect(rejected).toMatchObject({ outcome: 'failed', transient: false })
    expect(rejected.outcome === 'failed' && rejected.reason).toContain('m***@marketplace.amazon.de')
    await smtp.send(reply({ replyId: 'rep-ok' }))
    await sender({ url: `smtp://relay-user:wrong@127.0.0.1:${relay.port}` }).send(reply({ replyId: 'rep-auth' }))
    const logged = JSON.stringify(logs)
    expect(logs.length).toBeGreaterThanOrEqual(3)
    expect(logged).toContain('m***@marketplace.amazon.de')
    expect(logged).not.toContain(ALIAS_DE)
    expect(logged).not.toContain('s3cret-Pass')
    expect(logged).not.toContain('wrong@')
  })
})
