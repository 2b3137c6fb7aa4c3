// The Amazon compliance linter: every reply is linted after rendering and before it may be sent.
//
// rule id                 severity   what it finds
// external-link           block      a link (URL, www., bare domain, "dot com") to anything but the
//                                    marketplace's own Amazon storefront; link shorteners included. The bare
//                                    name of a storefront ("Amazon.de") is a shop name, not a link.
// off-topic-amazon-link   block/warn SP-API paths: own-storefront links only to order, returns and help pages
//                                    (Amazon: "only links related to the topic") → block otherwise.
//                                    E-mail: product/search/store pages → warn (reads as marketing).
// email-address           block      addresses, also "name (at) host" and "name at gmail"
// phone-number            block      +/00 international, NANP, trunk-prefix (0…) local formats, ES 9-digit,
//                                    any digit run after "tel/phone/電話…"; never order ids, dates, prices or
//                                    separator-free tracking numbers
// html                    block      tags and entities
// emoji-gif               block      emoji, flags, skin tones, emoticons :) ^^ <3, GIF references
// review-manipulation     block      positive review / star rating / change or remove a review ("thank you
//                                    for your positive feedback" acknowledges, it does not ask: not flagged)
// review-request          warn       a neutral request for a review or feedback
// review-incentive        block      refund, discount, gift, coupon, free product offered for a review (same
//                                    sentence as a review request, or a review word + "in exchange/if you")
// marketing               block      coupons, discounts, promotions, "% off", newsletters, "our other products"
// off-amazon-contact      block      messengers and social media, "our website", "outside Amazon", "call/text us",
//                                    @handles, LINE
// line-breaks             block      three or more consecutive line breaks (Amazon allows two)
// missing-order-id        block      the context's order id is not in the text (warn when no id is known and
//                                    the text has none)
// length-limit            block      over the path's limit (e-mail 2000, SP-API per action; counted in UTF-16
//                                    units, which never under-counts Amazon's characters), or empty
// language-mismatch       block/warn most of the text in another language → block; one sentence → warn
// unresolved-placeholder  block      {{name}}, ${name}, {name}, %s, [Buyer name]
//
// Keyword rules run on folded text (NFKD, no accents, lower case, full-width → ASCII): see normalize.ts.

import { ORDER_ID_PATTERN } from '../message.ts'
import type { ReplyPath } from '../vocabulary.ts'
import { languageHits } from './language-check.ts'
import { messagesFor } from './messages.ts'
import { foldWithOffsets } from './normalize.ts'
import { indexWords } from './phrase.ts'
import { keywordHits } from './rules-keywords.ts'
import { emailHits, linkHits, phoneHits, shapeHits } from './rules-patterns.ts'
import type { Hit } from './hit.ts'
import type { LintContext, LintFinding } from './types.ts'

/** Character limits from the SP-API Messaging model; e-mail is held to the same 2000 as the longest action. */
export const LENGTH_LIMITS: Record<ReplyPath, number> = {
  email: 2000,
  'spapi:confirmOrderDetails': 2000,
  'spapi:confirmDeliveryDetails': 2000,
  'spapi:unexpectedProblem': 2000,
  'spapi:confirmServiceDetails': 2000,
  'spapi:confirmCustomizationDetails': 800,
  'spapi:digitalAccessKey': 400,
}

function orderIdHits(foldedText: string, text: string, context: LintContext): Hit[] {
  if (context.orderId !== null) {
    return foldedText.includes(context.orderId.trim().toLowerCase()) ? [] : [{ ruleId: 'missing-order-id', severity: 'block', start: 0, end: 0 }]
  }
  return ORDER_ID_PATTERN.test(text) ? [] : [{ ruleId: 'missing-order-id', severity: 'warn', start: 0, end: 0 }]
}

function lengthHits(text: string, limit: number): Hit[] {
  if (!/\S/.test(text)) return [{ ruleId: 'length-limit', severity: 'block', start: 0, end: 0 }]
  return text.length > limit ? [{ ruleId: 'length-limit', severity: 'block', start: limit, end: text.length }] : []
}

export function lint(text: string, context: LintContext): LintFinding[] {
  const folded = foldWithOffsets(text)
  const words = indexWords(folded.text)
  const limit = LENGTH_LIMITS[context.path]
  const emails = emailHits(folded)
  // "name (at) gmail (dot) com" is one e-mail address, not also a link.
  const links = linkHits(folded, context).filter((l) => !emails.some((e) => l.start < e.end && e.start < l.end))
  const hits = links.concat(
    emails,
    phoneHits(folded),
    shapeHits(text, folded),
    keywordHits(folded, words),
    orderIdHits(folded.text, text, context),
    lengthHits(text, limit),
    languageHits(folded, words, context.buyerLanguage),
  )
  hits.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId))
  return hits.map((hit) => {
    const message = messagesFor(hit, context, limit)
    return { ruleId: hit.ruleId, severity: hit.severity, message_en: message.en, message_zh: message.zh, start: hit.start, end: hit.end }
  })
}

/** True when nothing blocks sending. */
export function isSendable(findings: readonly LintFinding[]): boolean {
  return findings.every((f) => f.severity !== 'block')
}
