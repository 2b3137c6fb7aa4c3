import { describe, expect, it } from 'vitest'
import { INTENTS } from '../../../src/domain/vocabulary.ts'
import type { Intent } from '../../../src/domain/vocabulary.ts'
import { classifyIntent } from '../../../src/domain/classify/index.ts'

const cases: Record<Exclude<Intent, 'other'>, Record<'en' | 'de' | 'fr' | 'it' | 'es' | 'ja', string>> = {
  'where-is-my-order': {
    en: 'Can I get the tracking number for my order please?',
    de: 'Wann wird meine Bestellung verschickt?',
    fr: 'Où est mon colis ? Commandé il y a 5 jours.',
    it: 'Qual è lo stato del mio ordine?',
    es: '¿Cuándo llega mi paquete?',
    ja: '商品はいつ発送されますか？',
  },
  'delivery-delay': {
    en: 'My parcel is delayed again, it should have arrived last week.',
    de: 'Die Lieferung ist verspätet, sie sollte gestern ankommen.',
    fr: 'La livraison a pris du retard, elle devait arriver lundi.',
    it: 'La consegna è in ritardo di tre giorni.',
    es: 'El envío tiene mucho retraso.',
    ja: '配送が遅延しているようです。',
  },
  'not-received': {
    en: "The app says delivered but I didn't receive anything.",
    de: 'Ich habe das Paket nie erhalten.',
    fr: "Je n'ai jamais reçu ma commande.",
    it: 'Non ho ricevuto il pacco, risulta consegnato.',
    es: 'No he recibido el paquete y aparece como entregado.',
    ja: '商品をまだ受け取っていません。',
  },
  'damaged-defective': {
    en: 'The screen is cracked and the speaker does not work.',
    de: 'Der Mixer ist kaputt angekommen.',
    fr: "L'écran est fissuré, l'appareil ne s'allume pas.",
    it: 'Il frullatore è difettoso, non si accende.',
    es: 'La lámpara llegó rota.',
    ja: '届いたグラスが割れていました。',
  },
  'wrong-item': {
    en: 'You sent the wrong color, I ordered blue.',
    de: 'Sie haben mir die falsche Farbe geschickt.',
    fr: "J'ai reçu la mauvaise couleur.",
    it: 'Mi è arrivato il colore sbagliato.',
    es: 'Me llegó un color equivocado.',
    ja: '違う色の商品が届きました。',
  },
  'return-request': {
    en: 'I would like to send it back, how does the return work?',
    de: 'Ich möchte die Jacke zurückschicken.',
    fr: 'Je voudrais renvoyer la veste.',
    it: 'Vorrei fare il reso della giacca.',
    es: 'Quiero devolver la chaqueta.',
    ja: 'ジャケットを返品したいです。',
  },
  'refund-status': {
    en: 'When will I be refunded? You got the package back last week.',
    de: 'Wann bekomme ich mein Geld zurück?',
    fr: 'Quand serai-je remboursé ?',
    it: 'Quando arriverà il rimborso?',
    es: '¿Cuándo recibiré el reembolso?',
    ja: '返金はいつになりますか？',
  },
  'cancel-request': {
    en: 'I need to cancel this order.',
    de: 'Bitte die Bestellung stornieren.',
    fr: 'Pouvez-vous annuler la commande ?',
    it: "Vorrei annullare l'ordine.",
    es: 'Quiero cancelar el pedido.',
    ja: '注文を取り消したいです。',
  },
  'product-question': {
    en: 'Does it come with a carrying bag?',
    de: 'Ist das Gerät wasserdicht?',
    fr: 'Le produit est-il étanche ?',
    it: 'Il prodotto è impermeabile?',
    es: '¿El producto es impermeable?',
    ja: 'この商品は防水ですか？',
  },
  'size-compatibility': {
    en: 'Is this charger compatible with a Pixel 8?',
    de: 'Ist das Ladegerät mit dem Pixel 8 kompatibel?',
    fr: 'Ce chargeur est-il compatible avec le Pixel 8 ?',
    it: 'Questo caricatore è compatibile con il Pixel 8?',
    es: '¿Este cargador es compatible con el Pixel 8?',
    ja: 'この充電器はPixel 8に対応していますか？',
  },
  'invoice-request': {
    en: 'Please send me the invoice.',
    de: 'Bitte senden Sie mir die Rechnung.',
    fr: 'Merci de m’envoyer la facture.',
    it: 'Potete mandarmi la fattura?',
    es: 'Envíenme la factura, por favor.',
    ja: '請求書を送ってください。',
  },
  'address-change': {
    en: 'I need to update the delivery address.',
    de: 'Ich möchte die Lieferadresse ändern.',
    fr: "Je veux changer l'adresse de livraison.",
    it: "Devo cambiare l'indirizzo di consegna.",
    es: 'Necesito cambiar la dirección de entrega.',
    ja: '配送先を変更したいです。',
  },
  'feedback-review': {
    en: 'How can I edit the review I wrote?',
    de: 'Wie kann ich meine Bewertung ändern?',
    fr: 'Comment modifier mon avis ?',
    it: 'Come posso modificare la mia recensione?',
    es: '¿Cómo puedo editar mi reseña?',
    ja: 'レビューを修正したいです。',
  },
}

describe('classifyIntent: every intent in every template language', () => {
  const rows = Object.entries(cases).flatMap(([intent, byLanguage]) =>
    Object.entries(byLanguage).map(([language, text]) => ({ intent, language, text })),
  )
  it.each(rows)('$intent ($language): $text', ({ intent, text }) => {
    const result = classifyIntent(text)
    expect(result.intent).toBe(intent)
    expect(result.confidence).toBeGreaterThan(0)
    expect(result.confidence).toBeLessThanOrEqual(1)
  })
})

describe('classifyIntent: tolerance', () => {
  it.each([
    ['REFUNDED? still nothing on my card', 'refund-status'],
    ['i want too cancle... CANCELLED it please', 'cancel-request'],
    ['Das Gerät ist DEFEKT und beschaedigt', 'damaged-defective'],
    ['Rueckerstattung bitte, das Paket ist beschaedigt', 'damaged-defective'],
    ['Wo bleibt die Rueckerstattung?', 'refund-status'],
    ['La BATTERIE est défectueuse', 'damaged-defective'],
    ['annulé? annulez svp', 'cancel-request'],
    ['DEVOLUCION del producto', 'return-request'],
    ['Ｉ ｗａｎｔ ａ ｒｅｆｕｎｄ', 'refund-status'],
    ['ｷｬﾝｾﾙしたい', 'cancel-request'],
    ['Hallo, I never received my parcel', 'not-received'],
  ])('%s → %s', (text, intent) => {
    expect(classifyIntent(text).intent).toBe(intent)
  })
})

describe('classifyIntent: structure', () => {
  it('returns other with no match and a score for every intent', () => {
    const result = classifyIntent('Hello, are you a company based in Shenzhen?')
    expect(result.intent).toBe('other')
    expect(Object.keys(result.scores).sort()).toEqual([...INTENTS].sort())
    expect(result.scores.other).toBe(1)
  })

  it('uses the subject with less weight than the text', () => {
    expect(classifyIntent('Hello, see subject.', 'Return request').intent).toBe('return-request')
    expect(classifyIntent('My order was cancelled but I was charged twice, please cancel the second one', 'Return request').intent).toBe(
      'cancel-request',
    )
  })

  it('does not count a review threat as talking about reviews', () => {
    const result = classifyIntent('The toaster is broken. Fix this or I leave a bad review.')
    expect(result.intent).toBe('damaged-defective')
    expect(result.scores['feedback-review']).toBe(0)
  })

  it('is more confident when one intent dominates', () => {
    const clear = classifyIntent('Where is my order? I need the tracking number.')
    const mixed = classifyIntent('Where is my order? Also the last one was broken.')
    expect(clear.confidence).toBeGreaterThan(mixed.confidence)
  })
})
