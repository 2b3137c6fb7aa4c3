import type { IntentKeywordTable } from './types.ts'

export const GERMAN_INTENT_KEYWORDS: IntentKeywordTable = {
  'where-is-my-order': {
    strong: [
      'wo ist mein* bestellung', 'wo ist mein* paket', 'wo ist mein* lieferung', 'wo ist mein* sendung',
      'wo bleibt', 'sendungsverfolgung', 'sendungsnummer', 'trackingnummer', 'tracking-nummer', 'tracking nummer',
      'status meiner bestellung', 'bestellstatus', 'lieferstatus', 'wann kommt', 'wann wird .. geliefert',
      'wann wird .. versendet', 'wann wird .. verschickt', 'wann wird .. ankommen', 'wann kann ich .. rechnen',
      'schon versendet', 'schon verschickt', 'bereits versendet', 'noch nicht versendet', 'noch nicht verschickt',
      'wann erhalte ich', 'wann bekomme ich', 'voraussichtlich*', 'noch nicht losgeschickt', 'status .. nicht geändert', 'unterwegs',
    ],
    hint: ['versendet', 'verschickt', 'versand', 'tracking'],
  },
  'delivery-delay': {
    strong: [
      'verspät*', 'verzöger*', 'überfällig', 'lieferverzug', 'lieferverzögerung', 'immer noch nicht da', 'noch immer nicht da',
      'sollte .. ankommen', 'sollte .. geliefert werden', 'sollte .. da sein', 'hätte .. ankommen sollen',
      'hätte .. geliefert werden sollen', 'liefertermin .. überschritten', 'lieferdatum .. überschritten',
      'liefertermin .. vorbei', 'dauert .. lange', 'zu spät', 'immer noch nicht angekommen', 'noch nicht angekommen',
    ],
    medium: ['warte seit', 'warte .. seit', 'immer noch warten', 'warte immer noch', 'verteilzentrum', 'keine bewegung', 'bewegt sich nicht', 'hängt .. fest', 'steckt .. fest'],
    hint: ['warte', 'seit .. tagen', 'seit .. wochen'],
  },
  'not-received': {
    strong: [
      'nicht erhalten', 'nicht bekommen', 'nie angekommen', 'nie erhalten', 'nie bekommen', 'nicht zugestellt',
      'als zugestellt', 'zugestellt .. aber', 'obwohl .. zugestellt', 'obwohl .. geliefert', 'als geliefert', 'geliefert .. aber', 'paket ist verloren',
      'verloren', 'nicht im briefkasten', 'kein paket', 'nichts angekommen', 'nichts erhalten', 'gestohlen',
      'nicht geliefert', 'nie geliefert', 'falsche haus', 'falschen haus', 'verschwunden', 'nachbarn .. nicht', 'an .. falsche adresse geliefert',
    ],
    hint: ['nicht angekommen'],
  },
  'damaged-defective': {
    strong: [
      'beschädig*', 'kaputt*', 'defekt*', 'zerbroch*', 'gebrochen', 'funktioniert nicht', 'funktioniert .. nicht mehr',
      'geht nicht', 'geht nicht mehr', 'lässt sich nicht einschalten', 'schaltet sich nicht ein', 'gerissen',
      'zerkratzt', 'kratzer', 'undicht', 'ausgelaufen', 'mangelhaft', 'fehlerhaft', 'teile fehlen', 'fehlende teile',
      'es fehlt ein teil', 'eingedrückt', 'verbeult', 'zerrissen', 'lädt nicht', 'riss', 'verbogen', 'nass', 'schimmel*',
      'abgelaufen', 'fleck*', 'hängt sich auf', 'flacker*', 'stürzt .. ab', 'reagiert nicht',
      'abgerissen', 'abgebrochen', 'ausgerissen', 'durchgerissen', 'wackelt', 'wackelig', 'gesprungen', 'zersprungen', 'gesplittert', 'angebrochen', 'geöffnet', 'halb leer', 'gebraucht*', 'benutzt',
      'aufgehört', 'hört .. auf',
    ],
    hint: ['mangel', 'qualität'],
  },
  'wrong-item': {
    strong: [
      'falsch* artikel', 'falsch* produkt', 'falsch* größe', 'falsch* farbe', 'falsch geliefert', 'falsch* ware',
      'falsch* modell', 'nicht das .. bestellt', 'nicht was ich bestellt', 'nicht den .. bestellt',
      'nicht die .. bestellt', 'anderen artikel', 'anderes produkt', 'andere farbe', 'anderes modell',
      'falsche lieferung', 'falsches teil',
    ],
    medium: [
      'anders als auf', 'anders als .. bild*', 'anders als .. foto*', 'nur .. geliefert', 'nur .. drin', 'nur .. im paket', 'statt', 'anstatt', 'anstelle', 'bestellt ... bekommen habe ich', 'bestellt ... erhalten habe ich', 'bestellt ... geliefert wurde',
      'bestellt ... aber .. bekommen', 'bestellt ... aber .. erhalten', 'bestellt ... kam',
    ],
    hint: ['falsch*'],
  },
  'return-request': {
    strong: [
      'zurückschicken', 'zurücksenden', 'zurückgeben', 'zurück schicken', 'zurück senden', 'rücksend*', 'retoure*',
      'retournieren', 'umtausch*', 'widerruf*', 'zurücktreten', 'vom kauf zurück*', 'rückgabe*', 'austausch', 'austauschen', 'ersatz', 'ersatzprodukt', 'ersatzlieferung',
    ],
    hint: ['zurück'],
  },
  'refund-status': {
    strong: [
      'rückerstattung*', 'erstattung*', 'erstattet', 'geld zurück', 'mein geld', 'gutschrift', 'rückzahlung',
      'geld .. zurück', 'zurückerstatt*',
    ],
    medium: ['auf meinem konto', 'geld .. noch nicht', 'noch kein geld', 'geld .. nicht zurück', 'betrag .. nicht'],
    hint: ['geld', 'abgebucht'],
  },
  'cancel-request': {
    strong: [
      'stornier*', 'storno*', 'abbestellen', 'nicht schicken', 'nicht abschicken', 'nicht losschicken', 'schicken .. nicht los', 'senden .. nicht los', 'bestellung .. abbrechen', 'nicht mehr versenden', 'nicht versenden',
      'versehentlich bestellt', 'aus versehen bestellt', 'doppelt bestellt', 'brauche .. nicht mehr', 'annullier*',
    ],
  },
  'product-question': {
    strong: [
      'frage zum produkt', 'frage zum artikel', 'frage zu', 'wie benutze', 'wie verwende', 'lieferumfang', 'wasserdicht',
      'spülmaschinenfest', 'vorrätig', 'lieferbar', 'hergestellt', 'aus welchem', 'inhaltsstoffe',
    ],
    medium: ['gibt es .. in', 'gibt es das', 'ist ... dabei', 'mit dabei', 'bedienungsanleitung', 'anleitung', 'material', 'batterie*', 'akku*', 'enthalten', 'waschbar', 'waschmaschine*'],
    hint: ['ist es', 'ist das', 'hat es', 'hat das', 'kann man', 'frage', 'garantie', 'farbe'],
  },
  'size-compatibility': {
    strong: [
      'welche größe', 'wie breit', 'wie hoch', 'wie lang ist', 'wie groß ist', 'wie tief', 'größentabelle', 'passt', 'passen', 'kompatib*', 'maße', 'abmessung*', 'fällt .. klein aus',
      'fällt .. groß aus', 'größe .. passt', 'geeignet für',
    ],
    hint: ['größe', 'zu klein', 'zu groß', 'zu eng'],
  },
  'invoice-request': {
    strong: ['rechnung*', 'quittung', 'beleg', 'mwst', 'mehrwertsteuer', 'umsatzsteuer*', 'ust-id*'],
  },
  'address-change': {
    strong: [
      'adresse ändern', 'adresse .. ändern', 'lieferadresse*', 'anschrift ändern', 'falsche adresse',
      'neue adresse', 'adressänderung', 'umgezogen', 'andere adresse', 'adresse .. korrigieren', 'adresse .. falsch',
    ],
    medium: ['an mein büro', 'an meine arbeit', 'an .. *adresse', '*adresse .. ändern', '*adresse .. schicken'],
    hint: ['adresse', 'anschrift', '*adresse', 'abändern', 'postleitzahl', 'plz', 'hausnummer'],
  },
  'feedback-review': {
    strong: ['bewertung*', 'rezension*', 'feedback', 'sterne', 'stern', 'bewerten'],
    medium: ['sehr zufrieden', 'tolles produkt', 'alles bestens', 'alles perfekt', 'vielen dank für'],
    hint: ['empfehlen', 'perfekt', 'super'],
  },
}
