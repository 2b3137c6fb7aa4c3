import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mailboxKeyOf, parseImapUrl } from '../../adapters/amazon/imap/imap-url.ts'
import { CAPABILITIES_WITHOUT_IDLE, startDovecot, type DovecotServer } from '../support/dovecot.ts'
import {
  amazonMail,
  BUYER_ALIAS,
  createSource,
  InMemoryMailboxCursorStore,
  messageIdOf,
  sleep,
  waitFor,
  type SourceUnderTest,
} from './imap-harness.ts'

const DELIVERED = '$Buyerbridge'
const ABANDONED = '$BuyerbridgeFailed'

describe('ImapSource delivery against a real Dovecot', () => {
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

  function source(
    overrides?: Parameters<typeof createSource>[2],
    onMail?: Parameters<typeof createSource>[3],
  ): SourceUnderTest {
    const created = createSource(server.imapUrl(), store, overrides, onMail)
    started.push(created)
    return created
  }

  it('delivers mails appended before start once each, in UID order, then flags them and saves the cursor', async () => {
    const mails = [amazonMail('first'), amazonMail('second'), amazonMail('third')]
    const uids: number[] = []
    for (const mail of mails) uids.push(await server.appendMail(mail.raw))

    const under = source()
    await under.begin()
    await waitFor('three deliveries', () => under.delivered.length === 3)
    // Several more rounds must not deliver anything again.
    await sleep(700)

    expect(under.delivered.map(messageIdOf)).toEqual(mails.map((mail) => mail.messageId))
    expect(under.delivered.map((mail) => mail.origin)).toEqual(uids.map((uid) => `imap:INBOX#${uid}`))
    const flags = await server.flagsOf()
    expect(flags.every((message) => message.flags.includes(DELIVERED))).toBe(true)
    const key = mailboxKeyOf(parseImapUrl(server.imapUrl()))
    expect(await store.load(key)).toEqual({ uidValidity: await server.uidValidityOf(), lastUid: uids.at(-1) })
    expect(under.source.health()).toMatchObject({ state: 'connected', lastError: null })
    expect(under.source.health().lastSuccessAt).toBeInstanceOf(Date)
  })

  it('receives mails appended while connected through IDLE', async () => {
    // Poll interval and lease renewal far beyond the wait below: only an IDLE notification can wake it.
    const under = source({ pollIntervalMs: 60_000, leaseTtlMs: 120_000 })
    await under.begin()
    await waitFor('connected', () => under.source.health().state === 'connected')
    await sleep(300)

    const mail = amazonMail('arrives while idling')
    await server.appendMail(mail.raw)
    await waitFor('the IDLE delivery', () => under.delivered.length === 1, 5_000)
    expect(messageIdOf(under.delivered[0]!)).toBe(mail.messageId)
    expect(under.logLines.some((line) => line.includes('waiting for mail with IDLE'))).toBe(true)
  })

  it('never flags or advances the cursor before onMail resolved', async () => {
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    let onMailEntered = false
    const under = source({}, async () => {
      onMailEntered = true
      await gate
    })
    const uid = await server.appendMail(amazonMail().raw)
    await under.begin()
    await waitFor('onMail to be called', () => onMailEntered)
    await sleep(400)

    expect((await server.flagsOf()).find((message) => message.uid === uid)?.flags).not.toContain(DELIVERED)
    expect(store.saves.filter((save) => save.cursor.lastUid >= uid)).toEqual([])

    release()
    await waitFor('the delivery', () => under.delivered.length === 1)
    await waitFor('the flag', async () => (await server.flagsOf())[0]?.flags.includes(DELIVERED) ?? false)
    await waitFor('the cursor', () => store.saves.some((save) => save.cursor.lastUid === uid))
  })

  it('retries a mail whose onMail rejected without flagging it, while later mails still go through', async () => {
    const troubled = amazonMail('the ingest fails on this one for a while')
    const fine = amazonMail('this one is fine')
    const attempts = new Map<string, number>()
    let ingestFailing = true
    const under = source({ maxDeliveryAttempts: 10 }, async (mail) => {
      const id = messageIdOf(mail)
      attempts.set(id, (attempts.get(id) ?? 0) + 1)
      if (id === troubled.messageId && ingestFailing) throw new Error('database unavailable')
    })
    const troubledUid = await server.appendMail(troubled.raw)
    const fineUid = await server.appendMail(fine.raw)
    await under.begin()

    await waitFor('the fine mail', () => under.delivered.some((mail) => messageIdOf(mail) === fine.messageId))
    await waitFor('a retry of the troubled mail', () => (attempts.get(troubled.messageId) ?? 0) >= 2)
    const key = mailboxKeyOf(parseImapUrl(server.imapUrl()))
    const whileFailing = await server.flagsOf()
    expect(whileFailing.find((message) => message.uid === troubledUid)?.flags).toEqual([])
    expect(whileFailing.find((message) => message.uid === fineUid)?.flags).toEqual([DELIVERED])
    expect((await store.load(key))?.lastUid ?? 0).toBeLessThan(troubledUid)

    ingestFailing = false
    await waitFor('the troubled mail once the ingest recovers', () =>
      under.delivered.some((mail) => messageIdOf(mail) === troubled.messageId),
    )
    await waitFor('the cursor past both', () => store.saves.at(-1)?.cursor.lastUid === fineUid)
    await sleep(400)
    expect(attempts.get(fine.messageId)).toBe(1)
    expect(under.delivered.map(messageIdOf)).toEqual([fine.messageId, troubled.messageId])
    expect((await server.flagsOf()).every((message) => message.flags.includes(DELIVERED))).toBe(true)
    expect(under.logLines.some((line) => line.includes('it will be retried'))).toBe(true)
  })

  it('stops within its grace period even when onMail never settles, leaving the mail unflagged', async () => {
    let onMailEntered = false
    const under = source({ stopGraceMs: 300 }, () => {
      onMailEntered = true
      return new Promise<void>(() => {})
    })
    await server.appendMail(amazonMail().raw)
    await under.begin()
    await waitFor('onMail to be called', () => onMailEntered)

    const stopping = Date.now()
    await under.source.stop()
    expect(Date.now() - stopping).toBeLessThan(5_000)
    expect(under.source.health().state).toBe('down')
    expect(store.leaseHolder(under.source.mailboxKey)).toBeNull()
    expect((await server.flagsOf())[0]?.flags).toEqual([])
  })

  it('gives up on a poison mail after the configured attempts and moves on', async () => {
    const poison = amazonMail('never accepted')
    const after = amazonMail('after the poison')
    let poisonAttempts = 0
    const under = source({ maxDeliveryAttempts: 3 }, async (mail) => {
      if (messageIdOf(mail) === poison.messageId) {
        poisonAttempts += 1
        throw new Error(`cannot store mail from ${BUYER_ALIAS}`)
      }
    })
    const poisonUid = await server.appendMail(poison.raw)
    const afterUid = await server.appendMail(after.raw)
    await under.begin()

    await waitFor('the cursor past the poison mail', () => store.saves.at(-1)?.cursor.lastUid === afterUid)
    await sleep(600)
    expect(poisonAttempts).toBe(3)
    expect(under.delivered.map(messageIdOf)).toEqual([after.messageId])
    const flags = await server.flagsOf()
    expect(flags.find((message) => message.uid === poisonUid)?.flags).toEqual([ABANDONED])
    expect(flags.find((message) => message.uid === afterUid)?.flags).toEqual([DELIVERED])
    const log = under.logLines.join('')
    expect(log).toContain('giving up on a mail')
    expect(log).not.toContain('marketplace.amazon.com')
  })

  it('keeps its place across a restart: nothing is delivered twice even when our flags are gone', async () => {
    const first = createSource(server.imapUrl(), store)
    await first.begin()
    const earlier = [amazonMail(), amazonMail()]
    const earlierUids = [await server.appendMail(earlier[0]!.raw), await server.appendMail(earlier[1]!.raw)]
    await waitFor('first deliveries', () => first.delivered.length === 2)
    await first.source.stop()

    // Someone strips our keyword: only the stored cursor can now prevent a re-delivery.
    for (const uid of earlierUids) await server.removeFlags(uid, [DELIVERED])
    const later = amazonMail('after the restart')
    await server.appendMail(later.raw)

    const second = source()
    await second.begin()
    await waitFor('the new mail', () => second.delivered.length >= 1)
    await sleep(600)
    expect(second.delivered.map(messageIdOf)).toEqual([later.messageId])
  })
})

describe('ImapSource on a server without IDLE', () => {
  let server: DovecotServer

  beforeEach(async () => {
    server = await startDovecot({ imapCapability: CAPABILITIES_WITHOUT_IDLE })
  })

  afterEach(async () => {
    await server.destroy()
  })

  it('polls at the configured interval and delivers new mail', async () => {
    const under = createSource(server.imapUrl(), new InMemoryMailboxCursorStore(), { pollIntervalMs: 200, leaseTtlMs: 60_000 })
    try {
      await under.begin()
      await waitFor('connected', () => under.source.health().state === 'connected')
      const mails = [amazonMail('polled 1'), amazonMail('polled 2')]
      await server.appendMail(mails[0]!.raw)
      await waitFor('first polled delivery', () => under.delivered.length === 1, 3_000)
      await server.appendMail(mails[1]!.raw)
      await waitFor('second polled delivery', () => under.delivered.length === 2, 3_000)

      expect(under.delivered.map(messageIdOf)).toEqual(mails.map((mail) => mail.messageId))
      expect(under.logLines.some((line) => line.includes('polling for mail'))).toBe(true)
    } finally {
      await under.source.stop()
    }
  })
})
