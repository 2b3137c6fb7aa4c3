import { describe, expect, it } from 'vitest'
import { parseSmtpUrl, smtpUrlSchema, type SmtpEndpoint } from '../../adapters/email/smtp-url.ts'
import { isAppError } from '../../src/domain/errors.ts'

const base: SmtpEndpoint = {
  secure: false,
  host: 'smtp.example.com',
  port: 587,
  auth: null,
  startTls: 'auto',
  verifyCertificate: true,
  pool: {},
}

describe('parseSmtpUrl accepts', () => {
  it.each<[string, string, Partial<SmtpEndpoint>]>([
    ['plain, default submission port', 'smtp://smtp.example.com', {}],
    ['implicit TLS, default port 465', 'smtps://smtp.example.com', { secure: true, port: 465 }],
    ['explicit port and trailing slash', 'smtp://smtp.example.com:2525/', { port: 2525 }],
    [
      'credentials, percent-decoded',
      'smtps://relay%2Buser%40shop.example:p%40ss%3Aw%2Frd@smtp.example.com:465',
      { secure: true, port: 465, auth: { user: 'relay+user@shop.example', pass: 'p@ss:w/rd' } },
    ],
    ['STARTTLS required', 'smtp://smtp.example.com?starttls=required', { startTls: 'required' }],
    ['STARTTLS never', 'smtp://smtp.example.com:25?starttls=never', { port: 25, startTls: 'never' }],
    ['no certificate check', 'smtps://smtp.example.com?verify_cert=false', { secure: true, port: 465, verifyCertificate: false }],
    [
      'pool options',
      'smtp://smtp.example.com?max_connections=4&max_messages=50',
      { pool: { maxConnections: 4, maxMessages: 50 } },
    ],
    ['IPv6 literal', 'smtp://[::1]:2525', { host: '::1', port: 2525 }],
    ['surrounding whitespace', '  smtp://smtp.example.com  ', {}],
  ])('%s', (_label, url, expected) => {
    expect(parseSmtpUrl(url)).toEqual({ ...base, ...expected })
  })
})

describe('parseSmtpUrl refuses, naming the part that is wrong', () => {
  it.each<[string, string, RegExp]>([
    ['not a URL', 'mail server on port 587', /does not start with smtp:\/\/ or smtps:\/\//],
    ['host:port without scheme', 'smtp.example.com:587', /^SMTP_URL is invalid: the scheme must be smtp:\/\/ or smtps:\/\/; expected/],
    ['wrong scheme', 'http://smtp.example.com', /scheme must be smtp:\/\/ or smtps:\/\//],
    ['port out of range', 'smtp://smtp.example.com:70000', /the port must be between 1 and 65535/],
    ['missing host', 'smtp://:587', /the host is missing/],
    ['space in host', 'smtp://smtp .example.com', /host or an encoded part is malformed/],
    ['a path', 'smtp://smtp.example.com/INBOX', /path is not supported/],
    ['a fragment', 'smtp://smtp.example.com#x', /fragment/],
    ['unknown option', 'smtp://smtp.example.com?pool=true', /unknown option pool \(known: starttls, verify_cert/],
    ['bad starttls', 'smtp://smtp.example.com?starttls=yes', /starttls must be auto, required or never/],
    ['starttls on smtps', 'smtps://smtp.example.com?starttls=required', /starttls applies to smtp:\/\/ only/],
    ['bad verify_cert', 'smtp://smtp.example.com?verify_cert=no', /verify_cert must be true or false/],
    ['zero connections', 'smtp://smtp.example.com?max_connections=0', /max_connections must be between 1 and 100/],
    ['non-numeric messages', 'smtp://smtp.example.com?max_messages=lots', /max_messages must be a whole number/],
    ['duplicated option', 'smtp://smtp.example.com?starttls=auto&starttls=never', /starttls is given twice/],
    ['user without password', 'smtp://relay-user@smtp.example.com', /user name has no password/],
    ['password without user', 'smtp://:hunter2@smtp.example.com', /password is given without a user name/],
    ['broken percent-encoding', 'smtp://user:50%zz@smtp.example.com', /password is not valid percent-encoding/],
  ])('%s', (_label, url, message) => {
    let thrown: unknown
    try {
      parseSmtpUrl(url)
    } catch (error) {
      thrown = error
    }
    expect(isAppError(thrown, 'SMTP_URL_INVALID')).toBe(true)
    expect((thrown as Error).message).toMatch(message)
    expect((thrown as Error).message).toMatch(/^SMTP_URL is invalid: /)
  })

  it('lists every problem at once', () => {
    const result = smtpUrlSchema.safeParse('smtp://smtp.example.com?starttls=maybe&max_connections=0')
    expect(result.success).toBe(false)
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      'starttls must be auto, required or never',
      'max_connections must be between 1 and 100',
    ])
  })

  it.each([
    'smtp://relay:Sup3r-Secret@smtp.example.com/path',
    'smtp://relay:Sup3r-Secret@smtp.example.com?oops=1',
    'ftp://relay:Sup3r-Secret@smtp.example.com',
    'smtp://relay:Sup3r-Secret@smtp.example.com:99999',
    'smtp//relay:Sup3r-Secret@smtp.example.com',
  ])('never repeats the password: %s', (url) => {
    let thrown: unknown
    try {
      parseSmtpUrl(url)
    } catch (error) {
      thrown = error
    }
    expect(isAppError(thrown)).toBe(true)
    expect(JSON.stringify({ message: (thrown as Error).message, details: (thrown as { details: unknown }).details })).not.toContain('Sup3r-Secret')
  })
})
