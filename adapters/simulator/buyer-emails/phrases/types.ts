// The shape of one language's simulated buyer phrases and Amazon notification wording.

import type { Intent, RiskFlag, TemplateLanguage } from '../../../../src/domain/vocabulary.ts'

export const HIGH_RISK_FLAGS = ['a-to-z', 'chargeback', 'legal-threat', 'review-threat', 'safety', 'counterfeit'] as const
export type HighRiskFlag = (typeof HIGH_RISK_FLAGS)[number] & RiskFlag

export interface AmazonWording {
  /** Subject of a first message; `{name}` and `{order}` are filled in. */
  subjects: readonly string[]
  /** Prefixes mail clients put on a reply's subject in this language. */
  replyPrefixes: readonly string[]
  displayNameSuffix: string
  orderLine: string
  /** One item line of the order summary; `{qty}`, `{title}`, `{asin}`. */
  itemLine: string
  beginMarker: string
  endMarker: string
  /** Paragraphs after the end marker. */
  boilerplate: readonly string[]
}

export interface LanguagePhrases {
  language: TemplateLanguage
  buyerNames: readonly string[]
  greetings: readonly string[]
  /** Closing lines; `{name}` is the buyer's first name. */
  signOffs: readonly string[]
  intents: Readonly<Record<Intent, readonly string[]>>
  risks: Readonly<Record<HighRiskFlag, string>>
  /** Earlier seller messages quoted in reply threads. */
  sellerMessages: readonly string[]
  /** Quote header a mail client writes above the earlier message; `{date}` and `{seller}`. */
  quoteHeader: string
  deviceSignature: string
  productTitles: readonly string[]
  amazon: AmazonWording
}
