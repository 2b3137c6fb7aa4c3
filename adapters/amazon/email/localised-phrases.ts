// The wording Amazon and common mail clients use around a buyer's text, per language. Amazon changes these
// templates without notice, so every list is matched loosely (case-insensitive, extra spaces allowed) and a
// miss degrades to "more boilerplate kept", never to a lost message.

/** The words between the dashes of Amazon's "------------- Begin message -------------" line. */
export const BEGIN_MARKER_WORDS: readonly string[] = [
  'begin message',
  'beginn der nachricht',
  'nachricht beginnt',
  'début du message',
  'debut du message',
  'inizio messaggio',
  'inizio del messaggio',
  'inicio del mensaje',
  'início da mensagem',
  'inicio da mensagem',
  'begin bericht',
  'begin van bericht',
  'meddelandet börjar',
  'början av meddelandet',
  'początek wiadomości',
  'mesaj başlangıcı',
  'mesajın başlangıcı',
  'メッセージはここから',
  'メッセージ開始',
]

export const END_MARKER_WORDS: readonly string[] = [
  'end message',
  'end of message',
  'ende der nachricht',
  'nachricht endet',
  'fin du message',
  'fine messaggio',
  'fine del messaggio',
  'fin del mensaje',
  'fim da mensagem',
  'einde bericht',
  'einde van bericht',
  'meddelandet slutar',
  'slut på meddelandet',
  'koniec wiadomości',
  'mesaj sonu',
  'mesajın sonu',
  'メッセージはここまで',
  'メッセージ終了',
]

/** Lines that open a quoted earlier message ("On … wrote:"), tested on one line or two joined lines. */
export const QUOTE_HEADER_PATTERNS: readonly RegExp[] = [
  /^On\s.+\swrote\s?:\s*$/i,
  /^Am\s.+\sschrieb\b.*:\s*$/i,
  /^Le\s.+\sa\s+écrit\s?:\s*$/i,
  /^Il\s.+\sha\s+scritto\s?:\s*$/i,
  /^El\s.+\sescribió\s?:\s*$/i,
  /^Em\s.+\sescreveu\s?:\s*$/i,
  /^Op\s.+\sschreef\b.*:\s*$/i,
  /^Den\s.+\sskrev\b.*:\s*$/i,
  /^W\s+dniu\s.+\snapisał(?:\(a\))?\s?:\s*$/i,
  /^.+\sşunu\s+yazdı\s?:\s*$/i,
  /^.+書きました\s*[:：]?\s*$/,
]

/** Separator lines mail clients put above a quoted or forwarded message. */
export const ORIGINAL_MESSAGE_SEPARATOR =
  /^\s*[-_=]{2,}\s*(?:original message|forwarded message|ursprüngliche nachricht|weitergeleitete nachricht|message d'origine|message d’origine|message transféré|messaggio originale|messaggio inoltrato|mensaje original|mensaje reenviado|mensagem original|oorspronkelijk bericht|ursprungligt meddelande|oryginalna wiadomość|orijinal mesaj|元のメッセージ|転送メッセージ)\s*[-_=]{2,}\s*$/i

/** An Outlook-style header block of a quoted message: a "From:" line soon followed by a "Sent:"/"Date:" line. */
export const QUOTED_FROM_LINE = /^\s*\*?(?:From|Von|De|Da|Van|Från|Od|Kimden|差出人|送信者)\s*\*?\s*[:：]\s*\S/i
export const QUOTED_SENT_LINE =
  /^\s*\*?(?:Sent|Date|Gesendet|Datum|Envoyé|Date d'envoi|Inviato|Data|Enviado|Fecha|Verzonden|Skickat|Wysłano|Gönderildi|Tarih|送信日時|日付)\s*\*?\s*[:：]\s*\S/i

/** Mobile-client signatures; the buyer's text ends before them. */
export const DEVICE_SIGNATURE =
  /^\s*(?:sent from my\s|sent from (?:mail|outlook|yahoo)|get outlook for\s|von meinem .+ gesendet|gesendet von meinem\s|envoyé de mon\s|envoyé depuis mon\s|inviato da (?:il mio\s|iphone|ipad|android|samsung|outlook|libero|yahoo)|enviado desde mi\s|enviado do meu\s|verzonden (?:vanaf|met) mijn\s|skickat från min\s|wysłane z mojego\s|.+ cihazımdan gönderildi|.+(?:から送信|より送信)\s*$)/i

/** Amazon boilerplate that follows the buyer's text; used when the end marker is missing. */
export const BOILERPLATE_START =
  /^\s*(?:for your information\s*:|to respond to this customer|to reply to this customer|was this e-?mail helpful|\[commMgrTok:|zur information\s*:|zu ihrer information\s*:|um diesem kunden zu antworten|pour votre information\s*:|pour information\s*:|pour répondre à ce client|per tua informazione\s*:|per informazione\s*:|per rispondere a questo cliente|para su información\s*:|para tu información\s*:|para responder a este cliente|para sua informação\s*:|ter informatie\s*:|för din information\s*:|dla twojej informacji\s*:|bilginize\s*:|ご参考\s*[:：]|このお客様に返信|このメールに返信)/i

/** Display-name suffixes Amazon adds to the buyer's name ("Anna - Amazon Marketplace"). */
export const DISPLAY_NAME_SUFFIX =
  /(?:\s*[-–—|]\s*(?:via\s+)?|\s+via\s+)amazon(?:\.[a-z.]+)?\s*(?:marketplace|marktplatz|marketplace-kunde|marché|marketplace amazon|mercado|mercato|marktplaats|marknadsplats|pazaryeri|マーケットプレイス|マーケットプレース)?\s*$/i

/** Labels of the order-details lines above the buyer's text. */
export const PRODUCT_TITLE_LABEL =
  /^\s*(?:product(?:\s+name)?|item|title|artikel(?:bezeichnung)?|produkt(?:name)?|produit|article|articolo|prodotto|producto|artículo|produto|productnaam|ürün(?:\s+adı)?|商品名|商品)\s*[:：]\s*(.+?)\s*$/i
