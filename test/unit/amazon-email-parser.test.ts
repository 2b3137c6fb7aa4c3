// Behaviour of the buyer-message parser beyond the corpus: options, localised quote headers, name suffixes,
// HTML conversion, attachment limits, and that bad input never throws.

import { describe, expect, it } from 'vitest'
import { cleanDisplayName } from '../../adapters/amazon/email/mail-headers.ts'
import { htmlToPlainText } from '../../adapters/amazon/email/html-text.ts'
import { parseAmazonBuyerEmail } from '../../adapters/amazon/email/parse-buyer-email.ts'
import type { BuyerMessage, ParseResult } from '../../src/domain/message.ts'

const ALIAS = 'abcdefgh12345678+0a0b0c0d@marketplace.amazon.de'

function rawMail(body: string, extraHeaders: string[] = [], from = `"Tester - Amazon Marketplace" <${ALIAS}>`): Buffer {
  return Buffer.from(
    [
      'Date: Tue, 03 Mar 2026 10:00:00 +0000',
      `From: ${from}`,
      'To: support@seller.example',
      'Subject: Anfrage von Amazon-Kunde Tester (Bestellung: 302-1111111-2222222)',
      'Message-ID: <unit@email.amazonses.com>',
      ...extraHeaders,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      body.replace(/\n/g, '\r\n'),
    ].join('\r\n'),
    'utf8',
  )
}

const inBlock = (text: string): string =>
  `Bestellnummer: 302-1111111-2222222\n\n------------- Beginn der Nachricht -------------\n\n${text}\n\n------------- Ende der Nachricht -------------\n`

function expectMessage(result: ParseResult): BuyerMessage {
  if (result.kind !== 'buyer-message') throw new Error(`expected a buyer message, got ${JSON.stringify(result)}`)
  return result.message
}

const parse = (raw: Buffer, maxAttachmentBytes = 1000) => parseAmazonBuyerEmail(raw, { maxAttachmentBytes })

describe('quoted history in every supported language is cut', () => {
  const quoteHeaders = [
    'On Mon, 2 Mar 2026 at 09:00, Shop <s@seller.example> wrote:',
    'Am 02.03.2026 um 09:00 schrieb Shop <s@seller.example>:',
    'Le lun. 2 mars 2026 à 09:00, Shop <s@seller.example> a écrit :',
    'Il giorno lun 2 mar 2026 alle ore 09:00 Shop <s@seller.example> ha scritto:',
    'El lun, 2 mar 2026 a las 9:00, Shop (<s@seller.example>) escribió:',
    'Em seg., 2 de mar. de 2026 às 09:00, Shop <s@seller.example> escreveu:',
    'Op ma 2 mrt 2026 om 09:00 schreef Shop <s@seller.example>:',
    'Den 2 mars 2026 kl. 09:00 skrev Shop <s@seller.example>:',
    'W dniu 2.03.2026 o 09:00 Shop <s@seller.example> napisał(a):',
    '2 Mar 2026 Pzt, 09:00 tarihinde Shop <s@seller.example> şunu yazdı:',
    '2026年3月2日(月) 9:00 Shop <s@seller.example>が書きました:',
    '-----Ursprüngliche Nachricht-----',
    '--- Original message ---',
    '________________________________',
  ]
  it.each(quoteHeaders)('%s', async (header) => {
    const message = expectMessage(await parse(rawMail(inBlock(`Wo bleibt die Ware?\n\n${header}\n> Wir haben versendet.\nalte Zeile`))))
    expect(message.text).toBe('Wo bleibt die Ware?')
  })

  it('joins a quote header wrapped over two lines', async () => {
    const body = inBlock('Danke!\n\nOn Mon, 2 Mar 2026 at 09:00, A Very Long Shop Name - Amazon Marketplace\n<s@seller.example> wrote:\n> old')
    expect(expectMessage(await parse(rawMail(body))).text).toBe('Danke!')
  })

  it('keeps a buyer line that merely starts like a quote header', async () => {
    const body = inBlock('On Monday the parcel was still not here.\nAm Dienstag auch nicht.')
    expect(expectMessage(await parse(rawMail(body))).text).toBe('On Monday the parcel was still not here.\nAm Dienstag auch nicht.')
  })

  it('drops interleaved ">" lines but keeps the buyer lines around them', async () => {
    const body = inBlock('> Welche Farbe?\nSchwarz bitte.')
    expect(expectMessage(await parse(rawMail(body))).text).toBe('Schwarz bitte.')
  })
})

describe('signatures', () => {
  it.each(['Von meinem iPhone gesendet', 'Sent from my iPad', 'Envoyé de mon iPhone', 'Inviato da iPhone', 'Enviado desde mi móvil', 'iPhoneから送信'])(
    'cuts "%s"',
    async (signature) => {
      expect(expectMessage(await parse(rawMail(inBlock(`Bitte stornieren.\n\n${signature}`)))).text).toBe('Bitte stornieren.')
    },
  )

  it('cuts at the "-- " signature delimiter', async () => {
    expect(expectMessage(await parse(rawMail(inBlock('Bitte stornieren.\n-- \nMax Mustermann\nTel. 0123')))).text).toBe('Bitte stornieren.')
  })
})

describe('display names', () => {
  it.each([
    ['Anna - Amazon Marketplace', 'Anna'],
    ['"Anna Schmidt - Amazon Marketplace"', 'Anna Schmidt'],
    ['Anna – Amazon.de Marketplace', 'Anna'],
    ['佐藤 - Amazon マーケットプレイス', '佐藤'],
    ['José via Amazon', 'José'],
    ['Anna', 'Anna'],
    [' - Amazon Marketplace', null],
    ['', null],
    [undefined, null],
  ])('%s → %s', (name, expected) => {
    expect(cleanDisplayName(name)).toBe(expected)
  })
})

describe('HTML bodies', () => {
  it('keeps line structure, decodes entities and drops styles and scripts', () => {
    const html =
      '<html><head><style>p{color:red}</style><script>alert(1)</script></head><body><p>Hallo&nbsp;Welt &amp; &#8364;5 &#x263A;</p><div>Zeile 1<br/>Zeile   2</div><ul><li>a</li><li>b</li></ul><!-- hidden --></body></html>'
    expect(htmlToPlainText(html)).toBe('Hallo Welt & €5 ☺\n\nZeile 1\nZeile 2\n\na\n\nb')
  })

  it('reads the HTML part when the text part lacks the markers', async () => {
    const raw = Buffer.from(
      [
        `From: "Tester - Amazon Marketplace" <${ALIAS}>`,
        'Subject: Anfrage (Bestellung: 302-1111111-2222222)',
        'Message-ID: <alt@x>',
        'Date: Tue, 03 Mar 2026 10:00:00 +0000',
        'MIME-Version: 1.0',
        'Content-Type: multipart/alternative; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Diese Nachricht ist nur als HTML lesbar.',
        '--b',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>------------- Beginn der Nachricht -------------</p><p>Ist die Lieferung <b>versichert</b>?</p><p>------------- Ende der Nachricht -------------</p>',
        '--b--',
        '',
      ].join('\r\n'),
    )
    expect(expectMessage(await parse(raw)).text).toBe('Ist die Lieferung versichert?')
  })
})

describe('attachments and options', () => {
  const withAttachment = (bytes: number): Buffer =>
    Buffer.from(
      [
        `From: "Tester - Amazon Marketplace" <${ALIAS}>`,
        'Subject: Foto (Bestellung: 302-1111111-2222222)',
        'Message-ID: <att@x>',
        'Date: Tue, 03 Mar 2026 10:00:00 +0000',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="m"',
        '',
        '--m',
        'Content-Type: text/plain; charset=utf-8',
        '',
        inBlock('Foto anbei.').replace(/\n/g, '\r\n'),
        '--m',
        'Content-Type: image/JPEG',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.alloc(bytes, 7).toString('base64'),
        '--m--',
        '',
      ].join('\r\n'),
    )

  it('keeps content up to and including the limit, metadata always', async () => {
    const atLimit = expectMessage(await parse(withAttachment(1000), 1000)).attachments
    expect(atLimit).toEqual([{ filename: 'attachment-1', contentType: 'image/jpeg', size: 1000, content: new Uint8Array(1000).fill(7) }])
    const overLimit = expectMessage(await parse(withAttachment(1001), 1000)).attachments
    expect(overLimit).toEqual([{ filename: 'attachment-1', contentType: 'image/jpeg', size: 1001, content: null }])
  })

  it('uses receivedAt when given, else the Date header', async () => {
    const receivedAt = new Date('2026-04-01T00:00:00Z')
    expect(expectMessage(await parseAmazonBuyerEmail(rawMail(inBlock('Hallo?')), { maxAttachmentBytes: 0, receivedAt })).receivedAt).toEqual(receivedAt)
    expect(expectMessage(await parse(rawMail(inBlock('Hallo?')))).receivedAt).toEqual(new Date('2026-03-03T10:00:00Z'))
  })

  it('falls back to the current time when there is neither', async () => {
    const raw = Buffer.from(rawMail(inBlock('Hallo?')).toString('utf8').replace(/^Date: .*\r\n/m, ''))
    const before = Date.now()
    const receivedAt = expectMessage(await parse(raw)).receivedAt.getTime()
    expect(receivedAt).toBeGreaterThanOrEqual(before)
    expect(receivedAt).toBeLessThanOrEqual(Date.now())
  })

  it('collects references from References and In-Reply-To once each, without brackets', async () => {
    const raw = rawMail(inBlock('Und?'), ['References: <a@x> <b@x>', 'In-Reply-To: <b@x>'])
    expect(expectMessage(await parse(raw)).references).toEqual(['a@x', 'b@x'])
  })

  it('lower-cases the alias so one buyer stays one buyer', async () => {
    const raw = rawMail(inBlock('Hallo?'), [], `"Tester - Amazon Marketplace" <${ALIAS.toUpperCase()}>`)
    expect(expectMessage(await parse(raw)).buyerAlias).toBe(ALIAS)
  })
})

describe('marker wording we do not know', () => {
  const block = 'Order 405-1111111-2222222\n\n------------- بداية الرسالة -------------\n\nمتى يصل؟\n\n------------- نهاية الرسالة -------------\nfooter'

  it('trusts an Amazon-shaped dashed pair from a buyer alias', async () => {
    const raw = rawMail(block, [], '"Ahmed - Amazon Marketplace" <x1y2z3+00000000@marketplace.amazon.ae>')
    const message = expectMessage(await parse(raw))
    expect([message.marketplace, message.text]).toEqual(['AE', 'متى يصل؟'])
  })

  it('does not take dashed lines alone as a sign of Amazon', async () => {
    const result = await parse(rawMail(block, [], 'Someone <someone@example.org>'))
    expect(result).toEqual({
      kind: 'not-amazon',
      reason: 'sender domain example.org is not a marketplace.amazon.* buyer alias and the body has no Amazon message markers',
    })
  })
})

describe('bad input never throws', () => {
  it.each([
    ['empty', Buffer.alloc(0)],
    ['binary noise', Buffer.from([0, 1, 2, 255, 254, 13, 10, 0xc3, 0x28, 0])],
    ['headers only', Buffer.from('From: x\r\n')],
    ['unknown charset', rawMail(inBlock('Hallo?')).toString('utf8').replace('charset=utf-8', 'charset=x-no-such-charset')],
  ])('%s', async (_name, raw) => {
    const result = await parse(Buffer.isBuffer(raw) ? raw : Buffer.from(raw))
    expect(['buyer-message', 'not-amazon', 'unparseable']).toContain(result.kind)
  })

  it('names every missing essential at once', async () => {
    const raw = Buffer.from('From: Staff <staff@seller.example>\r\nSubject: Fwd\r\n\r\n------------- Begin message -------------\r\n\r\n------------- End message -------------\r\n')
    const result = await parse(raw)
    expect(result).toEqual({
      kind: 'unparseable',
      sourceMessageId: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      error:
        "missing buyer alias (no …@marketplace.amazon.* address in From, Reply-To or Sender); buyer text (nothing of the buyer's between the message markers)",
    })
  })
})
