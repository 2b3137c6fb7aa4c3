// Default risk vocabulary per flag and language (syntax: see patterns.ts). The damage and non-delivery
// flags reuse the strong phrases of the matching intents, so a message classified as damaged is flagged
// as damaged with the same words. Operators extend these lists through the config (`extraKeywords`).

import type { RiskFlag } from '../vocabulary.ts'
import { INTENT_KEYWORDS } from './intent.ts'
import { REVIEW_THREAT_KEYWORDS } from './review-threat-keywords.ts'
import { SAFETY_KEYWORDS } from './safety-keywords.ts'

export type RiskKeywordsByLanguage = Readonly<Record<string, readonly string[]>>

const A_TO_Z: RiskKeywordsByLanguage = {
  en: ['a-to-z', 'a-z guarantee', 'a-z claim', 'a to z guarantee', 'a-to-z guarantee', 'a-z claim*', 'atoz claim'],
  de: ['a-bis-z-garantie*', 'a-bis-z garantie*', 'a-z-garantie*', 'a-bis-z-antrag', 'a-bis-z-anspruch', 'a-bis-z-fall', 'garantie von a bis z', 'a-z garantie*'],
  fr: ['garantie .. a-à-z', 'garantie a-z', 'réclamation .. a-à-z', 'garantie de a à z'],
  it: ['garanzia .. a alla z', 'garanzia a-z', 'reclamo .. a alla z', 'garanzia dalla a alla z'],
  es: ['garantía de la a a la z', 'garantía .. a a la z', 'garantía a-z', 'reclamación .. a a la z', 'reclamación a-z', 'garantia de a a z'],
  ja: ['a から z まで 保証', 'a から z 保証', 'a-z 保証', 'a to z 保証', 'マーケットプレイス保証', 'aからz'],
  zh: ['亚马逊商城交易保障', 'a-z 索赔', 'a-z 保障'],
  nl: ['a-tot-z-garantie*', 'a-tot-z garantie*'],
  pl: ['gwarancja od a do z', 'gwarancji od a do z', 'gwarancja a-z'],
  sv: ['a-till-ö-garanti*', 'a-till-z-garanti*'],
  tr: ["a'dan z'ye garanti*"],
}

const CHARGEBACK: RiskKeywordsByLanguage = {
  en: [
    'chargeback*', 'charge back', 'dispute the charge', 'dispute .. with my bank', 'dispute with paypal', 'paypal dispute',
    'bank dispute', 'credit card dispute', 'open a dispute', 'file a dispute', 'contact my bank', 'call my bank',
    'my credit card company', 'reverse the charge', 'reverse the payment', 'dispute the payment', 'revers* .. payment',
    'revers* .. charge', 'my bank is', 'stop the payment',
  ],
  de: [
    'rückbuchung*', 'rücklastschrift*', 'zurückbuchen', 'zurückbuchung', 'zahlung .. zurückholen', 'lastschrift .. zurück*',
    'paypal-konflikt', 'paypal-käuferschutz', 'käuferschutz', 'meine bank', 'kreditkartenfirma', 'bank .. widerspr*',
  ],
  fr: ['rétrofacturation', 'contestation .. paiement', 'contester .. paiement', 'contester .. prélèvement', 'faire opposition', 'litige paypal', 'ma banque', 'litige .. banque'],
  it: ["storno dell'addebito", 'contestazione .. addebito', 'contestare .. addebito', 'riaddebito', 'la mia banca', 'disputa paypal', 'controversia paypal'],
  es: ['contracargo*', 'retrocesión', 'disputa con paypal', 'disputa .. banco', 'reclamación .. banco', 'mi banco', 'desconocer el cargo', 'disputa del cargo'],
  ja: ['チャージバック', 'カード会社', '支払い拒否', '支払いを拒否', '異議申し立て', '異議申立'],
  zh: ['拒付', '信用卡争议', '银行争议'],
  nl: ['terugboeking', 'mijn bank'],
  pl: ['chargeback', 'obciążenie zwrotne', 'mój bank'],
  sv: ['återkrav', 'min bank'],
  tr: ['ters ibraz', 'bankama'],
}

const LEGAL_THREAT: RiskKeywordsByLanguage = {
  en: [
    'lawyer*', 'attorney*', 'sue', 'suing', 'sued', 'lawsuit', 'legal action', 'legal steps', 'in court', 'to court',
    'small claims', 'consumer protection', 'trading standards', 'ftc', 'better business bureau', 'bbb', 'report you',
    'police', 'solicitor', 'legal proceedings',
  ],
  de: [
    'anwalt*', 'rechtsanwalt*', 'anwältin', 'verbraucherzentrale', 'verbraucherschutz', 'verklagen', 'klage', 'gericht',
    'rechtliche schritte', 'juristisch*', 'polizei', 'anzeige erstatten', 'strafanzeige', 'anzeige', 'mahnverfahren',
  ],
  fr: [
    'avocat*', 'poursuite* judiciaire*', 'tribunal', 'en justice', 'porter plainte', 'déposer plainte', 'plainte',
    'association de consommateurs', 'ufc', 'dgccrf', 'répression des fraudes', 'mise en demeure', 'police', 'huissier',
  ],
  it: [
    'avvocat*', 'denunci*', 'tribunale', 'giudice', 'azioni legali', 'azione legale', 'vie legali',
    'codacons', 'associazione .. consumatori', 'tutela dei consumatori', 'polizia', 'carabinieri', 'diffida',
  ],
  es: [
    'abogad*', 'demanda*', 'demandar', 'tribunal*', 'juzgado', 'acciones legales', 'acción legal', 'vía legal',
    'denunci*', 'ante consumo', 'a consumo', 'hoja de reclamaciones', 'oficina del consumidor', 'omic', 'ocu', 'protección al consumidor', 'policía', 'profeco',
  ],
  ja: ['弁護士', '消費者センター', '消費生活センター', '国民生活センター', '訴訟', '訴え', '法的措置', '法的手段', '裁判', '警察', '消費者庁'],
  zh: ['律师', '起诉', '法院', '消费者协会', '报警', '法律'],
  nl: ['advocaat', 'rechter', 'juridische stappen', 'consumentenbond'],
  pl: ['prawnik*', 'adwokat*', 'sąd', 'uokik', 'rzecznik konsumentów', 'pozew'],
  sv: ['advokat*', 'stämma', 'konsumentverket', 'polisen'],
  tr: ['avukat*', 'dava', 'mahkeme', 'tüketici hakem heyeti'],
}

const COUNTERFEIT: RiskKeywordsByLanguage = {
  en: ['is this genuine', 'is it genuine', 'is this authentic', 'is it authentic', 'is this real', 'nothing like the original', 'not like the original', 'fake', 'counterfeit*', 'not genuine', 'not authentic', 'knock-off', 'knockoff*', 'replica', 'imitation', 'not original', 'not the original', 'bootleg', 'forgery', 'not real', 'not a genuine'],
  de: ['ist das original', 'ist das echt', 'ist es echt', 'nichts mit dem original', 'fälschung*', 'gefälscht*', 'fake', 'nachahmung', 'plagiat', 'nicht original', 'kein original', 'nicht echt', 'imitat*', 'billige kopie', 'nachbau', 'kein echtes', 'keine echte'],
  fr: ['est-ce un vrai', 'est-il authentique', 'est-ce authentique', "rien à voir avec l'original", 'contrefaçon*', 'contrefait*', 'faux', 'fausse', 'pas authentique', 'pas original', "pas d'origine", 'imitation', 'copie chinoise', 'pas un vrai', 'pas une vraie'],
  it: ['è originale', 'è autentico', 'quello originale', "diverso dall'originale", 'contraffatt*', 'falso', 'falsa', 'falsi', 'non originale', 'non è originale', 'imitazione', 'taroccat*', 'non autentico'],
  es: ['es original', 'es auténtico', 'nada que ver con el original', 'falsificad*', 'falsificación', 'falso', 'falsa', 'no es original', 'no original', 'imitación', 'réplica', 'pirata', 'copia barata', 'no es auténtico'],
  ja: ['本物ですか', '本物か', '正規品ですか', '偽物', '偽造', '偽ブランド', '模倣品', 'コピー品', 'パチモン', '海賊版', '本物ではない', '正規品ではない', '本物じゃない', '純正品ではない', 'ニセモノ', 'にせもの'],
  zh: ['假货', '假的', '仿冒', '山寨', '盗版', '不是正品'],
  nl: ['namaak', 'nep'],
  pl: ['podróbk*', 'podrobion*', 'falsyfikat'],
  sv: ['förfalskad*', 'piratkopia'],
  tr: ['sahte', 'taklit', 'çakma', 'orijinal değil'],
}

const REPEAT_CONTACT: RiskKeywordsByLanguage = {
  en: [
    'third time', '3rd time', 'second time i', 'fourth time', 'again and again', 'still no answer', 'still no response',
    'still no reply', 'no one has answered', 'nobody answered', 'nobody has replied', 'no response', 'no reply', 'no answer',
    'wrote .. several times', 'already contacted you', 'already contacted your', 'already wrote', 'already written', 'already asked', 'already messaged',
    'several times', 'multiple times', 'how many times', 'once again', 'ignored', 'ignoring', 'keep writing',
    'messaged you .. times', 'written .. times', 'contacted you .. times', 'fourth message', 'third message', 'hear back',
    'second email', 'third email', 'fourth email', 'zero replies', 'no replies', 'never replied', 'nobody replies', 'no one replies',
  ],
  de: [
    'dritte mal', 'zum dritten mal', 'zum zweiten mal', 'zweimal geschrieben', 'bereits geschrieben', 'schon geschrieben',
    'schon mehrfach', 'mehrmals', 'mehrfach', 'keine antwort', 'noch keine antwort', 'erneut', 'wiederholt', 'ignorier*',
    'schon wieder', 'bereits kontaktiert', 'wiederhol*',
  ],
  fr: [
    'troisième fois', 'deuxième fois', 'plusieurs fois', 'toujours pas de réponse', 'aucune réponse', 'pas de réponse',
    'sans réponse', 'déjà écrit', 'déjà contacté', 'ne répondez pas', 'ne répondez jamais', 'aucun retour', 'à nouveau', 'encore une fois', 'relance', 'ignoré*', 'ignorez',
  ],
  it: [
    'terza volta', 'seconda volta', 'quarta volta', 'più volte', 'risposte automatiche', 'stesse risposte', 'nessuna risposta', 'non ho ricevuto risposta', 'già scritto',
    'già contattat* voi', 'vi ho già contattat*', 'già sollecitato', 'di nuovo', 'ancora una volta', 'sollecito', 'ignorat*', 'senza risposta',
  ],
  es: [
    'tercera vez', 'segunda vez', 'varias veces', 'sin respuesta', 'ninguna respuesta', 'no he recibido respuesta',
    'ya escribí', 'ya he escrito', 'ya les escribí', 'ya contacté', 'de nuevo', 'otra vez', 'una vez más', 'ignorad*',
    'sigo sin respuesta',
  ],
  ja: ['何度も', '再度', '二度目', '2回目', '三度目', '3回目', '二回目', '三回目', '何回目', '四回目', '4回目', '何度目', '返信がありません', '返信がない', '返事がない', '返事がありません', '回答がない', '回答がありません', 'まだ返信', '何回も', '再三', '以前も連絡', '先日も連絡', '前回も', '返信をいただけ'],
  zh: ['第三次', '多次', '还没有回复', '没有回复', '一直没回复', '再次'],
  nl: ['derde keer', 'geen antwoord', 'opnieuw'],
  pl: ['trzeci raz', 'brak odpowiedzi', 'ponownie'],
  sv: ['tredje gången', 'inget svar', 'igen'],
  tr: ['üçüncü kez', 'cevap yok', 'tekrar'],
}

// "Has not arrived (yet)": the buyer does not have the order, which is when A-to-z claims start.
const NOT_ARRIVED: RiskKeywordsByLanguage = {
  en: ["hasn't arrived", 'has not arrived', 'hasnt arrived', 'not arrived yet', 'still not arrived', "haven't got it", 'have not got it'],
  de: ['nicht angekommen', 'noch nicht da', 'immer noch nicht da', 'noch nicht geliefert'],
  fr: ['pas arrivé*', 'toujours pas reçu', 'pas encore reçu', 'pas encore été livré*'],
  it: ['non è arrivato', 'non è arrivata', 'non è ancora arrivat*', 'ancora non è arrivat*', 'ancora non arrivat*'],
  es: ['no ha llegado', 'no me ha llegado', 'todavía no ha llegado', 'aún no ha llegado', 'no ha llegado todavía'],
  ja: ['まだ届いて', 'まだ届きません', 'まだ届かない', '手元にありません', '手元に届いていません', '手元にない', '届いていない'],
  zh: ['还没到', '还没有到'],
}

function strongTermsOf(intent: 'damaged-defective' | 'not-received', extra: RiskKeywordsByLanguage = {}): RiskKeywordsByLanguage {
  const byLanguage: Record<string, readonly string[]> = {}
  for (const [language, table] of Object.entries(INTENT_KEYWORDS)) {
    byLanguage[language] = [...(table[intent]?.strong ?? []), ...(extra[language] ?? [])]
  }
  return byLanguage
}

export const DEFAULT_RISK_KEYWORDS: Readonly<Record<RiskFlag, RiskKeywordsByLanguage>> = {
  'a-to-z': A_TO_Z,
  chargeback: CHARGEBACK,
  'legal-threat': LEGAL_THREAT,
  'review-threat': REVIEW_THREAT_KEYWORDS,
  safety: SAFETY_KEYWORDS,
  counterfeit: COUNTERFEIT,
  damaged: strongTermsOf('damaged-defective'),
  'not-received': strongTermsOf('not-received', NOT_ARRIVED),
  'repeat-contact': REPEAT_CONTACT,
}
