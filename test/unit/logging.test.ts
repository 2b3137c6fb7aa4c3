import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger, scrubText } from '../../src/logging.ts'

function capture() {
  const lines: string[] = []
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString())
      done()
    },
  })
  return { logger: createLogger({ level: 'info', destination }), lines }
}

describe('logging', () => {
  it('redacts secrets by key, at any depth the service uses', () => {
    const { logger, lines } = capture()
    logger.info({ token: 't0k3n', store: { refreshToken: 'Atzr|secret', clientSecret: 'cs' }, req: { headers: { authorization: 'Bearer abc' } } }, 'hello')
    const line = lines.join('')
    for (const secret of ['t0k3n', 'Atzr|secret', '"cs"', 'Bearer abc']) expect(line).not.toContain(secret)
    expect(JSON.parse(line)).toMatchObject({ token: '[redacted]', store: { refreshToken: '[redacted]', clientSecret: '[redacted]' }, msg: 'hello' })
  })

  it('masks buyer aliases, bearer tokens, URL passwords and Slack tokens inside free text', () => {
    const { logger, lines } = capture()
    logger.warn(
      { detail: 'reply to 1a2b3c4d5e6f@marketplace.amazon.co.uk failed', url: 'imaps://support:hunter2@imap.example.com/INBOX' },
      'sent to xyz987@marketplace.amazon.de with Bearer abcdefghijklmnop and xoxb-1234-5678-abcdef',
    )
    const line = lines.join('')
    for (const secret of ['1a2b3c4d5e6f@', 'xyz987@', 'hunter2', 'abcdefghijklmnop', 'xoxb-1234']) expect(line).not.toContain(secret)
    expect(line).toContain('***@marketplace.amazon.co.uk')
    expect(line).toContain('imaps://support:***@imap.example.com/INBOX')
  })

  it('leaves ordinary text alone', () => {
    expect(scrubText('order 302-1234567-1234567 for seller@example.com')).toBe('order 302-1234567-1234567 for seller@example.com')
  })
})
