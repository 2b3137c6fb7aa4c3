// Simulated Amazon buyer-message notification e-mails, with the labels tests and demo mode need.

import { createHash } from 'node:crypto'
import { marketplaceByCode } from '../../../src/domain/marketplaces.ts'
import type { Marketplace } from '../../../src/domain/marketplaces.ts'
import { TEMPLATE_LANGUAGES } from '../../../src/domain/vocabulary.ts'
import type { Intent, RiskFlag, TemplateLanguage } from '../../../src/domain/vocabulary.ts'
import type { MailCharset } from './charsets.ts'
import { encodeText } from './charsets.ts'
import type { MimePart, TransferEncoding } from './mime-writer.ts'
import { assembleMessage, attachmentPart, encodeDisplayNameAddress, encodeHeaderText, multipart, textPart } from './mime-writer.ts'
import { notificationHtml, notificationText } from './notification.ts'
import type { NotificationContent } from './notification.ts'
import { PHRASES } from './phrases/index.ts'
import type { HighRiskFlag } from './phrases/index.ts'

export type BodyKind = 'text' | 'html' | 'alternative'

export interface BuyerEmailSpec {
  marketplace: string
  /** The buyer's language; Amazon's own wording follows the marketplace (English where we have none). */
  language: TemplateLanguage
  intent: Intent
  highRiskFlags?: readonly HighRiskFlag[]
  buyerName: string
  orderId: string
  asin: string
  productTitle: string
  quantity?: number
  sentAt: Date
  /** Picks among phrase variants (greeting, sign-off, sentence, subject); any integer. */
  variant?: number
  charset?: MailCharset
  transfer?: TransferEncoding
  body?: BodyKind
  summaryLayout?: 'bracketed' | 'table'
  deviceSignature?: boolean
  /** Makes the mail a reply in a thread: the seller's earlier message is quoted below the buyer's text. */
  replyTo?: { messageId: string; sellerName: string; sellerText: string; quoteStyle?: 'header' | 'separator' }
  attachments?: readonly { filename: string; contentType: string; content: Buffer }[]
}

export interface BuyerEmailLabels {
  intent: Intent
  language: TemplateLanguage
  /** The high-risk flags whose phrases were written, plus `damaged` / `not-received` implied by the intent. */
  riskFlags: RiskFlag[]
  orderId: string
  marketplace: string
  buyerAlias: string
  buyerName: string
  asin: string
  productTitle: string
  subject: string
  /** The buyer's words as a parser should extract them. */
  text: string
  messageId: string
  charset: MailCharset
  transfer: TransferEncoding
  body: BodyKind
}

export interface GeneratedBuyerEmail {
  raw: Buffer
  labels: BuyerEmailLabels
}

const digest = (value: string): string => createHash('sha256').update(value).digest('hex')

/** Amazon's alias is stable per buyer and seller; here per buyer name and marketplace. */
export function buyerAliasFor(buyerName: string, marketplace: Marketplace): string {
  const hash = digest(`${marketplace.code}:${buyerName}`)
  const local = BigInt(`0x${hash.slice(0, 18)}`).toString(36).padStart(14, '0').slice(0, 14)
  return `${local}+${hash.slice(20, 28)}@${marketplace.aliasDomain}`
}

function choose<T>(items: readonly T[], variant: number): T {
  const item = items[Math.abs(variant) % items.length]
  if (item === undefined) throw new Error('empty phrase list')
  return item
}

function impliedFlags(intent: Intent): RiskFlag[] {
  if (intent === 'damaged-defective') return ['damaged']
  if (intent === 'not-received') return ['not-received']
  return []
}

function buyerTextOf(spec: BuyerEmailSpec, variant: number): string {
  const phrases = PHRASES[spec.language]
  const joiner = spec.language === 'ja' ? '' : ' '
  const sentences = [choose(phrases.intents[spec.intent], variant), ...(spec.highRiskFlags ?? []).map((flag) => phrases.risks[flag])]
  const firstName = spec.buyerName.split(' ')[0] ?? spec.buyerName
  return [choose(phrases.greetings, variant), sentences.join(joiner), choose(phrases.signOffs, variant >> 1).replace('{name}', firstName)]
    .filter((part) => part !== '')
    .join('\n\n')
}

function fitCharset(texts: readonly string[], charset: MailCharset): MailCharset {
  return texts.every((text) => encodeText(text, charset) !== null) ? charset : 'utf-8'
}

function fitTransfer(charset: MailCharset, transfer: TransferEncoding): TransferEncoding {
  // 7bit is only honest for ISO-2022-JP (or pure ASCII, which we do not track); 8bit never for it.
  if (transfer === '7bit' && charset !== 'iso-2022-jp') return 'quoted-printable'
  if (transfer === '8bit' && charset === 'iso-2022-jp') return '7bit'
  return transfer
}

export function generateBuyerEmail(spec: BuyerEmailSpec): GeneratedBuyerEmail {
  const marketplace = marketplaceByCode(spec.marketplace)
  if (!marketplace) throw new Error(`unknown marketplace ${spec.marketplace}`)
  const variant = spec.variant ?? 0
  const templateLanguage = (TEMPLATE_LANGUAGES as readonly string[]).includes(marketplace.language)
    ? (marketplace.language as TemplateLanguage)
    : 'en'
  const buyerPhrases = PHRASES[spec.language]
  const wording = PHRASES[templateLanguage].amazon
  const buyerAlias = buyerAliasFor(spec.buyerName, marketplace)
  const buyerText = buyerTextOf(spec, variant)
  const firstSubject = choose(wording.subjects, variant).replace('{name}', spec.buyerName).replace('{order}', spec.orderId)
  const subject = spec.replyTo ? `${choose(wording.replyPrefixes, variant)}${firstSubject}` : firstSubject

  const trailingLines = spec.deviceSignature ? ['', buyerPhrases.deviceSignature] : []
  let quotedLines: string[] = []
  if (spec.replyTo) {
    const quoteDate = spec.sentAt.toISOString().slice(0, 16).replace('T', ' ')
    const header =
      spec.replyTo.quoteStyle === 'separator'
        ? '-----Original Message-----'
        : buyerPhrases.quoteHeader.replace('{date}', quoteDate).replace('{seller}', spec.replyTo.sellerName)
    trailingLines.push('', header)
    quotedLines = spec.replyTo.sellerText.split('\n')
  }
  const content: NotificationContent = {
    wording,
    orderId: spec.orderId,
    asin: spec.asin,
    productTitle: spec.productTitle,
    quantity: spec.quantity ?? 1,
    summaryLayout: spec.summaryLayout ?? 'bracketed',
    buyerText,
    trailingLines,
    quotedLines,
    communicationToken: digest(`${spec.orderId}:${spec.sentAt.toISOString()}`).slice(0, 13).toUpperCase(),
  }
  const textBody = notificationText(content)
  const htmlBody = notificationHtml(content)
  const body = spec.body ?? 'text'
  const charset = fitCharset([textBody, htmlBody, subject, spec.buyerName], spec.charset ?? 'utf-8')
  const transfer = fitTransfer(charset, spec.transfer ?? 'quoted-printable')

  const messageId = `${digest(`${buyerAlias}:${spec.orderId}:${spec.sentAt.toISOString()}:${spec.intent}:${variant}`).slice(0, 40)}@email.amazonses.com`
  let root: MimePart =
    body === 'text'
      ? textPart(textBody, 'plain', charset, transfer)
      : body === 'html'
        ? textPart(htmlBody, 'html', charset, transfer)
        : multipart('alternative', `alt-${messageId.slice(0, 16)}`, [
            textPart(textBody, 'plain', charset, transfer),
            textPart(htmlBody, 'html', charset, transfer),
          ])
  if (spec.attachments && spec.attachments.length > 0) {
    const files = spec.attachments.map((file) => attachmentPart(file.filename, file.contentType, file.content))
    root = multipart('mixed', `mix-${messageId.slice(0, 16)}`, [root, ...files])
  }
  const headers = [
    `Date: ${spec.sentAt.toUTCString().replace(/GMT$/, '+0000')}`,
    `From: ${encodeDisplayNameAddress(`${spec.buyerName}${wording.displayNameSuffix}`, buyerAlias, charset)}`,
    'To: seller-inbox@seller.example',
    `Subject: ${encodeHeaderText(subject, charset)}`,
    `Message-ID: <${messageId}>`,
    ...(spec.replyTo ? [`In-Reply-To: <${spec.replyTo.messageId}>`, `References: <${spec.replyTo.messageId}>`] : []),
  ]
  return {
    raw: assembleMessage(headers, root),
    labels: {
      intent: spec.intent,
      language: spec.language,
      riskFlags: [...new Set<RiskFlag>([...(spec.highRiskFlags ?? []), ...impliedFlags(spec.intent)])],
      orderId: spec.orderId,
      marketplace: marketplace.code,
      buyerAlias,
      buyerName: spec.buyerName,
      asin: spec.asin,
      productTitle: spec.productTitle,
      subject,
      text: buyerText,
      messageId,
      charset,
      transfer,
      body,
    },
  }
}
