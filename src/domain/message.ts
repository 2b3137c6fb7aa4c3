// A buyer message as Buyerbridge understands it, after parsing Amazon's notification e-mail.

export interface AttachmentMeta {
  filename: string
  contentType: string
  size: number
  /** Stored only up to the configured size; null when larger or not kept. */
  content: Uint8Array | null
}

export interface BuyerMessage {
  /** RFC 822 Message-ID without angle brackets, or `sha256:<hex>` of the raw mail when it has none. */
  sourceMessageId: string
  receivedAt: Date
  /** The anonymised buyer address (`…@marketplace.amazon.<tld>`): personal data, never logged. */
  buyerAlias: string
  buyerName: string | null
  /** Marketplace country code (`US`, `DE`, …) from the alias domain. */
  marketplace: string
  orderId: string | null
  asin: string | null
  productTitle: string | null
  subject: string
  /** The buyer's own words: Amazon's boilerplate, signatures and quoted history removed. */
  text: string
  attachments: AttachmentMeta[]
  /** Message-IDs this mail answers, for threading replies. */
  references: string[]
}

export type ParseResult =
  | { kind: 'buyer-message'; message: BuyerMessage }
  | { kind: 'not-amazon'; reason: string }
  | { kind: 'unparseable'; sourceMessageId: string; error: string }

export const ORDER_ID_PATTERN = /\b\d{3}-\d{7}-\d{7}\b/
