// Computes the template variables from what we know about a conversation and its order.

import { marketplaceByCode } from '../marketplaces.ts'
import type { TemplateLanguage } from '../vocabulary.ts'
import type { TemplateVariables } from './template.ts'

export interface VariableFacts {
  /** The language the template is rendered in (the buyer's, or `en` as the fallback). */
  language: TemplateLanguage
  /** Marketplace country code (`DE`). */
  marketplace: string
  /** `buyer.locale` from SP-API (`de-DE`) when known. */
  buyerLocale?: string | null
  /** The buyer's name as Amazon shows it (`Anna Müller`, `山田 太郎`). */
  buyerName?: string | null
  orderId?: string | null
  productTitle?: string | null
  asin?: string | null
  carrier?: string | null
  trackingNumber?: string | null
  shipDate?: Date | null
  deliveryDate?: Date | null
  storeName?: string | null
  agentName?: string | null
  /** IANA zone the dates are shown in; defaults to UTC. */
  timeZone?: string
}

const DEFAULT_LOCALE: Record<TemplateLanguage, string> = {
  en: 'en-US',
  de: 'de-DE',
  fr: 'fr-FR',
  it: 'it-IT',
  es: 'es-ES',
  ja: 'ja-JP',
}

const HAN_OR_KANA = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u

function clean(value: string | null | undefined): string | null {
  const trimmed = value?.replace(/\s+/g, ' ').trim()
  return trimmed ? trimmed : null
}

/** First name for Latin-script names; a Japanese or Chinese name stays whole (family name comes first). */
export function addressName(fullName: string | null | undefined): string | null {
  const name = clean(fullName)
  if (name === null) return null
  if (HAN_OR_KANA.test(name)) return name
  return name.split(' ')[0] ?? null
}

export function greeting(language: TemplateLanguage, name: string | null): string {
  switch (language) {
    case 'en':
      return name ? `Hello ${name},` : 'Hello,'
    case 'de':
      return name ? `Guten Tag ${name},` : 'Guten Tag,'
    case 'fr':
      return name ? `Bonjour ${name},` : 'Bonjour,'
    case 'it':
      return name ? `Buongiorno ${name},` : 'Buongiorno,'
    case 'es':
      return name ? `Hola, ${name}:` : 'Hola:'
    case 'ja':
      return name ? `${name} 様` : 'お客様'
  }
}

/** The locale dates are written in: the buyer's when it is in the rendering language, else the marketplace's. */
export function formattingLocale(language: TemplateLanguage, buyerLocale: string | null | undefined, marketplace: string): string {
  for (const raw of [buyerLocale, marketplaceByCode(marketplace)?.locale]) {
    const candidate = raw?.trim().replace(/_/g, '-')
    if (!candidate || candidate.split('-')[0]?.toLowerCase() !== language) continue
    if (isSupportedLocale(candidate)) return candidate
  }
  return DEFAULT_LOCALE[language]
}

const supportedLocales = new Map<string, boolean>()

function isSupportedLocale(locale: string): boolean {
  let supported = supportedLocales.get(locale)
  if (supported === undefined) {
    try {
      supported = Intl.DateTimeFormat.supportedLocalesOf(locale).length > 0
    } catch {
      // A malformed tag from upstream data (`de-`, `x_y_z`) is simply not used.
      supported = false
    }
    if (supportedLocales.size < 1000) supportedLocales.set(locale, supported)
  }
  return supported
}

const formatters = new Map<string, Intl.DateTimeFormat>()

export function formatDate(date: Date, locale: string, timeZone = 'UTC'): string {
  const key = `${locale}|${timeZone}`
  let formatter = formatters.get(key)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone })
    formatters.set(key, formatter)
  }
  return formatter.format(date)
}

/** `amazon.co.jp` → `Amazon.co.jp`. */
export function storefrontName(marketplace: string): string | null {
  const storefront = marketplaceByCode(marketplace)?.storefront
  return storefront ? `A${storefront.slice(1)}` : null
}

/** Variables with no value are left out, so rendering a template that needs them fails loudly. */
export function buildTemplateVariables(facts: VariableFacts): TemplateVariables {
  const locale = formattingLocale(facts.language, facts.buyerLocale, facts.marketplace)
  const name = addressName(facts.buyerName)
  const date = (value: Date | null | undefined): string | null =>
    value && !Number.isNaN(value.getTime()) ? formatDate(value, locale, facts.timeZone) : null
  const variables: TemplateVariables = {
    greeting: greeting(facts.language, name),
    orderId: clean(facts.orderId),
    buyerName: name,
    productTitle: clean(facts.productTitle),
    asin: clean(facts.asin),
    marketplace: storefrontName(facts.marketplace),
    carrier: clean(facts.carrier),
    trackingNumber: clean(facts.trackingNumber),
    shipDate: date(facts.shipDate),
    deliveryDate: date(facts.deliveryDate),
    storeName: clean(facts.storeName),
    agentName: clean(facts.agentName),
  }
  return Object.fromEntries(Object.entries(variables).filter(([, v]) => v !== null)) as TemplateVariables
}
