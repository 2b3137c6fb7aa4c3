// The IMAP source's pure parts (URL parsing, backoff, flag choice, error wording) and the Dovecot helper's
// missing-binary message; no server is started here.
import type { MailboxObject } from 'imapflow'
import { describe, expect, it } from 'vitest'
import { reconnectDelayMs } from '../../adapters/amazon/imap/backoff.ts'
import { describeDeliveryError, toSourceError } from '../../adapters/amazon/imap/imap-errors.ts'
import { mailboxKeyOf, parseImapUrl } from '../../adapters/amazon/imap/imap-url.ts'
import { deliveredFlagFor } from '../../adapters/amazon/imap/mailbox-sync.ts'
import { WakeSignal } from '../../adapters/amazon/imap/wake-signal.ts'
import { AppError, isAppError } from '../../src/domain/errors.ts'
import { startDovecot } from '../support/dovecot.ts'

function parseError(url: string): AppError {
  try {
    parseImapUrl(url)
  } catch (error) {
    if (isAppError(error)) return error
    throw error
  }
  throw new Error(`parsed without error: ${url}`)
}

describe('parseImapUrl', () => {
  it.each([
    [
      'imap://seller:secret@mail.example.com:1143/Amazon',
      { secure: false, host: 'mail.example.com', port: 1143, user: 'seller', password: 'secret', mailbox: 'Amazon' },
    ],
    [
      'imaps://ops%40seller.example:p%40ss%3Aw%2Frd%20x@imap.example.com/INBOX',
      { secure: true, host: 'imap.example.com', port: 993, user: 'ops@seller.example', password: 'p@ss:w/rd x', mailbox: 'INBOX' },
    ],
    ['imap://u:p@host', { secure: false, host: 'host', port: 143, user: 'u', password: 'p', mailbox: 'INBOX' }],
    ['imap://u:p@host/', { secure: false, host: 'host', port: 143, user: 'u', password: 'p', mailbox: 'INBOX' }],
    [
      'imap://u:p@host/INBOX/Amazon%20Buyers',
      { secure: false, host: 'host', port: 143, user: 'u', password: 'p', mailbox: 'INBOX/Amazon Buyers' },
    ],
    ['imap://u:p@[::1]:1143/X', { secure: false, host: '::1', port: 1143, user: 'u', password: 'p', mailbox: 'X' }],
  ])('parses %s', (url, expected) => {
    expect(parseImapUrl(url)).toEqual(expected)
  })

  it.each([
    ['not a url at all', /not a URL/],
    ['http://u:p@host/INBOX', /scheme must be imap:\/\/ or imaps:\/\//],
    ['imap://host/INBOX', /user name is missing/],
    ['imap://seller@host/INBOX', /password is missing/],
    ['imap://u:p@host:0/INBOX', /port must be between 1 and 65535/],
    ['imap://u:p@host/INBOX?tls=no', /query parameters are not supported/],
    ['imap://u:p%zz@host/INBOX', /password has an invalid %-escape/],
  ])('rejects %s with a clear IMAP_URL_INVALID error', (url, reason) => {
    const error = parseError(url)
    expect(error.code).toBe('IMAP_URL_INVALID')
    expect(error.message).toMatch(/^IMAP_URL is invalid: /)
    expect(error.message).toMatch(reason)
  })

  it('never repeats the password in its errors', () => {
    const error = parseError('imap://seller:Very-Secret-42@host/INBOX?x=1')
    expect(error.message).not.toContain('Very-Secret-42')
  })

  it('gives a mailbox key without the password', () => {
    const config = parseImapUrl('imaps://ops%40seller.example:Very-Secret-42@IMAP.Example.com/Amazon')
    const key = mailboxKeyOf(config)
    expect(key).toBe('imaps://ops%40seller.example@imap.example.com:993/Amazon')
    expect(key).not.toContain('Very-Secret-42')
  })
})

describe('reconnectDelayMs', () => {
  const policy = { initialDelayMs: 1_000, maxDelayMs: 60_000 }

  it('doubles per attempt and stays between half and all of the ceiling', () => {
    expect(reconnectDelayMs(1, policy, () => 0)).toBe(500)
    expect(reconnectDelayMs(1, policy, () => 0.999_999)).toBe(1_000)
    expect(reconnectDelayMs(2, policy, () => 0)).toBe(1_000)
    expect(reconnectDelayMs(4, policy, () => 0.5)).toBe(6_000)
  })

  it('never exceeds the cap, however many attempts failed', () => {
    for (const attempt of [7, 8, 20, 1_000]) {
      expect(reconnectDelayMs(attempt, policy, () => 0.999_999)).toBeLessThanOrEqual(60_000)
      expect(reconnectDelayMs(attempt, policy, () => 0)).toBe(30_000)
    }
  })
})

describe('deliveredFlagFor', () => {
  const mailbox = (permanentFlags: string[] | undefined): MailboxObject => ({
    path: 'INBOX',
    delimiter: '/',
    flags: new Set(),
    permanentFlags: permanentFlags === undefined ? undefined : new Set(permanentFlags),
    uidValidity: 1n,
    uidNext: 1,
    exists: 0,
  })

  it('uses our keyword when the server accepts new keywords, \\Seen otherwise', () => {
    expect(deliveredFlagFor(mailbox(['\\Seen', '\\*']), '$Buyerbridge')).toBe('$Buyerbridge')
    expect(deliveredFlagFor(mailbox(['\\Seen', '$Buyerbridge']), '$Buyerbridge')).toBe('$Buyerbridge')
    expect(deliveredFlagFor(mailbox(undefined), '$Buyerbridge')).toBe('$Buyerbridge')
    expect(deliveredFlagFor(mailbox(['\\Seen', '\\Answered']), '$Buyerbridge')).toBe('\\Seen')
  })
})

describe('IMAP error wording', () => {
  const context = { mailboxKey: 'imap://seller@host:143/INBOX', secrets: ['hunter2'] }

  it('names an authentication failure and masks a password the server echoed', () => {
    const error = toSourceError(
      Object.assign(new Error('Command failed'), { authenticationFailed: true, responseText: 'bad login hunter2' }),
      context,
    )
    expect(error.code).toBe('IMAP_AUTH_FAILED')
    expect(error.message).toContain('check the user and password in IMAP_URL')
    expect(error.message).not.toContain('hunter2')
  })

  it('separates an unreachable server from a lost connection', () => {
    expect(toSourceError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), context).code).toBe(
      'IMAP_UNREACHABLE',
    )
    expect(toSourceError(Object.assign(new Error('gone'), { code: 'NoConnection' }), context).code).toBe(
      'IMAP_CONNECTION_LOST',
    )
  })

  it('keeps buyer addresses out of what it logs about a failed delivery', () => {
    const described = describeDeliveryError(new AppError('INGEST_FAILED', 'cannot store mail from abc123@marketplace.amazon.de'))
    expect(described).toBe('INGEST_FAILED: cannot store mail from <address>')
  })
})

describe('WakeSignal', () => {
  it('remembers a wake that came while nobody waited', async () => {
    const signal = new WakeSignal()
    signal.wake()
    expect(await signal.wait(10_000)).toBe(true)
    expect(await signal.wait(5)).toBe(false)
  })

  it('cuts a running wait short', async () => {
    const signal = new WakeSignal()
    const waiting = signal.wait(10_000)
    signal.wake()
    expect(await waiting).toBe(true)
  })
})

describe('the Dovecot test server', () => {
  it('fails loudly, naming the install script, when Dovecot is not installed', async () => {
    await expect(startDovecot({ binary: '/nonexistent/sbin/dovecot' })).rejects.toThrow(
      /\/nonexistent\/sbin\/dovecot is missing.*scripts\/ci\/install-system-packages\.sh/,
    )
  })
})
