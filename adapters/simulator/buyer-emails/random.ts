// A random but reproducible stream of buyer e-mails for demo mode and round-trip tests.

import { INTENTS } from '../../../src/domain/vocabulary.ts'
import type { TemplateLanguage } from '../../../src/domain/vocabulary.ts'
import type { MailCharset } from './charsets.ts'
import { generateBuyerEmail } from './generate.ts'
import type { BodyKind, BuyerEmailSpec, GeneratedBuyerEmail } from './generate.ts'
import type { TransferEncoding } from './mime-writer.ts'
import { HIGH_RISK_FLAGS, PHRASES } from './phrases/index.ts'
import type { HighRiskFlag } from './phrases/index.ts'
import { chance, pick, randomInt } from './rng.ts'
import type { Rng } from './rng.ts'

const LANGUAGES: readonly TemplateLanguage[] = ['en', 'en', 'en', 'de', 'de', 'fr', 'it', 'es', 'ja', 'ja']

const MARKETPLACES_BY_LANGUAGE: Readonly<Record<TemplateLanguage, readonly string[]>> = {
  en: ['US', 'US', 'US', 'UK', 'UK', 'CA', 'AU', 'SG', 'IE', 'IN', 'AE', 'NL', 'SE', 'PL', 'TR', 'BR'],
  de: ['DE'],
  fr: ['FR', 'BE', 'CA'],
  it: ['IT'],
  es: ['ES', 'MX'],
  ja: ['JP'],
}

const CHARSETS_BY_LANGUAGE: Readonly<Record<TemplateLanguage, readonly MailCharset[]>> = {
  en: ['utf-8', 'utf-8', 'iso-8859-1'],
  de: ['utf-8', 'iso-8859-1', 'iso-8859-15'],
  fr: ['utf-8', 'iso-8859-1', 'iso-8859-15'],
  it: ['utf-8', 'iso-8859-1', 'iso-8859-15'],
  es: ['utf-8', 'iso-8859-1', 'iso-8859-15'],
  ja: ['utf-8', 'shift_jis', 'iso-2022-jp'],
}

const TRANSFERS_BY_CHARSET: Readonly<Record<MailCharset, readonly TransferEncoding[]>> = {
  'utf-8': ['quoted-printable', 'base64', '8bit'],
  'iso-8859-1': ['quoted-printable', '8bit', 'base64'],
  'iso-8859-15': ['quoted-printable', '8bit', 'base64'],
  shift_jis: ['base64', '8bit'],
  'iso-2022-jp': ['7bit', 'base64'],
}

const ORDER_PREFIXES = ['111', '112', '113', '114', '171', '202', '203', '249', '250', '302', '303', '304', '305', '402', '403', '503', '701', '702']
const ASIN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
// A 1×1 PNG, enough for a mail client to show a photo attachment.
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

const digits = (rng: Rng, count: number): string => Array.from({ length: count }, () => String(randomInt(rng, 0, 9))).join('')

export function randomOrderId(rng: Rng): string {
  return `${pick(rng, ORDER_PREFIXES)}-${digits(rng, 7)}-${digits(rng, 7)}`
}

export function randomAsin(rng: Rng): string {
  return `B0${Array.from({ length: 8 }, () => pick(rng, [...ASIN_CHARS])).join('')}`
}

function randomRiskFlags(rng: Rng): HighRiskFlag[] {
  if (!chance(rng, 0.3)) return []
  const first = pick(rng, HIGH_RISK_FLAGS)
  if (!chance(rng, 0.25)) return [first]
  const second = pick(rng, HIGH_RISK_FLAGS)
  return second === first ? [first] : [first, second]
}

/** The spec behind `randomBuyerEmail`, exposed so callers can tweak one field. */
export function randomBuyerEmailSpec(rng: Rng, now: Date): BuyerEmailSpec {
  const language = pick(rng, LANGUAGES)
  const phrases = PHRASES[language]
  const charset = pick(rng, CHARSETS_BY_LANGUAGE[language])
  const body: BodyKind = chance(rng, 0.15) ? 'html' : chance(rng, 0.3) ? 'alternative' : 'text'
  const spec: BuyerEmailSpec = {
    marketplace: pick(rng, MARKETPLACES_BY_LANGUAGE[language]),
    language,
    intent: pick(rng, INTENTS),
    highRiskFlags: randomRiskFlags(rng),
    buyerName: pick(rng, phrases.buyerNames),
    orderId: randomOrderId(rng),
    asin: randomAsin(rng),
    productTitle: pick(rng, phrases.productTitles),
    quantity: chance(rng, 0.8) ? 1 : randomInt(rng, 2, 4),
    sentAt: new Date(now.getTime() - randomInt(rng, 0, 120 * 60) * 1000),
    variant: randomInt(rng, 0, 1000),
    charset,
    transfer: pick(rng, TRANSFERS_BY_CHARSET[charset]),
    body,
    summaryLayout: chance(rng, 0.3) ? 'table' : 'bracketed',
    deviceSignature: chance(rng, 0.15),
  }
  if (chance(rng, 0.25)) {
    spec.replyTo = {
      messageId: `${digits(rng, 12)}.seller@sellercentral.example`,
      sellerName: 'Acme Store',
      sellerText: pick(rng, phrases.sellerMessages),
      quoteStyle: chance(rng, 0.7) ? 'header' : 'separator',
    }
  }
  if (chance(rng, 0.1)) spec.attachments = [{ filename: 'photo.png', contentType: 'image/png', content: TINY_PNG }]
  return spec
}

export function randomBuyerEmail(rng: Rng, now: Date): GeneratedBuyerEmail {
  return generateBuyerEmail(randomBuyerEmailSpec(rng, now))
}
