// The text and HTML bodies of one simulated Amazon buyer-message notification.

import type { AmazonWording } from './phrases/index.ts'

export interface NotificationContent {
  wording: AmazonWording
  orderId: string
  asin: string
  productTitle: string
  quantity: number
  summaryLayout: 'bracketed' | 'table'
  /** The buyer's words, exactly as the parser should return them. */
  buyerText: string
  /** Lines after the buyer's words inside the message block that are not theirs (signature, quoted history). */
  trailingLines: readonly string[]
  /** Quoted lines ("> …") of the earlier message, kept apart so the HTML body can use a blockquote. */
  quotedLines: readonly string[]
  communicationToken: string
}

const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole)

function summaryLines(content: NotificationContent): string[] {
  const { wording, orderId, asin, productTitle, quantity } = content
  const order = fill(wording.orderLine, { order: orderId })
  if (content.summaryLayout === 'table') {
    return [order, '', '# ASIN Product Name', `${quantity} ${asin} ${productTitle}`]
  }
  return [order, fill(wording.itemLine, { qty: String(quantity), title: productTitle, asin })]
}

export function notificationText(content: NotificationContent): string {
  const block = [content.buyerText, ...content.trailingLines, ...content.quotedLines.map((line) => `> ${line}`)]
  return [
    ...summaryLines(content),
    '',
    content.wording.beginMarker,
    '',
    ...block,
    '',
    content.wording.endMarker,
    '',
    content.wording.boilerplate.join('\n\n'),
    '',
    `[commMgrTok:${content.communicationToken}]`,
    '',
  ].join('\n')
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

const htmlLines = (lines: readonly string[]): string => lines.map(escapeHtml).join('<br>\n')

export function notificationHtml(content: NotificationContent): string {
  const quoted = content.quotedLines.length > 0 ? `<blockquote>${htmlLines(content.quotedLines)}</blockquote>` : ''
  return [
    '<html><head><style>p { margin: 0 0 1em; }</style></head>',
    '<body><div style="font-family: Arial, sans-serif; font-size: 14px">',
    `<p>${htmlLines(summaryLines(content).filter((line) => line !== ''))}</p>`,
    `<p>${escapeHtml(content.wording.beginMarker)}</p>`,
    `<p>${htmlLines(content.buyerText.split('\n'))}</p>`,
    ...content.trailingLines.filter((line) => line !== '').map((line) => `<p>${escapeHtml(line)}</p>`),
    quoted,
    `<p>${escapeHtml(content.wording.endMarker)}</p>`,
    ...content.wording.boilerplate.map((paragraph) => `<p>${htmlLines(paragraph.split('\n'))}</p>`),
    `<p style="color: #ffffff">[commMgrTok:${content.communicationToken}]</p>`,
    '</div></body></html>',
    '',
  ].join('\n')
}
