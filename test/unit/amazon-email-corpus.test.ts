// Table-driven: every mail of the corpus in test/fixtures/emails, every extracted field asserted exactly.

import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseAmazonBuyerEmail } from '../../adapters/amazon/email/parse-buyer-email.ts'
import type { ParseResult } from '../../src/domain/message.ts'

interface CorpusEntry {
  file: string
  note: string
  expected: Record<string, unknown>
}

const corpusDir = new URL('../fixtures/emails/', import.meta.url)
const corpus = JSON.parse(readFileSync(new URL('expectations.json', corpusDir), 'utf8')) as {
  maxAttachmentBytes: number
  mails: CorpusEntry[]
}

/** The result as plain JSON, attachment content replaced by its sha256 (or null when not kept). */
function comparable(result: ParseResult): Record<string, unknown> {
  if (result.kind !== 'buyer-message') return { ...result }
  const { message } = result
  return {
    kind: result.kind,
    message: {
      ...message,
      receivedAt: message.receivedAt.toISOString(),
      attachments: message.attachments.map(({ content, ...meta }) => ({
        ...meta,
        contentSha256: content === null ? null : createHash('sha256').update(content).digest('hex'),
      })),
    },
  }
}

describe('Amazon buyer-message e-mail corpus', () => {
  it('holds at least 40 mails of each kind of outcome', () => {
    expect(corpus.mails.length).toBeGreaterThanOrEqual(40)
    const kinds = new Set(corpus.mails.map((entry) => entry.expected.kind))
    expect([...kinds].sort()).toEqual(['buyer-message', 'not-amazon', 'unparseable'])
  })

  it.each(corpus.mails.map((entry) => [entry.file, entry] as const))('%s', async (_file, entry) => {
    const raw = readFileSync(new URL(entry.file, corpusDir))
    const result = await parseAmazonBuyerEmail(raw, { maxAttachmentBytes: corpus.maxAttachmentBytes })
    expect(comparable(result)).toEqual(entry.expected)
  })
})
