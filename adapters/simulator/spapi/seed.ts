import { DateTime } from 'luxon'
import { marketplaceByCode } from '../../../src/domain/marketplaces.ts'
import { seededRng } from '../buyer-emails/rng.ts'
import type { SimulatedOrder, SimulatedOrderInput, SimulatedOrderStatus, SimulatedOrders } from './orders.ts'

/** A deterministic pseudo-random source in [0, 1), so a seed always yields the same demo. */
export const seededRandom = seededRng

type Language = 'en' | 'de' | 'fr' | 'it' | 'es' | 'ja'

interface Product {
  asin: string
  sku: string
  price: number
  customizable: boolean
  titles: Record<Language, string>
}

const CATALOG: Product[] = [
  {
    asin: 'B0C7KX2M4Q', sku: 'BB-KETTLE-17', price: 39.99, customizable: false,
    titles: {
      en: 'Electric Kettle 1.7 L, Stainless Steel, Auto Shut-Off', de: 'Wasserkocher 1,7 L, Edelstahl, Abschaltautomatik',
      fr: 'Bouilloire électrique 1,7 L, acier inoxydable, arrêt automatique', it: 'Bollitore elettrico 1,7 L, acciaio inox, spegnimento automatico',
      es: 'Hervidor eléctrico 1,7 L, acero inoxidable, apagado automático', ja: '電気ケトル 1.7L ステンレス 自動電源オフ',
    },
  },
  {
    asin: 'B09TQ3HV8N', sku: 'BB-CASE-IP15', price: 14.99, customizable: false,
    titles: {
      en: 'Shockproof Phone Case for iPhone 15, Clear', de: 'Stoßfeste Handyhülle für iPhone 15, transparent',
      fr: 'Coque antichoc pour iPhone 15, transparente', it: 'Custodia antiurto per iPhone 15, trasparente',
      es: 'Funda antigolpes para iPhone 15, transparente', ja: 'iPhone 15 用 耐衝撃ケース クリア',
    },
  },
  {
    asin: 'B0B5LRN2WD', sku: 'BB-MUG-NAME', price: 19.99, customizable: true,
    titles: {
      en: 'Personalised Ceramic Mug with Name, 330 ml', de: 'Personalisierte Keramiktasse mit Namen, 330 ml',
      fr: 'Mug en céramique personnalisé avec prénom, 330 ml', it: 'Tazza in ceramica personalizzata con nome, 330 ml',
      es: 'Taza de cerámica personalizada con nombre, 330 ml', ja: '名入れ マグカップ 陶器 330ml',
    },
  },
  {
    asin: 'B0CJ8YQ6PZ', sku: 'BB-LAMP-LED', price: 29.99, customizable: false,
    titles: {
      en: 'LED Desk Lamp, Dimmable, USB-C Charging Port', de: 'LED-Schreibtischlampe, dimmbar, USB-C-Ladeanschluss',
      fr: 'Lampe de bureau LED, dimmable, port de charge USB-C', it: 'Lampada da scrivania LED, dimmerabile, porta USB-C',
      es: 'Lámpara de escritorio LED, regulable, puerto USB-C', ja: 'LED デスクライト 調光 USB-C 充電ポート付き',
    },
  },
  {
    asin: 'B08ZJ4M1XK', sku: 'BB-BOTTLE-750', price: 24.99, customizable: false,
    titles: {
      en: 'Insulated Water Bottle 750 ml, Leak-Proof', de: 'Isolierte Trinkflasche 750 ml, auslaufsicher',
      fr: 'Gourde isotherme 750 ml, étanche', it: 'Borraccia termica 750 ml, a prova di perdite',
      es: 'Botella térmica 750 ml, a prueba de fugas', ja: '真空断熱 ボトル 750ml 漏れ防止',
    },
  },
]

interface MarketplaceProfile {
  code: string
  orderPrefix: string
  /** The buyer locales seen in this marketplace, most common first. */
  locales: string[]
  priceFactor: number
  deliveryDays: [number, number]
}

const PROFILES: MarketplaceProfile[] = [
  { code: 'US', orderPrefix: '11', locales: ['en-US', 'en-US', 'en-US', 'es-US'], priceFactor: 1, deliveryDays: [3, 7] },
  { code: 'UK', orderPrefix: '20', locales: ['en-GB'], priceFactor: 0.85, deliveryDays: [2, 5] },
  { code: 'DE', orderPrefix: '30', locales: ['de-DE', 'de-DE', 'de-DE', 'en-GB'], priceFactor: 0.95, deliveryDays: [2, 4] },
  { code: 'FR', orderPrefix: '40', locales: ['fr-FR'], priceFactor: 0.95, deliveryDays: [2, 5] },
  { code: 'IT', orderPrefix: '40', locales: ['it-IT', 'it-IT', 'en-GB'], priceFactor: 0.95, deliveryDays: [3, 6] },
  { code: 'ES', orderPrefix: '40', locales: ['es-ES'], priceFactor: 0.95, deliveryDays: [3, 6] },
  { code: 'JP', orderPrefix: '50', locales: ['ja-JP', 'ja-JP', 'ja-JP', 'en-US'], priceFactor: 150, deliveryDays: [1, 3] },
]

/** Amazon stops allowing proactive messages 30 days after the order. */
const MESSAGING_WINDOW_DAYS = 30

const pick = <T>(rng: () => number, values: readonly T[]): T => values[Math.floor(rng() * values.length) % values.length] as T
const digits = (rng: () => number, count: number) => Array.from({ length: count }, () => Math.floor(rng() * 10)).join('')

function statusForAge(rng: () => number, ageDays: number): SimulatedOrderStatus {
  const roll = rng()
  if (roll < 0.05) return 'Canceled'
  if (ageDays < 0.5) return roll < 0.4 ? 'Pending' : 'Unshipped'
  if (ageDays < 2) return roll < 0.6 ? 'Unshipped' : roll < 0.7 ? 'PartiallyShipped' : 'Shipped'
  return roll < 0.1 ? 'PartiallyShipped' : 'Shipped'
}

/** The messaging actions Amazon would plausibly allow for an order in this state and of this age. */
export function plausibleActions(status: SimulatedOrderStatus, ageDays: number, channel: 'AFN' | 'MFN', customizable: boolean): string[] {
  if (ageDays > MESSAGING_WINDOW_DAYS || status === 'Canceled' || status === 'Pending' || status === 'PendingAvailability') return []
  const actions = ['unexpectedProblem']
  if (status === 'Unshipped') actions.push('confirmOrderDetails')
  if (customizable && (status === 'Unshipped' || status === 'PartiallyShipped')) actions.push('confirmCustomizationDetails')
  if (channel === 'MFN' && (status === 'Shipped' || status === 'PartiallyShipped')) actions.push('confirmDeliveryDetails')
  if (status === 'Shipped') actions.push('legalDisclosure', 'warranty')
  if (status === 'Shipped' && channel === 'MFN') actions.push('invoice')
  return actions
}

export interface SeedOptions {
  /** Orders per marketplace (default 3). */
  perMarketplace?: number
  /** Oldest order age in days (default 45, beyond the 30-day messaging window). */
  maxAgeDays?: number
}

/** Seeds realistic orders across US, UK, DE, FR, IT, ES and JP; the same `rng` seed gives the same orders. */
export function seedDemoOrders(sim: { orders: SimulatedOrders }, rng: () => number, now: Date, options: SeedOptions = {}): SimulatedOrder[] {
  const perMarketplace = options.perMarketplace ?? 3
  const maxAgeDays = options.maxAgeDays ?? 45
  const created: SimulatedOrder[] = []
  for (const profile of PROFILES) {
    const marketplace = marketplaceByCode(profile.code)
    if (!marketplace) continue
    for (let n = 0; n < perMarketplace; n++) {
      // The first order of each marketplace is fresh so every demo has something messageable.
      const fresh = n === 0
      const ageMinutes = Math.round((fresh ? 0.5 + rng() * 2.5 : rng() * maxAgeDays) * 24 * 60)
      const ageDays = ageMinutes / (24 * 60)
      const purchased = DateTime.fromJSDate(now, { zone: 'utc' }).minus({ minutes: ageMinutes })
      const channel = rng() < 0.55 ? 'AFN' : 'MFN'
      const status = fresh ? (ageDays < 1 ? 'Unshipped' : 'Shipped') : statusForAge(rng, ageDays)
      const lineCount = rng() < 0.75 ? 1 : 2
      const products = Array.from({ length: lineCount }, () => pick(rng, CATALOG)).filter(
        (product, index, all) => all.indexOf(product) === index,
      )
      const language = marketplace.language as Language
      const items = products.map((product) => ({
        title: product.titles[language] ?? product.titles.en,
        asin: product.asin,
        sku: product.sku,
        quantity: rng() < 0.8 ? 1 : 2,
        price: Math.round(product.price * profile.priceFactor * 100) / 100,
      }))
      const handlingDays = channel === 'AFN' ? 1 : 2
      const [minDelivery, maxDelivery] = profile.deliveryDays
      const input: SimulatedOrderInput = {
        orderId: `${profile.orderPrefix}${Math.floor(rng() * 10)}-${digits(rng, 7)}-${digits(rng, 7)}`,
        marketplaceId: marketplace.id,
        status,
        purchaseDate: purchased.toJSDate(),
        lastUpdateDate: DateTime.min(purchased.plus({ hours: 20 }), DateTime.fromJSDate(now)).toJSDate(),
        fulfillmentChannel: channel,
        items,
        allowedActions: plausibleActions(status, ageDays, channel, products.some((p) => p.customizable)),
        buyerLocale: pick(rng, profile.locales),
        earliestShipDate: purchased.toJSDate(),
        latestShipDate: purchased.plus({ days: handlingDays }).toJSDate(),
        earliestDeliveryDate: purchased.plus({ days: minDelivery }).toJSDate(),
        latestDeliveryDate: purchased.plus({ days: maxDelivery + handlingDays }).toJSDate(),
        isPrime: channel === 'AFN',
      }
      created.push(sim.orders.upsertOrder(input))
    }
  }
  return created
}
