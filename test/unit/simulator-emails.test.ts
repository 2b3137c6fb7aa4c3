// The simulator's buyer e-mails: realistic enough that the real parser reads every one back to its labels.

import { describe, expect, it } from 'vitest'
import { parseAmazonBuyerEmail } from '../../adapters/amazon/email/parse-buyer-email.ts'
import { MAIL_CHARSETS } from '../../adapters/simulator/buyer-emails/charsets.ts'
import type { MailCharset } from '../../adapters/simulator/buyer-emails/charsets.ts'
import { buyerAliasFor, generateBuyerEmail } from '../../adapters/simulator/buyer-emails/generate.ts'
import type { BuyerEmailSpec, GeneratedBuyerEmail } from '../../adapters/simulator/buyer-emails/generate.ts'
import { TRANSFER_ENCODINGS } from '../../adapters/simulator/buyer-emails/mime-writer.ts'
import type { TransferEncoding } from '../../adapters/simulator/buyer-emails/mime-writer.ts'
import { HIGH_RISK_FLAGS, PHRASES } from '../../adapters/simulator/buyer-emails/phrases/index.ts'
import { randomBuyerEmail } from '../../adapters/simulator/buyer-emails/random.ts'
import { seededRng } from '../../adapters/simulator/buyer-emails/rng.ts'
import { marketplaceByCode } from '../../src/domain/marketplaces.ts'
import type { BuyerMessage } from '../../src/domain/message.ts'
import { INTENTS, TEMPLATE_LANGUAGES } from '../../src/domain/vocabulary.ts'

const NOW = new Date('2026-03-02T09:30:00Z')
const SEEDS = Array.from({ length: 300 }, (_, index) => index + 1)
const generated = SEEDS.map((seed) => randomBuyerEmail(seededRng(seed), NOW))

async function parsedMessage(raw: Buffer): Promise<BuyerMessage> {
  const result = await parseAmazonBuyerEmail(raw, { maxAttachmentBytes: 1024 * 1024 })
  if (result.kind !== 'buyer-message') throw new Error(`expected a buyer message, got ${JSON.stringify(result)}`)
  return result.message
}

async function expectRoundTrip({ raw, labels }: GeneratedBuyerEmail): Promise<BuyerMessage> {
  const message = await parsedMessage(raw)
  expect({
    buyerAlias: message.buyerAlias,
    buyerName: message.buyerName,
    marketplace: message.marketplace,
    orderId: message.orderId,
    asin: message.asin,
    productTitle: message.productTitle,
    subject: message.subject,
    text: message.text,
    sourceMessageId: message.sourceMessageId,
  }).toEqual({
    buyerAlias: labels.buyerAlias,
    buyerName: labels.buyerName,
    marketplace: labels.marketplace,
    orderId: labels.orderId,
    asin: labels.asin,
    productTitle: labels.productTitle,
    subject: labels.subject,
    text: labels.text,
    sourceMessageId: labels.messageId,
  })
  return message
}

describe('random buyer e-mails round-trip through the parser', () => {
  it.each(SEEDS)('seed %i', async (seed) => {
    const email = generated[seed - 1]
    if (!email) throw new Error('missing sample')
    await expectRoundTrip(email)
  })
})

describe('random stream', () => {
  it('is deterministic for a seed', () => {
    const again = randomBuyerEmail(seededRng(42), NOW)
    const first = randomBuyerEmail(seededRng(42), NOW)
    expect(again.raw.equals(first.raw)).toBe(true)
    expect(again.labels).toEqual(first.labels)
    expect(randomBuyerEmail(seededRng(43), NOW).raw.equals(first.raw)).toBe(false)
  })

  it('covers every intent, language, high-risk flag, charset, transfer encoding and body kind', () => {
    const labels = generated.map((email) => email.labels)
    expect(new Set(labels.map((label) => label.intent))).toEqual(new Set(INTENTS))
    expect(new Set(labels.map((label) => label.language))).toEqual(new Set(TEMPLATE_LANGUAGES))
    expect(new Set(labels.flatMap((label) => label.riskFlags).filter((flag) => (HIGH_RISK_FLAGS as readonly string[]).includes(flag)))).toEqual(
      new Set(HIGH_RISK_FLAGS),
    )
    expect(new Set(labels.map((label) => label.charset))).toEqual(new Set(MAIL_CHARSETS))
    expect(new Set(labels.map((label) => label.transfer))).toEqual(new Set(TRANSFER_ENCODINGS))
    expect(new Set(labels.map((label) => label.body))).toEqual(new Set(['text', 'html', 'alternative']))
    const replyPrefixes = Object.values(PHRASES).flatMap((phrases) => phrases.amazon.replyPrefixes)
    expect(labels.filter((label) => replyPrefixes.some((prefix) => label.subject.startsWith(prefix))).length).toBeGreaterThan(20)
  })

  it('sends each mail from an alias on its marketplace domain, stable per buyer', () => {
    const aliasesByBuyer = new Map<string, Set<string>>()
    for (const { labels } of generated) {
      const marketplace = marketplaceByCode(labels.marketplace)
      expect(labels.buyerAlias.endsWith(`@${marketplace?.aliasDomain}`)).toBe(true)
      const key = `${labels.marketplace}:${labels.buyerName}`
      aliasesByBuyer.set(key, (aliasesByBuyer.get(key) ?? new Set()).add(labels.buyerAlias))
    }
    expect([...aliasesByBuyer.values()].every((aliases) => aliases.size === 1)).toBe(true)
    const allAliases = [...aliasesByBuyer.values()].flatMap((aliases) => [...aliases])
    expect(new Set(allAliases).size).toBe(allAliases.length)
  })

  it('labels high-risk mails with the flags whose wording it wrote', () => {
    for (const { labels } of generated) {
      for (const flag of labels.riskFlags) {
        if ((HIGH_RISK_FLAGS as readonly string[]).includes(flag)) {
          expect(labels.text).toContain(PHRASES[labels.language].risks[flag as (typeof HIGH_RISK_FLAGS)[number]])
        }
      }
      expect(labels.riskFlags.includes('damaged')).toBe(labels.intent === 'damaged-defective')
      expect(labels.riskFlags.includes('not-received')).toBe(labels.intent === 'not-received')
    }
  })
})

const baseSpec: BuyerEmailSpec = {
  marketplace: 'JP',
  language: 'ja',
  intent: 'damaged-defective',
  highRiskFlags: ['safety'],
  buyerName: '山田 太郎',
  orderId: '250-1234567-7654321',
  asin: 'B0TESTASIN',
  productTitle: 'ワイヤレスイヤホン 充電ケース付き',
  sentAt: NOW,
}

describe('explicit specs', () => {
  const encodings: [BuyerEmailSpec['marketplace'], BuyerEmailSpec['language'], MailCharset, TransferEncoding][] = [
    ['JP', 'ja', 'shift_jis', 'base64'],
    ['JP', 'ja', 'shift_jis', '8bit'],
    ['JP', 'ja', 'iso-2022-jp', '7bit'],
    ['JP', 'ja', 'iso-2022-jp', 'base64'],
    ['JP', 'ja', 'utf-8', 'quoted-printable'],
    ['DE', 'de', 'iso-8859-15', 'quoted-printable'],
    ['DE', 'de', 'iso-8859-1', '8bit'],
    ['FR', 'fr', 'iso-8859-1', 'base64'],
    ['ES', 'es', 'iso-8859-15', '8bit'],
    ['IT', 'it', 'utf-8', 'base64'],
  ]
  it.each(encodings)('%s %s in %s / %s', async (marketplace, language, charset, transfer) => {
    const spec: BuyerEmailSpec = {
      ...baseSpec,
      marketplace,
      language,
      buyerName: PHRASES[language].buyerNames[0] ?? 'X',
      productTitle: PHRASES[language].productTitles[0] ?? 'X',
      charset,
      transfer,
    }
    const email = generateBuyerEmail(spec)
    expect(email.labels.charset).toBe(charset)
    expect(email.labels.transfer).toBe(transfer)
    const head = email.raw.toString('latin1')
    expect(head).toContain(`charset="${charset.toUpperCase()}"`)
    expect(head).toContain(`Content-Transfer-Encoding: ${transfer}`)
    await expectRoundTrip(email)
  })

  it('falls back to UTF-8 when the text has no representation in the requested charset', () => {
    const email = generateBuyerEmail({ ...baseSpec, marketplace: 'DE', language: 'de', buyerName: 'Jürgen Müller', charset: 'shift_jis' })
    expect(email.labels.charset).toBe('utf-8')
  })

  it('writes reply threads with quoted history and references the earlier message', async () => {
    for (const quoteStyle of ['header', 'separator'] as const) {
      const email = generateBuyerEmail({
        ...baseSpec,
        marketplace: 'FR',
        language: 'fr',
        buyerName: 'Chloé Martin',
        deviceSignature: true,
        replyTo: { messageId: 'seller-1@seller.example', sellerName: 'Boutique', sellerText: 'Bonjour,\nnous regardons.', quoteStyle },
      })
      expect(email.labels.subject.startsWith('RE : ')).toBe(true)
      const message = await expectRoundTrip(email)
      expect(message.references).toEqual(['seller-1@seller.example'])
      expect(message.text).not.toContain('nous regardons')
      expect(message.text).not.toContain('iPhone')
    }
  })

  it('attaches files the parser reads back', async () => {
    const photo = Buffer.from('not really a png but bytes all the same')
    const email = generateBuyerEmail({ ...baseSpec, body: 'alternative', attachments: [{ filename: 'photo.png', contentType: 'image/png', content: photo }] })
    const message = await expectRoundTrip(email)
    expect(message.attachments).toEqual([{ filename: 'photo.png', contentType: 'image/png', size: photo.length, content: new Uint8Array(photo) }])
  })

  it('derives the alias from buyer and marketplace only', () => {
    const de = marketplaceByCode('DE')
    const fr = marketplaceByCode('FR')
    if (!de || !fr) throw new Error('marketplace table changed')
    expect(buyerAliasFor('Anna', de)).toBe(buyerAliasFor('Anna', de))
    expect(buyerAliasFor('Anna', de)).not.toBe(buyerAliasFor('Anna', fr))
    expect(buyerAliasFor('Anna', de)).toMatch(/^[0-9a-z]{14}\+[0-9a-f]{8}@marketplace\.amazon\.de$/)
  })
})
