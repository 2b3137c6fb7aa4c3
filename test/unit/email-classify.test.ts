import { describe, expect, it } from 'vitest'
import { classifySendError, providerIdFromReply } from '../../adapters/email/classify-outcome.ts'

/** Errors shaped the way nodemailer's smtp-connection `_formatError` builds them. */
function smtpError(
  message: string,
  fields: { code?: string; originalCode?: string; command?: string; response?: string },
): Error {
  const responseCode = fields.response ? Number(/^\d+/.exec(fields.response)?.[0]) : undefined
  return Object.assign(new Error(fields.response ? `${message}: ${fields.response}` : message), fields, responseCode ? { responseCode } : {})
}

type Expected = { outcome: 'sent' } | { outcome: 'failed'; transient: boolean } | { outcome: 'unconfirmed' }

describe('classifySendError', () => {
  it.each<[string, Error | string, boolean, Expected, RegExp]>([
    ['4xx to the end of data', smtpError('Message failed', { code: 'EMESSAGE', command: 'DATA', response: '451 4.3.0 Try later' }), true, { outcome: 'failed', transient: true }, /deferred the message at DATA: 451 4\.3\.0 Try later/],
    ['5xx to the end of data', smtpError('Message failed', { code: 'EMESSAGE', command: 'DATA', response: '554 5.6.0 Rejected' }), true, { outcome: 'failed', transient: false }, /rejected the message at DATA: 554 5\.6\.0 Rejected/],
    ['503 bad sequence', smtpError('Message failed', { code: 'EMESSAGE', command: 'DATA', response: '503 5.5.1 Bad sequence' }), true, { outcome: 'failed', transient: true }, /503/],
    ['unapproved sender', smtpError('Mail command failed', { code: 'EENVELOPE', command: 'MAIL FROM', response: '550 5.7.1 Sender not approved' }), false, { outcome: 'failed', transient: false }, /MAIL FROM: 550 5\.7\.1 Sender not approved \(is SMTP_FROM an approved sender/],
    ['deferred recipient', smtpError("Can't send mail - all recipients were rejected", { code: 'EENVELOPE', command: 'RCPT TO', response: '450 4.2.1 Busy' }), false, { outcome: 'failed', transient: true }, /RCPT TO: 450/],
    ['wrong password', smtpError('Invalid login', { code: 'EAUTH', command: 'AUTH PLAIN', response: '535 5.7.8 Authentication credentials invalid' }), false, { outcome: 'failed', transient: false }, /authentication failed, the relay refused the SMTP_URL credentials: 535/],
    ['temporary auth failure', smtpError('Invalid login', { code: 'EAUTH', command: 'AUTH PLAIN', response: '454 4.7.0 Temporary authentication failure' }), false, { outcome: 'failed', transient: true }, /temporarily refused: 454/],
    ['credentials missing', smtpError('Missing credentials for "PLAIN"', { code: 'EAUTH', command: 'API' }), false, { outcome: 'failed', transient: false }, /authentication failed/],
    ['server closing with 421', smtpError('Server closed the connection', { code: 'ECONNECTION', command: 'CONN', response: '421 4.4.2 Timeout' }), true, { outcome: 'failed', transient: true }, /421/],
    ['timeout waiting for the final reply', smtpError('Timeout', { code: 'ETIMEDOUT', command: 'CONN' }), true, { outcome: 'unconfirmed' }, /no final reply after the message was sent \(ETIMEDOUT: Timeout\); the relay may have accepted it/],
    ['connection closed after the end of data', smtpError('Connection closed unexpectedly', { code: 'ECONNECTION', command: 'CONN' }), true, { outcome: 'unconfirmed' }, /ECONNECTION/],
    ['reset after the end of data', smtpError('read ECONNRESET', { code: 'ESOCKET', originalCode: 'ECONNRESET', command: 'CONN' }), true, { outcome: 'unconfirmed' }, /ESOCKET\/ECONNRESET/],
    ['garbled reply after the end of data', smtpError('Unexpected Response', { code: 'EPROTOCOL', command: 'CONN', response: '250 who knows' }), true, { outcome: 'unconfirmed' }, /EPROTOCOL/],
    ['timeout before the end of data', smtpError('Timeout', { code: 'ETIMEDOUT', command: 'CONN' }), false, { outcome: 'failed', transient: true }, /before the message was handed over \(ETIMEDOUT/],
    ['connection refused', smtpError('connect ECONNREFUSED 127.0.0.1:25', { code: 'ESOCKET', originalCode: 'ECONNREFUSED', command: 'CONN' }), false, { outcome: 'failed', transient: true }, /ESOCKET\/ECONNREFUSED/],
    ['unknown host', smtpError('getaddrinfo ENOTFOUND smtp.nowhere', { code: 'EDNS', originalCode: 'ENOTFOUND', command: 'CONN' }), false, { outcome: 'failed', transient: false }, /host lookup failed \(ENOTFOUND\)/],
    ['resolver hiccup', smtpError('getaddrinfo EAI_AGAIN smtp.example.com', { code: 'EDNS', originalCode: 'EAI_AGAIN', command: 'CONN' }), false, { outcome: 'failed', transient: true }, /EAI_AGAIN/],
    ['bad STARTTLS certificate', smtpError('self-signed certificate', { code: 'ETLS', originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT', command: 'STARTTLS' }), false, { outcome: 'failed', transient: false }, /certificate/],
    ['bad implicit-TLS certificate', smtpError('certificate has expired', { code: 'ESOCKET', originalCode: 'CERT_HAS_EXPIRED', command: 'CONN' }), false, { outcome: 'failed', transient: false }, /certificate/],
    ['STARTTLS refused by the server', smtpError('Error upgrading connection with STARTTLS', { code: 'ETLS', command: 'STARTTLS', response: '502 5.5.1 Not implemented' }), false, { outcome: 'failed', transient: false }, /502/],
    ['connection lost during TLS upgrade', smtpError('Connection closed unexpectedly', { code: 'ETLS', command: 'CONN' }), false, { outcome: 'failed', transient: true }, /ETLS/],
    ['message too big for the server', smtpError('Message size larger than allowed 1000', { code: 'EMESSAGE', command: 'MAIL FROM' }), false, { outcome: 'failed', transient: false }, /EMESSAGE/],
    ['pool closed before sending', new Error('Connection pool was closed'), false, { outcome: 'failed', transient: true }, /pool was closed/],
    ['pool closed after the end of data', new Error('Connection pool was closed'), true, { outcome: 'unconfirmed' }, /pool was closed/],
    ['something thrown that is not an Error', 'boom', false, { outcome: 'failed', transient: true }, /boom/],
  ])('%s', (_label, error, dataEndSent, expected, reason) => {
    const outcome = classifySendError(error, dataEndSent)
    expect(outcome).toMatchObject(expected)
    expect('reason' in outcome ? outcome.reason : '').toMatch(reason)
  })

  it('masks e-mail addresses quoted by the server', () => {
    const error = smtpError("Can't send mail - all recipients were rejected", {
      code: 'EENVELOPE',
      command: 'RCPT TO',
      response: '550 5.1.1 <zz9buyer@marketplace.amazon.de>: Recipient address rejected',
    })
    const outcome = classifySendError(error, false)
    expect(outcome).toMatchObject({ outcome: 'failed', transient: false })
    expect('reason' in outcome && outcome.reason).toContain('<z***@marketplace.amazon.de>')
    expect(JSON.stringify(outcome)).not.toContain('zz9buyer')
  })
})

describe('providerIdFromReply', () => {
  it.each<[string | undefined, string | undefined, string | null]>([
    ['250 2.0.0 Ok: queued as 4XkT9B1cQz', undefined, '4XkT9B1cQz'],
    ['250 OK id=1r2Abc-000Xyz-7Q', undefined, '1r2Abc-000Xyz-7Q'],
    ['250 2.0.0 OK <abc@eur.prod.outlook.com> [Hostname=X]', '<abc@eur.prod.outlook.com>', '<abc@eur.prod.outlook.com>'],
    ['250 Message accepted for delivery', undefined, '250 Message accepted for delivery'],
    ['', undefined, null],
    [undefined, undefined, null],
  ])('%j → %j', (response, serverMessageId, expected) => {
    expect(providerIdFromReply(response, serverMessageId)).toBe(expected)
  })
})
