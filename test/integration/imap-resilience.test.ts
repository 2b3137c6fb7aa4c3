import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mailboxKeyOf, parseImapUrl } from '../../adapters/amazon/imap/imap-url.ts'
import type { SourceState } from '../../adapters/amazon/imap/types.ts'
import { startDovecot, type DovecotServer } from '../support/dovecot.ts'
import {
  amazonMail,
  createSource,
  InMemoryMailboxCursorStore,
  messageIdOf,
  sleep,
  waitFor,
  type SourceUnderTest,
} from './imap-harness.ts'

describe('ImapSource resilience against a real Dovecot', () => {
  let server: DovecotServer
  let store: InMemoryMailboxCursorStore
  const started: SourceUnderTest[] = []

  beforeEach(async () => {
    server = await startDovecot()
    store = new InMemoryMailboxCursorStore()
  })

  afterEach(async () => {
    for (const running of started.splice(0)) await running.source.stop()
    await server.destroy()
  })

  function source(url: string, overrides?: Parameters<typeof createSource>[2]): SourceUnderTest {
    const created = createSource(url, store, overrides)
    started.push(created)
    return created
  }

  it('lets only the lease holder deliver; the other replica takes over after the first stops', async () => {
    const first = source(server.imapUrl(), { holderId: 'replica-a', leaseTtlMs: 900 })
    const second = source(server.imapUrl(), { holderId: 'replica-b', leaseTtlMs: 900 })
    await first.begin()
    await waitFor('replica A connected', () => first.source.health().state === 'connected')
    await second.begin()
    await waitFor('replica B on standby', () => second.source.health().state === 'standby')

    const before = [amazonMail('to replica A'), amazonMail('also to replica A')]
    for (const mail of before) await server.appendMail(mail.raw)
    await waitFor('replica A deliveries', () => first.delivered.length === 2)
    // Several lease periods: B must stay out while A renews.
    await sleep(2_000)
    expect(second.delivered).toEqual([])
    expect(second.source.health().state).toBe('standby')
    expect(store.leaseHolder(first.source.mailboxKey)).toBe('replica-a')

    await first.source.stop()
    expect(first.source.health().state).toBe('down')
    await waitFor('replica B connected', () => second.source.health().state === 'connected')
    const after = amazonMail('to replica B')
    await server.appendMail(after.raw)
    await waitFor('replica B delivery', () => second.delivered.length === 1)
    await sleep(500)

    expect(first.delivered.map(messageIdOf)).toEqual(before.map((mail) => mail.messageId))
    expect(second.delivered.map(messageIdOf)).toEqual([after.messageId])
  })

  it('takes over a lease whose holder vanished without releasing it, once it expires', async () => {
    const key = mailboxKeyOf(parseImapUrl(server.imapUrl()))
    expect(await store.tryAcquireLease(key, 'crashed-replica', 1_000)).toBe(true)
    const waiting = source(server.imapUrl(), { leaseTtlMs: 600 })
    await server.appendMail(amazonMail().raw)
    await waiting.begin()
    await waitFor('standby', () => waiting.source.health().state === 'standby')
    expect(waiting.delivered).toEqual([])

    await waitFor('take-over after expiry', () => waiting.delivered.length === 1, 5_000)
    expect(store.leaseHolder(key)).not.toBe('crashed-replica')
  })

  it('stands by as soon as it finds its lease taken over, and delivers nothing more', async () => {
    const under = source(server.imapUrl(), { holderId: 'replica-a', leaseTtlMs: 900 })
    await under.begin()
    await waitFor('connected', () => under.source.health().state === 'connected')

    store.expireLease(under.source.mailboxKey)
    expect(await store.tryAcquireLease(under.source.mailboxKey, 'replica-b', 60_000)).toBe(true)
    await waitFor('standby after the renewal failed', () => under.source.health().state === 'standby', 3_000)
    await server.appendMail(amazonMail('for replica B only').raw)
    await sleep(1_000)
    expect(under.delivered).toEqual([])
    expect(under.logLines.some((line) => line.includes('mailbox lease lost'))).toBe(true)
  })

  it('reconnects after Dovecot stops and comes back, and keeps delivering', async () => {
    const under = source(server.imapUrl())
    await under.begin()
    await server.appendMail(amazonMail('before the outage').raw)
    await waitFor('first delivery', () => under.delivered.length === 1)

    const states: SourceState[] = [under.source.health().state]
    const sampler = setInterval(() => {
      const state = under.source.health().state
      if (states.at(-1) !== state) states.push(state)
    }, 10)
    try {
      await server.stop()
      await waitFor('down', () => under.source.health().state === 'down')
      expect(under.source.health().lastError).toMatch(/^IMAP_(CONNECTION_LOST|UNREACHABLE|ERROR): /)
      const attemptsBefore = under.logLines.filter((line) => line.includes('IMAP source is down')).length
      await sleep(1_000)
      expect(under.source.health().state).not.toBe('connected')
      // Reconnect attempts back off (100 ms doubling to 400 ms here): a handful per second, not a hot loop.
      const attemptsDuring = under.logLines.filter((line) => line.includes('IMAP source is down')).length - attemptsBefore
      expect(attemptsDuring).toBeGreaterThanOrEqual(1)
      expect(attemptsDuring).toBeLessThanOrEqual(8)

      await server.restart()
      await waitFor('connected again', () => under.source.health().state === 'connected', 5_000)
      const later = amazonMail('after the outage')
      await server.appendMail(later.raw)
      await waitFor('delivery after reconnect', () => under.delivered.length === 2)
      expect(messageIdOf(under.delivered[1]!)).toBe(later.messageId)
      await waitFor('error cleared', () => under.source.health().lastError === null)
    } finally {
      clearInterval(sampler)
    }
    expect(states[0]).toBe('connected')
    expect(states).toContain('down')
    expect(states.at(-1)).toBe('connected')
  })

  it('reports a wrong password in health, keeps running and never logs the password', async () => {
    const wrongPassword = 'wrong p@ss:word'
    const under = source(server.imapUrl('INBOX', { password: wrongPassword }))
    await under.begin()
    await waitFor('auth failure in health', () => /IMAP_AUTH_FAILED/.test(under.source.health().lastError ?? ''))

    const health = under.source.health()
    expect(health.state).toBe('down')
    expect(health.lastSuccessAt).toBeNull()
    expect(health.lastError).toContain('check the user and password in IMAP_URL')
    expect(health.lastError).not.toContain(wrongPassword)
    // It keeps retrying with backoff rather than crashing or giving up.
    await waitFor('a second attempt', () =>
      under.logLines.filter((line) => line.includes('IMAP source is down')).length >= 2,
    )
    expect(under.logLines.join('')).not.toContain(wrongPassword)
    expect(under.logLines.join('')).not.toContain(encodeURIComponent(wrongPassword))
    await under.source.stop()
    expect(under.source.health().state).toBe('down')
  })

  it('after a UIDVALIDITY change delivers only the mails without our flag, and adopts the new UIDVALIDITY', async () => {
    const url = server.imapUrl('Amazon')
    await server.createMailbox('Amazon')
    const early = [amazonMail('early 1'), amazonMail('early 2')]
    for (const mail of early) await server.appendMail(mail.raw, { mailbox: 'Amazon' })
    const first = createSource(url, store)
    await first.begin()
    await waitFor('early deliveries', () => first.delivered.length === 2)
    await first.source.stop()
    const oldUidValidity = await server.uidValidityOf('Amazon')

    // A rebuilt mailbox: the same mails (our flag preserved, as a server migration keeps keywords) and a new one.
    await server.deleteMailbox('Amazon')
    await server.createMailbox('Amazon')
    for (const mail of early) await server.appendMail(mail.raw, { mailbox: 'Amazon', flags: ['$Buyerbridge'] })
    const fresh = amazonMail('arrived after the rebuild')
    const freshUid = await server.appendMail(fresh.raw, { mailbox: 'Amazon' })
    const newUidValidity = await server.uidValidityOf('Amazon')
    expect(newUidValidity).not.toBe(oldUidValidity)

    const second = source(url)
    await second.begin()
    await waitFor('the fresh mail', () => second.delivered.length >= 1)
    await sleep(600)
    expect(second.delivered.map(messageIdOf)).toEqual([fresh.messageId])
    expect(await store.load(second.source.mailboxKey)).toEqual({ uidValidity: newUidValidity, lastUid: freshUid })
  })

  it('stops delivering while the cursor store is unavailable and resumes when it is back', async () => {
    const under = source(server.imapUrl())
    await under.begin()
    await waitFor('connected', () => under.source.health().state === 'connected')

    store.outage = true
    await server.appendMail(amazonMail('during the outage').raw)
    await waitFor('store failure in health', () =>
      /^IMAP_CURSOR_STORE_FAILED: /.test(under.source.health().lastError ?? ''),
    )
    expect(under.source.health().state).toBe('down')
    expect(under.delivered).toEqual([])

    store.outage = false
    await waitFor('delivery after the outage', () => under.delivered.length === 1, 5_000)
    await waitFor('connected again', () => under.source.health().state === 'connected')
  })

  it('reports a missing mailbox clearly', async () => {
    const under = source(server.imapUrl('NoSuchFolder'))
    await under.begin()
    await waitFor('mailbox error', () => /IMAP_MAILBOX_NOT_FOUND/.test(under.source.health().lastError ?? ''))
    expect(under.source.health().state).toBe('down')
  })
})
