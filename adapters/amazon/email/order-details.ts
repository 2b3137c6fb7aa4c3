// Order id, ASIN and product title from the subject and Amazon's order summary above the buyer's text.
// Amazon has used several summary layouts over the years:
//   "Order ID 114-…:" + "1 of Milk Frother … [ASIN: B07KZMTTD2]"
//   "Order ID: 114-…" + "# ASIN Product Name" table row "1  B07KZMTTD2  Milk Frother …"
//   "ASIN: B07KZMTTD2" + "Product: Milk Frother …" (and localised labels)

import { ORDER_ID_PATTERN } from '../../../src/domain/message.ts'
import { PRODUCT_TITLE_LABEL } from './localised-phrases.ts'

export interface OrderDetails {
  orderId: string | null
  asin: string | null
  productTitle: string | null
}

const BRACKETED_ASIN_ITEM = /^\s*(?:\d+\s*(?:of|x|×|von|de|di|sur|van|av|z|adet|点|個)?\s+)?(.+?)\s*[[(]\s*ASIN\s*[:：]?\s*([A-Z0-9]{10})\s*[\])]/i
const LABELLED_ASIN = /^\s*ASIN\s*[:：]\s*([A-Z0-9]{10})\b/i
const TABLE_ROW = /^\s*\d+\s+(B0[A-Z0-9]{8}|\d{9}[\dX])\s+(.+?)\s*$/
const TABLE_HEADER = /ASIN/i
const ORDER_ID_GLOBAL = new RegExp(ORDER_ID_PATTERN.source, 'g')

function cleanTitle(title: string): string | null {
  const cleaned = title.replace(/\s+/g, ' ').replace(/^[-–:|\s]+|[-–:|\s]+$/g, '')
  return cleaned === '' ? null : cleaned
}

export function firstOrderId(text: string): string | null {
  return text.match(ORDER_ID_GLOBAL)?.[0] ?? null
}

/** True for a line of Amazon's order summary, so it is not mistaken for the buyer's text. */
export function isOrderDetailLine(line: string): boolean {
  const trimmed = line.trim()
  if (trimmed === '') return false
  if (/^[^\d]{0,40}\d{3}-\d{7}-\d{7}\s*[:：)]?\s*$/.test(trimmed)) return true
  return (
    BRACKETED_ASIN_ITEM.test(trimmed) ||
    LABELLED_ASIN.test(trimmed) ||
    TABLE_ROW.test(trimmed) ||
    /^#\s+ASIN\b/i.test(trimmed) ||
    PRODUCT_TITLE_LABEL.test(trimmed)
  )
}

/** Searches `summaryLines` (the mail above the buyer's block) for the first item's ASIN and title. */
export function findItem(summaryLines: readonly string[]): Pick<OrderDetails, 'asin' | 'productTitle'> {
  let asin: string | null = null
  let productTitle: string | null = null
  let tableHeaderSeen = false
  for (const line of summaryLines) {
    const bracketed = BRACKETED_ASIN_ITEM.exec(line)
    if (bracketed?.[1] && bracketed[2]) {
      return { asin: bracketed[2].toUpperCase(), productTitle: cleanTitle(bracketed[1]) }
    }
    if (tableHeaderSeen) {
      const row = TABLE_ROW.exec(line)
      if (row?.[1] && row[2]) return { asin: row[1], productTitle: cleanTitle(row[2]) }
    }
    if (/^\s*#/.test(line) && TABLE_HEADER.test(line)) tableHeaderSeen = true
    const labelled = LABELLED_ASIN.exec(line)
    if (labelled?.[1] && asin === null) asin = labelled[1].toUpperCase()
    const titled = PRODUCT_TITLE_LABEL.exec(line)
    if (titled?.[1] && productTitle === null) productTitle = cleanTitle(titled[1])
  }
  return { asin, productTitle }
}

export function findOrderDetails(subject: string, summaryLines: readonly string[], wholeText: string): OrderDetails {
  const orderId = firstOrderId(subject) ?? firstOrderId(summaryLines.join('\n')) ?? firstOrderId(wholeText)
  return { orderId, ...findItem(summaryLines) }
}
