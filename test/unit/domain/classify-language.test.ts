import { describe, expect, it } from 'vitest'
import { detectLanguage } from '../../../src/domain/classify/index.ts'

describe('detectLanguage', () => {
  it.each([
    ['Where is my order?', 'en'],
    ['Thanks!', 'en'],
    ['Wo bleibt mein Paket?', 'de'],
    ['Danke!', 'de'],
    ['Merci beaucoup', 'fr'],
    ['Colis pas reçu', 'fr'],
    ['Grazie mille', 'it'],
    ['Non funziona', 'it'],
    ['¿Dónde está mi pedido?', 'es'],
    ['Gracias', 'es'],
    ['まだ届きません', 'ja'],
    ['ありがとう', 'ja'],
    ['返品', 'zh'],
    ['我要退款', 'zh'],
    ['Waar is mijn bestelling?', 'nl'],
    ['Dziękuję bardzo', 'pl'],
    ['Var är mitt paket?', 'sv'],
    ['Siparişim nerede?', 'tr'],
    ['Hallo, the parcel arrived broken, can you help me please?', 'en'],
    ['iPhone 15のケースは在庫ありますか', 'ja'],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(text).language).toBe(language)
  })

  it.each([[''], ['123-4567890-1234567'], ['!!!'], ['Здравствуйте, где мой заказ?'], ['안녕하세요']])(
    'undetermined: %s',
    (text) => {
      const guess = detectLanguage(text)
      expect(guess.language).toBe('und')
      expect(guess.confidence).toBe(0)
    },
  )

  it('gives a higher confidence to a clear sentence than to one word', () => {
    const sentence = detectLanguage('Ich habe die Bestellung nicht erhalten und warte schon seit zwei Wochen.')
    const word = detectLanguage('Merci')
    expect(sentence.confidence).toBeGreaterThan(word.confidence)
    expect(sentence.confidence).toBeLessThanOrEqual(1)
    expect(word.confidence).toBeGreaterThan(0)
  })
})
