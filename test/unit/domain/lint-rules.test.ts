import { describe, expect, it } from 'vitest'
import { isSendable, lint } from '../../../src/domain/compliance/lint.ts'
import type { LintContext, LintRuleId } from '../../../src/domain/compliance/types.ts'
import type { ReplyPath } from '../../../src/domain/vocabulary.ts'

const ORDER = '303-1234567-1234567'
const MARKETPLACE: Record<string, string> = { en: 'US', de: 'DE', fr: 'FR', it: 'IT', es: 'ES', ja: 'JP', zh: 'US' }

function context(lang: string, path: ReplyPath = 'email'): LintContext {
  return { path, buyerLanguage: lang, marketplace: MARKETPLACE[lang] ?? 'US', orderId: ORDER }
}

/** [rule, severity, language, text (carrying the order id), the exact text the finding must point at] */
type Case = [LintRuleId, 'block' | 'warn', string, string, string]

const cases: Case[] = [
  ['external-link', 'block', 'en', `Order ${ORDER}: see http://bit.ly/abc`, 'http://bit.ly/abc'],
  ['external-link', 'block', 'de', `Bestellung ${ORDER}: Infos auf lumora-shop.de.`, 'lumora-shop.de'],
  ['external-link', 'block', 'fr', `Commande ${ORDER} : voir https://www.amazon.de/gp/help`, 'https://www.amazon.de/gp/help'],
  ['external-link', 'block', 'it', `Ordine ${ORDER}: guardi ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ`, 'ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ'],
  ['external-link', 'block', 'es', `Pedido ${ORDER}: visite tienda-lumora [dot] com`, 'tienda-lumora [dot] com'],
  ['external-link', 'block', 'ja', `ご注文番号 ${ORDER} の詳細は lumora.jp/help をご覧ください。`, 'lumora.jp/help'],
  ['off-topic-amazon-link', 'warn', 'en', `Order ${ORDER}: the matching shade is https://www.amazon.com/dp/B0C7X2Q9LM`, 'https://www.amazon.com/dp/B0C7X2Q9LM'],
  ['email-address', 'block', 'en', `Order ${ORDER}: mail me at tom.lee+shop@example.co.uk`, 'tom.lee+shop@example.co.uk'],
  ['email-address', 'block', 'de', `Bestellung ${ORDER}: schreiben Sie an service [at] lumora.de`, 'service [at] lumora.de'],
  ['email-address', 'block', 'ja', `ご注文番号 ${ORDER} の件は ｓｕｐｐｏｒｔ＠ｌｕｍｏｒａ．ｊｐ まで。`, 'ｓｕｐｐｏｒｔ＠ｌｕｍｏｒａ．ｊｐ'],
  ['phone-number', 'block', 'en', `Order ${ORDER}: call 1-800-555-0199.`, '1-800-555-0199'],
  ['phone-number', 'block', 'de', `Bestellung ${ORDER}: Tel. 0049 30 1234567`, '0049 30 1234567'],
  ['phone-number', 'block', 'fr', `Commande ${ORDER} : appelez le 06.12.34.56.78`, '06.12.34.56.78'],
  ['phone-number', 'block', 'it', `Ordine ${ORDER}: telefono 3331234567`, '3331234567'],
  ['phone-number', 'block', 'es', `Pedido ${ORDER}: llame al +34 912 345 678`, '+34 912 345 678'],
  ['phone-number', 'block', 'ja', `ご注文番号 ${ORDER} はフリーダイヤル 0120-123-456 まで。`, '0120-123-456'],
  ['html', 'block', 'en', `Order ${ORDER}&nbsp;has shipped.`, '&nbsp;'],
  ['html', 'block', 'de', `Bestellung ${ORDER} <a href="x">hier</a>`, '<a href="x">'],
  ['emoji-gif', 'block', 'en', `Order ${ORDER} is here 🇺🇸`, '🇺'],
  ['emoji-gif', 'block', 'de', `Bestellung ${ORDER} ist da ;-)`, ';-)'],
  ['emoji-gif', 'block', 'ja', `ご注文番号 ${ORDER} は発送済みです👍🏻`, '👍'],
  ['review-manipulation', 'block', 'en', `Order ${ORDER}: a 5-star rating would mean a lot.`, '5-star'],
  ['review-manipulation', 'block', 'en', `Order ${ORDER}: could you please change your review?`, 'change your review'],
  ['review-manipulation', 'block', 'en', `Thanks for your order ${ORDER}, please leave a positive review.`, 'positive review'],
  ['review-manipulation', 'block', 'de', `Bestellung ${ORDER}: könnten Sie die Bewertung bitte löschen?`, 'Bewertung bitte löschen'],
  ['review-manipulation', 'block', 'fr', `Commande ${ORDER} : pourriez-vous supprimer votre avis ?`, 'supprimer votre avis'],
  ['review-manipulation', 'block', 'it', `Ordine ${ORDER}: ci lasci cinque stelle!`, 'cinque stelle'],
  ['review-manipulation', 'block', 'es', `Pedido ${ORDER}: ¿podría retirar su opinión negativa?`, 'retirar su opinión'],
  ['review-manipulation', 'block', 'ja', `ご注文番号 ${ORDER} の評価を変更していただけますか。`, '評価を変更'],
  ['review-manipulation', 'block', 'zh', `订单 ${ORDER}，麻烦给个好评。`, '好评'],
  ['review-manipulation', 'block', 'zh', `订单 ${ORDER}，请删除您的差评。`, '删除您的差评'],
  ['review-request', 'warn', 'en', `Order ${ORDER}: we would appreciate your feedback on Amazon.`, 'appreciate your feedback'],
  ['review-request', 'warn', 'de', `Bestellung ${ORDER}: Hinterlassen Sie gern eine Rezension.`, 'Hinterlassen Sie gern eine Rezension'],
  ['review-request', 'warn', 'zh', `订单 ${ORDER}，希望您留下评价。`, '留下评价'],
  ['review-incentive', 'block', 'en', `Order ${ORDER}: we offer a free bulb in exchange for your review.`, 'free'],
  ['review-incentive', 'block', 'de', `Bestellung ${ORDER}: Wir erstatten 5 €, wenn Sie eine Bewertung schreiben.`, 'erstatten'],
  ['review-incentive', 'block', 'zh', `订单 ${ORDER}，留下评价即可返现5元。`, '返现'],
  ['marketing', 'block', 'en', `Order ${ORDER}: our Black Friday promotion starts today.`, 'promotion'],
  ['marketing', 'block', 'fr', `Commande ${ORDER} : -30 % de réduction avec ce bon de réduction.`, '30 % de réduction'],
  ['marketing', 'block', 'it', `Ordine ${ORDER}: i saldi iniziano domani.`, 'saldi'],
  ['marketing', 'block', 'ja', `ご注文番号 ${ORDER} のお客様限定セールを開催中です。`, 'セール'],
  ['marketing', 'block', 'zh', `订单 ${ORDER}，本店新品八折促销。`, '新品'],
  ['off-amazon-contact', 'block', 'en', `Order ${ORDER}: follow @lumora_home for updates.`, '@lumora_home'],
  ['off-amazon-contact', 'block', 'de', `Bestellung ${ORDER}: Schreiben Sie uns außerhalb von Amazon.`, 'außerhalb von Amazon'],
  ['off-amazon-contact', 'block', 'es', `Pedido ${ORDER}: visite nuestra página web.`, 'nuestra página web'],
  ['off-amazon-contact', 'block', 'ja', `ご注文番号 ${ORDER} はホームページからもご確認いただけます。`, 'ホームページ'],
  ['off-amazon-contact', 'block', 'zh', `订单 ${ORDER}，请加我微信。`, '加我'],
  ['line-breaks', 'block', 'en', `Order ${ORDER}\r\n\r\n\r\nThanks`, '\r\n\r\n\r\n'],
  ['line-breaks', 'block', 'ja', `ご注文番号 ${ORDER}\n　\n\nありがとうございます。`, '\n　\n\n'],
  ['unresolved-placeholder', 'block', 'en', `Hello [Customer Name], order ${ORDER} shipped.`, '[Customer Name]'],
  ['unresolved-placeholder', 'block', 'de', `Guten Tag {{ buyerName }}, Bestellung ${ORDER}.`, '{{ buyerName }}'],
]

describe('lint rules', () => {
  it.each(cases)('%s (%s) in %s: %j', (ruleId, severity, lang, text, span) => {
    const findings = lint(text, context(lang))
    const hit = findings.find((f) => f.ruleId === ruleId && f.severity === severity)
    expect(hit, JSON.stringify(findings)).toBeDefined()
    expect(text.slice(hit?.start, hit?.end)).toBe(span)
    expect(hit?.message_en.length).toBeGreaterThan(10)
    expect(hit?.message_zh).toMatch(/\p{Script=Han}/u)
  })

  /** Texts that must not produce the named rule at all. */
  const clean: [LintRuleId, string, string][] = [
    ['external-link', 'en', `Order ${ORDER} was placed on Amazon.com and Amazon.co.uk sells it too.`],
    ['external-link', 'de', `Die Bestellung ${ORDER} wurde verschickt.Es kommt morgen.`],
    ['external-link', 'es', `El pedido ${ORDER} le espera en el punto de recogida.`],
    ['external-link', 'it', `L'ordine ${ORDER} contiene il prodotto giusto.`],
    ['email-address', 'en', `Order ${ORDER}: we looked at the item and will write to you here.`],
    ['phone-number', 'en', `Order ${ORDER}, tracking 1Z999AA10123456784 and 9400 1118 9922 3344 5566 77, $1,299.00, 11/24/2026.`],
    ['phone-number', 'de', `Bestellung ${ORDER} vom 03.11.2026, Sendung 00340434161094042557, Betrag 1.299,00 €, Artikel 4006381333931.`],
    ['phone-number', 'ja', `ご注文番号 ${ORDER}、伝票番号 1234-5678-9012、2026-11-24 発送、1,980円。`],
    ['emoji-gif', 'en', `Order ${ORDER}: Lumora™ lamp, © 2026, 10:30 to 12:00 (see note 3).`],
    ['review-manipulation', 'fr', `Commande ${ORDER} : si vous changez d'avis, vous pouvez retourner l'article.`],
    ['review-manipulation', 'es', `Pedido ${ORDER}: si cambia de opinión, puede devolverlo.`],
    ['review-manipulation', 'en', `Thank you so much for the positive feedback on order ${ORDER}.`],
    ['review-request', 'en', `Order ${ORDER}: the exchange rate of your order depends on your bank.`],
    ['review-request', 'en', `Order ${ORDER}: we will review your photos and refund you if you prefer.`],
    ['review-request', 'fr', `Commande ${ORDER} : le livreur a laissé un avis de passage.`],
    ['review-incentive', 'en', `Order ${ORDER}: thank you for your feedback. We have issued a refund.`],
    ['marketing', 'it', `Ordine ${ORDER}: lo scontrino è nel pacco.`],
    ['marketing', 'fr', `Commande ${ORDER} : la remise du colis est prévue demain.`],
    ['marketing', 'en', `Order ${ORDER}: the adapter is compatible with other products of this size.`],
    ['off-amazon-contact', 'de', `Das war ein Fehler auf unserer Seite, Bestellung ${ORDER}.`],
    ['off-amazon-contact', 'en', `Order ${ORDER}: the line on the label shows your address.`],
    ['line-breaks', 'en', `Order ${ORDER}\n\nThanks\n\nMei`],
    ['unresolved-placeholder', 'en', `Order ${ORDER}: the [Important] note is in the subject.`],
  ]

  it.each(clean)('%s stays quiet in %s: %j', (ruleId, lang, text) => {
    expect(lint(text, context(lang)).filter((f) => f.ruleId === ruleId)).toEqual([])
  })
})

describe('context rules', () => {
  it('requires the context order id, and only warns when none is known', () => {
    expect(lint('Your parcel is on its way.', context('en')).map((f) => [f.ruleId, f.severity])).toEqual([['missing-order-id', 'block']])
    const unknown = { ...context('en'), orderId: null }
    expect(lint('Your parcel is on its way.', unknown).map((f) => [f.ruleId, f.severity])).toEqual([['missing-order-id', 'warn']])
    expect(lint(`Order ${ORDER} is on its way.`, unknown)).toEqual([])
  })

  it.each([
    ['email', 2000],
    ['spapi:confirmOrderDetails', 2000],
    ['spapi:confirmDeliveryDetails', 2000],
    ['spapi:unexpectedProblem', 2000],
    ['spapi:confirmServiceDetails', 2000],
    ['spapi:confirmCustomizationDetails', 800],
    ['spapi:digitalAccessKey', 400],
  ] as const)('%s allows %i characters and not one more', (path, limit) => {
    const fill = (n: number) => `Order ${ORDER}. ${'x'.repeat(n - ORDER.length - 8)}`
    expect(fill(limit)).toHaveLength(limit)
    expect(lint(fill(limit), context('en', path)).filter((f) => f.ruleId === 'length-limit')).toEqual([])
    const over = lint(fill(limit + 1), context('en', path)).filter((f) => f.ruleId === 'length-limit')
    expect(over).toEqual([expect.objectContaining({ severity: 'block', start: limit, end: limit + 1 })])
  })

  it('blocks an empty text', () => {
    expect(lint('  ', context('en')).some((f) => f.ruleId === 'length-limit' && f.severity === 'block')).toBe(true)
  })

  it('allows own-storefront order links on SP-API paths and blocks others', () => {
    const help = `Order ${ORDER}: check https://www.amazon.de/gp/your-account/order-details?orderID=${ORDER}`
    expect(lint(help, { ...context('de', 'spapi:unexpectedProblem'), buyerLanguage: 'en' }).map((f) => f.ruleId)).toEqual([])
    const product = `Order ${ORDER}: see https://www.amazon.de/dp/B0C7X2Q9LM`
    expect(lint(product, { ...context('de', 'spapi:unexpectedProblem'), buyerLanguage: 'en' }).map((f) => [f.ruleId, f.severity])).toEqual([
      ['off-topic-amazon-link', 'block'],
    ])
  })

  it('warns on one foreign sentence and blocks a text mostly in another language', () => {
    const mixed = `Guten Tag, Ihre Bestellung ${ORDER} ist heute bei uns eingegangen und wird morgen mit DHL verschickt. Wir melden uns, sobald die Sendungsnummer vorliegt, und danken Ihnen für Ihre Geduld. Thank you for your order and have a nice day.`
    const findings = lint(mixed, context('de'))
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['language-mismatch', 'warn']])
    expect(mixed.slice(findings[0]?.start, findings[0]?.end)).toBe('Thank you for your order and have a nice day.')
    const english = `Thank you for your order ${ORDER}. It will be shipped with DHL tomorrow and we will send you the tracking number.`
    expect(lint(english, context('de')).map((f) => [f.ruleId, f.severity])).toEqual([['language-mismatch', 'block']])
    expect(lint(english, context('ja')).map((f) => [f.ruleId, f.severity])).toEqual([['language-mismatch', 'block']])
  })

  it('leaves languages it has no word lists for alone', () => {
    expect(lint(`Bedankt voor uw bestelling ${ORDER}, het pakket is onderweg naar u.`, { ...context('en'), buyerLanguage: 'nl' })).toEqual([])
  })

  it('isSendable is false only with a blocking finding', () => {
    expect(isSendable(lint(`Order ${ORDER}: please leave a review.`, context('en')))).toBe(true)
    expect(isSendable(lint(`Order ${ORDER}: please leave a 5-star review.`, context('en')))).toBe(false)
  })

  it('reports findings in text order with offsets into the original text', () => {
    const text = `Ｏｒｄｅｒ ${ORDER}: Ünser Shop 😀 und call +1 415 555 0199`
    const findings = lint(text, context('en'))
    const starts = findings.map((f) => f.start)
    expect(starts).toEqual([...starts].sort((a, b) => a - b))
    expect(text.slice(findings.find((f) => f.ruleId === 'phone-number')?.start, findings.find((f) => f.ruleId === 'phone-number')?.end)).toBe('+1 415 555 0199')
  })
})
