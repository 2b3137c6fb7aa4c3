// Rules that look for shapes rather than words: links, e-mail addresses, phone numbers, HTML, emojis,
// line breaks and placeholders. Every regular expression is compiled once, here.

import { marketplaceByCode, MARKETPLACES } from '../marketplaces.ts'
import type { FoldedText } from './normalize.ts'
import type { LintContext } from './types.ts'
import type { Hit } from './hit.ts'

const TLDS = 'com|net|org|info|biz|io|co|me|ly|gl|app|shop|store|online|site|xyz|top|link|club|to|de|fr|it|es|jp|cn|uk|us|ca|mx|br|au|nl|eu|ch|at|be|pl|se|tr|in|ru|tv|cc|hk|tw|sg|ae'
// Written-out links start with a literal ("http", "www"), so the engine finds them fast.
const SCHEME_OR_WWW = /(?:https?|ftp):\/\/[^\s<>"'`]+|www\d?\.[^\s<>"'`]+/g
// Bare domains ("shop.example.com/x") are tried only where a dot sits between a letter or digit and a letter.
const DOTTED = /[a-z0-9]\.[a-z]/g
const BARE_DOMAIN = new RegExp(`(?:[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?\\.)+(?:${TLDS})(?![\\p{L}\\p{N}\\-])(?:[/?#][^\\s<>"'\`]*)?`, 'uy')
const DOMAIN_CHAR = /[a-z0-9.\-]/
const BEFORE_DOMAIN_FORBIDDEN = /[\p{L}\p{N}@._\-]/u
const SPELLED_DOT = new RegExp(`(?<![\\p{L}\\p{N}])[a-z0-9\\-]{2,}(?:\\s*[\\[(]\\s*(?:dot|punkt|point|punto)\\s*[\\])]\\s*|\\s+dot\\s+)(?:${TLDS})(?![\\p{L}\\p{N}])`, 'gu')
const MAYBE_SPELLED_DOT = /[\[(]\s*(?:dot|punkt|point|punto)\s*[\])]|\sdot\s/

/** [start, end) of every link-like run in folded text, in order, without overlaps. */
function linkSpans(text: string): [number, number][] {
  const spans: [number, number][] = []
  for (const m of text.matchAll(SCHEME_OR_WWW)) spans.push([m.index, m.index + m[0].length])
  const covered = (at: number) => spans.some(([s, e]) => at >= s && at < e)
  for (const m of text.matchAll(DOTTED)) {
    if (covered(m.index)) continue
    let start = m.index
    while (start > 0 && DOMAIN_CHAR.test(text[start - 1] ?? '')) start--
    while (start < m.index && !/[a-z0-9]/.test(text[start] ?? '')) start++
    if (start > 0 && BEFORE_DOMAIN_FORBIDDEN.test(text[start - 1] ?? '')) continue
    BARE_DOMAIN.lastIndex = start
    const found = BARE_DOMAIN.exec(text)
    if (found && !covered(start)) spans.push([start, start + found[0].length])
  }
  if (MAYBE_SPELLED_DOT.test(text)) {
    for (const m of text.matchAll(SPELLED_DOT)) if (!covered(m.index)) spans.push([m.index, m.index + m[0].length])
  }
  return spans.sort((a, b) => a[0] - b[0])
}

const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"»」』。、]+$/u
const STOREFRONTS = new Set(MARKETPLACES.map((m) => m.storefront))
const SHORTENERS = /^(?:amzn\.[a-z]{2,3}|a\.co)$/
/** Storefront pages that concern an order, a return or help: the only links an SP-API message may carry. */
const ORDER_TOPIC_PATH = /^\/(?:gp\/your-account|gp\/css|your-orders|gp\/help|hz\/help|hz\/contact-us|returns|gp\/orc|spr\/returns|progress-tracker|gp\/your-account\/order-details)/
/** Product, search and brand pages: on e-mail they read as marketing. */
const PRODUCT_PATH = /^\/(?:dp\/|gp\/product|stores\/|s\?|s\/|b\?|b\/|[^/]+\/dp\/)/

// Cheap test first: most replies have no dotted name, no scheme and no "dot com".
const MAYBE_URL = /[a-z0-9]\.[a-z]|:\/\/|(?:dot|punkt|point|punto)\s*[\])]?\s*[a-z]{2}/

export function linkHits(folded: FoldedText, context: LintContext): Hit[] {
  const hits: Hit[] = []
  if (!MAYBE_URL.test(folded.text)) return hits
  const own = marketplaceByCode(context.marketplace)?.storefront ?? null
  for (const [spanStart, spanEnd] of linkSpans(folded.text)) {
    const raw = folded.text.slice(spanStart, spanEnd).replace(TRAILING_PUNCTUATION, '')
    const [start, end] = folded.toOriginal(spanStart, spanStart + raw.length)
    const bare = !/^(?:https?|ftp):\/\/|^www\d?\./.test(raw)
    const withoutScheme = raw.replace(/^(?:https?|ftp):\/\//, '')
    const host = (/^[^/?#:]+/.exec(withoutScheme)?.[0] ?? '').replace(/^www\d?\./, '')
    const rest = withoutScheme.slice(withoutScheme.indexOf(host) + host.length).replace(/^:\d+/, '')
    if (bare && !/[/?#]/.test(raw)) {
      // The bare name of an Amazon storefront is the shop's name ("Amazon.de"), not a link.
      if (STOREFRONTS.has(host)) continue
      // "…verschickt.Es" is a missing space, not a domain: real domains are written in lower case.
      if (/\p{Lu}/u.test(folded.original.slice(start, end).split('.').pop() ?? '')) continue
    }
    const isOwn = own !== null && (host === own || host.endsWith(`.${own}`)) && !SHORTENERS.test(host)
    if (!isOwn) {
      hits.push({ ruleId: 'external-link', severity: 'block', start, end, detail: host || raw })
      continue
    }
    const path = rest === '' ? '/' : rest
    if (context.path !== 'email') {
      if (!ORDER_TOPIC_PATH.test(path)) hits.push({ ruleId: 'off-topic-amazon-link', severity: 'block', start, end, detail: raw })
    } else if (PRODUCT_PATH.test(path)) {
      hits.push({ ruleId: 'off-topic-amazon-link', severity: 'warn', start, end, detail: raw })
    }
  }
  return hits
}

const EMAIL_PATTERN = new RegExp(
  [
    '[a-z0-9._%+\\-]+@[a-z0-9\\-]+(?:\\.[a-z0-9\\-]+)*\\.[a-z]{2,}',
    '[a-z0-9._%+\\-]+\\s*[\\[(]\\s*(?:at|@)\\s*[\\])]\\s*[a-z0-9\\-]+(?:\\s*[\\[(]?\\s*(?:dot|\\.)\\s*[\\])]?\\s*[a-z]{2,})+',
    '(?<![\\p{L}\\p{N}])[a-z0-9._\\-]+\\s+at\\s+(?:gmail|googlemail|yahoo|hotmail|outlook|gmx|icloud|qq|163|126|aol|live|msn|proton\\w*|web\\.de)(?![\\p{L}\\p{N}])',
  ].join('|'),
  'gu',
)

const MAYBE_EMAIL = /@|[\[(]\s*at\s*[\])]|\sat\s+(?:gmail|googlemail|yahoo|hotmail|outlook|gmx|icloud|qq|163|126|aol|live|msn|proton|web\.de)/

export function emailHits(folded: FoldedText): Hit[] {
  const hits: Hit[] = []
  if (!MAYBE_EMAIL.test(folded.text)) return hits
  for (const match of folded.text.matchAll(EMAIL_PATTERN)) {
    const [start, end] = folded.toOriginal(match.index, match.index + match[0].length)
    hits.push({ ruleId: 'email-address', severity: 'block', start, end })
  }
  return hits
}

// Runs of digits with phone-like separators; each run is then judged by its shape. The "not inside a word
// or number" check on the character before is done in code: a leading look-behind would run at every offset.
const PHONE_CANDIDATE = /[+(]?\d[\d ()./-]{4,24}\d/g
const BEFORE_PHONE_FORBIDDEN = /[\p{L}\p{N}.,/-]/u
const PHONE_CONTEXT = /(?:tel|phone|call|ruf|anruf|telefon|telephon|appel|chiama|llam|movil|cellulare|handy|mobile|fax|whatsapp|電話|携帯|tel:|致电|电话|手机)[^\n]{0,25}$/u
const AMAZON_ORDER_ID = /^\d{3}-\d{7}-\d{7}$/
const DATE_LIKE = /^(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}[./-]\d{4})$/
const NANP = /^(?:\+?1[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}$/
const SPANISH_MOBILE_OR_LANDLINE = /^[6789]\d{2}(?: \d{2}){3}$|^[6789]\d{2}(?: \d{3}){2}$/

function looksLikePhone(candidate: string, before: string): boolean {
  const digits = candidate.replace(/\D/g, '')
  const groups = candidate.split(/[^\d]+/).filter((g) => g !== '')
  if (AMAZON_ORDER_ID.test(candidate) || DATE_LIKE.test(candidate)) return false
  if (/^\s*(?:\+|00)/.test(candidate)) {
    const international = candidate.trimStart().startsWith('+') ? digits : digits.slice(2)
    return international.length >= 8 && international.length <= 15
  }
  if (NANP.test(candidate) || SPANISH_MOBILE_OR_LANDLINE.test(candidate)) return true
  if (/^\(\d{2,5}\)/.test(candidate) && digits.length >= 8 && digits.length <= 12) return true
  // Trunk-prefix numbers: DE 030 1234567, FR 01 23 45 67 89, UK 020 7946 0958, JP 03-1234-5678.
  if (digits.startsWith('0') && groups.length >= 2 && digits.length >= 9 && digits.length <= 11) return true
  return PHONE_CONTEXT.test(before) && digits.length >= 6 && digits.length <= 15
}

export function phoneHits(folded: FoldedText): Hit[] {
  const hits: Hit[] = []
  for (const match of folded.text.matchAll(PHONE_CANDIDATE)) {
    if (match.index > 0 && BEFORE_PHONE_FORBIDDEN.test(folded.text[match.index - 1] ?? '')) continue
    if (/\d/.test(folded.text[match.index + match[0].length] ?? '')) continue
    const candidate = match[0].replace(/[\s()./-]+$/, '')
    const leading = candidate.length - candidate.trimStart().length
    const before = folded.text.slice(Math.max(0, match.index - 30), match.index)
    if (!looksLikePhone(candidate.trim(), before)) continue
    const [start, end] = folded.toOriginal(match.index + leading, match.index + candidate.length)
    hits.push({ ruleId: 'phone-number', severity: 'block', start, end })
  }
  return hits
}

const HTML_PATTERN = /<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>|&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});/g
// ©, ®, ™, ℹ and plain arrows are Extended_Pictographic in Unicode but ordinary in product text.
const EMOJI_PATTERN = /(?![©®™ℹ↔↕↖↗↘↙↩↪])[\p{Extended_Pictographic}\p{Regional_Indicator}]|[\u{1F3FB}-\u{1F3FF}]/gu
const MAYBE_EMOJI = /[\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2b55\u3030\u303d\u3297\u3299\ud83c-\ud83e]/
const EMOTICON_PATTERN = /[:;=]-?[)(DPp](?![\p{L}\p{N}])|\^_?\^|\(\s*[\^＾][^()]{0,4}[\^＾]\s*\)|<3(?![\p{N}])|\bxD\b/gu
const GIF_PATTERN = /\b(?:gifs?|giphy)\b|tenor\.com|\.gif\b/g
const LINE_BREAKS_PATTERN = /(?:\r\n|\r|\n)(?:[ \t\u00A0\u3000]*(?:\r\n|\r|\n)){2,}/g
const PLACEHOLDER_PATTERN = /\{\{[^{}\n]{0,60}\}\}|\$\{[^{}\n]{0,60}\}|\{\s*[a-zA-Z_][\w.]{0,40}\s*\}|%[sd](?![\p{L}\p{N}])|\[\s*(?:buyer|customer|client|name|your name|order|tracking|date|product|vorname|nom|nome|nombre)[^\]\n]{0,30}\]/giu

function collect(text: string, pattern: RegExp, make: (start: number, end: number, match: string) => Hit | null): Hit[] {
  const hits: Hit[] = []
  for (const match of text.matchAll(pattern)) {
    const hit = make(match.index, match.index + match[0].length, match[0])
    if (hit) hits.push(hit)
  }
  return hits
}

export function shapeHits(original: string, folded: FoldedText): Hit[] {
  return [
    ...(/[<&]/.test(original) ? collect(original, HTML_PATTERN, (start, end, m) => ({ ruleId: 'html', severity: 'block', start, end, detail: m })) : []),
    ...(!MAYBE_EMOJI.test(original) ? [] : collect(original, EMOJI_PATTERN, (start, end, m) => ({ ruleId: 'emoji-gif', severity: 'block', start, end, detail: m }))),
    ...collect(original, EMOTICON_PATTERN, (start, end, m) => ({ ruleId: 'emoji-gif', severity: 'block', start, end, detail: m })),
    ...collect(folded.text, GIF_PATTERN, (s, e, m) => {
      const [start, end] = folded.toOriginal(s, e)
      return { ruleId: 'emoji-gif', severity: 'block', start, end, detail: m }
    }),
    ...collect(original, LINE_BREAKS_PATTERN, (start, end) => ({ ruleId: 'line-breaks', severity: 'block', start, end })),
    ...(/[{%[]/.test(original) ? collect(original, PLACEHOLDER_PATTERN, (start, end, m) => ({ ruleId: 'unresolved-placeholder', severity: 'block', start, end, detail: m })) : []),
  ]
}
