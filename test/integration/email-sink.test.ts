import { afterEach, describe, expect, it } from 'vitest'
import { SmtpReplySender } from '../../adapters/email/index.ts'
import { rawHeader, startSmtpSink, type SmtpSink } from '../../adapters/simulator/smtp-sink.ts'
import type { OutgoingReply } from '../../src/domain/reply.ts'

const quiet = { info() {}, warn() {}, error() {} }
const open: Array<{ close(): unknown }> = []

afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close()
})

async function sink(options: Parameters<typeof startSmtpSink>[0] = {}): Promise<SmtpSink> {
  const started = await startSmtpSink(options)
  open.push(started)
  return started
}

function sender(url: string, from = 'support@shop.example'): SmtpReplySender {
  const created = new SmtpReplySender({ url, from, timeouts: { socketMs: 500 } }, quiet)
  open.push(created)
  return created
}

function reply(replyId: string): OutgoingReply {
  return {
    replyId,
    path: 'email',
    text: 'Bonjour,\nvotre colis est en route.',
    to: 'p9x8c7@marketplace.amazon.fr',
    subject: 'Commande 402-1111111-2222222',
    inReplyTo: null,
    references: [],
    orderId: null,
    marketplaceId: null,
  }
}

describe('SMTP sink', () => {
  it('listens on 127.0.0.1 with an ephemeral port and a ready-to-use URL', async () => {
    const relay = await sink({ auth: { user: 'demo@shop', pass: 'p:w' } })
    expect(relay.port).toBeGreaterThan(0)
    expect(relay.url).toBe(`smtp://demo%40shop:p%3Aw@127.0.0.1:${relay.port}`)
    expect((await sender(relay.url).send(reply('r1'))).outcome).toBe('sent')
    expect(relay.messages[0]?.user).toBe('demo@shop')
  })

  it('waitFor resolves once enough mail arrived and rejects on timeout', async () => {
    const relay = await sink()
    const waiting = relay.waitFor(2, 5_000)
    const smtp = sender(relay.url)
    await smtp.send(reply('r1'))
    await smtp.send(reply('r2'))
    const mails = await waiting
    expect(mails.map((m) => rawHeader(m, 'message-id'))).toEqual([
      '<bb-reply.r1@shop.example>',
      '<bb-reply.r2@shop.example>',
    ])
    await expect(relay.waitFor(3, 50)).rejects.toThrow(/2 of 3 messages/)
  })

  it('takes mail from approved senders only', async () => {
    const relay = await sink({ approvedSenders: ['Support@Shop.example'] })
    expect((await sender(relay.url).send(reply('ok'))).outcome).toBe('sent')
    expect((await sender(relay.url, 'other@shop.example').send(reply('no'))).outcome).toBe('failed')
    expect(relay.messages.map((m) => m.envelope.mailFrom)).toEqual(['support@shop.example'])
  })

  it('answers failNext once, then behaves again', async () => {
    const relay = await sink()
    relay.failNext({ stage: 'mail', code: 421, message: '4.7.0 Try again later' })
    const smtp = sender(relay.url)
    expect(await smtp.send(reply('r1'))).toMatchObject({ outcome: 'failed', transient: true })
    expect((await smtp.send(reply('r2'))).outcome).toBe('sent')
    expect(relay.messages).toHaveLength(1)
  })

  it('closes promptly even with a session left hanging, telling it 421', async () => {
    const relay = await startSmtpSink()
    relay.hangNext({ stage: 'data-end' })
    const smtp = new SmtpReplySender({ url: relay.url, from: 'support@shop.example', timeouts: { socketMs: 10_000 } }, quiet)
    const pending = smtp.send(reply('r1'))
    await relay.waitFor(1, 5_000)
    const started = Date.now()
    await relay.close()
    expect(Date.now() - started).toBeLessThan(5_000)
    // 421 to the end of data is an explicit "not taken, closing": a retryable failure, not an unknown
    const outcome = await pending
    expect(outcome).toMatchObject({ outcome: 'failed', transient: true })
    expect(outcome.outcome === 'failed' && outcome.reason).toContain('421')
    smtp.close()
  })
})
