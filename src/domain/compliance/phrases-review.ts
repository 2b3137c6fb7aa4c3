// Review and feedback vocabulary per language (phrase notation: see phrase.ts). Amazon forbids asking for a
// positive review, asking to change or remove one and offering anything for one; review requests belong to
// the Solicitations API, so even a neutral request in a message is risky.

/** Raw fragments: words that need a guard the notation cannot say. */
export const REVIEW_FRAGMENTS: Readonly<Record<string, string>> = {
  // French "avis" is also a delivery notice ("avis de passage") and an opinion ("à mon avis").
  avis: "(?<![\\p{L}\\p{N}])avis(?![\\p{L}\\p{N}])(?![\\s'\\-]+d(?:e|')[\\s'\\-]*(?:passage|livraison|depot|reception|expedition))",
}

const EN_REVIEW = 'review|reviews|feedback|rating|ratings'
const DE_REVIEW = 'bewertung*|rezension*|feedback|kundenbewertung*|produktbewertung*'
const FR_REVIEW = '@avis|evaluation|evaluations|commentaire|commentaires'
const IT_REVIEW = 'recensione|recensioni|feedback|valutazione|valutazioni|giudizio'
const ES_REVIEW = 'resena|resenas|opinion|opiniones|valoracion|valoraciones|calificacion|calificaciones|comentario|comentarios|feedback'
const JA_REVIEW = 'レビュー|評価|口コミ|クチコミ|フィードバック'
const ZH_REVIEW = '评价|评论|差评|反馈'

/** Asking for a positive review or star rating, or to change or remove one: always blocked. */
export const REVIEW_MANIPULATION: readonly string[] = [
  // en
  `positive|good|great|excellent|favorable|favourable|glowing|perfect|top ${EN_REVIEW}`,
  '5|five star|stars',
  // Verb, then at most a determiner and an adjective: "update you on the review of your return" is not one.
  `chang*|updat*|remov*|delet*|revis*|amend*|withdr*|edit|editing|modif*|reconsider*|retract*|adjust*|improv*|rais*|take_down your|the|this|that|my? negative|bad|poor|low|critical|1-star|one-star|2-star|two-star? ${EN_REVIEW}`,
  `${EN_REVIEW} ~3 removed|changed|updated|deleted|revised|amended|withdrawn|taken_down`,
  // de
  `positiv*|gut*|toll*|ausgezeichnet*|hervorragend*|sehr_gut* ${DE_REVIEW}`,
  '5|funf stern*',
  `${DE_REVIEW} ~4 andern|abandern|zu_andern|geandert|entfernen|entfernt|loschen|geloscht|zuruckziehen|zuruckzuziehen|zuruckgezogen|anpassen|anzupassen|aktualisieren|zu_aktualisieren|uberarbeiten|korrigieren|revidieren|uberdenken|verbessern|nachbessern`,
  `andern|entfernen|loschen|zuruckziehen|aktualisieren|uberarbeiten ~3 ${DE_REVIEW}`,
  // fr
  `${FR_REVIEW} positif|positifs|positive|positives|favorable|favorables|excellent|excellente|elogieux|elogieuse`,
  `bon|bons|excellent|meilleur|meilleure ${FR_REVIEW}`,
  '5|cinq etoile|etoiles',
  `modifi*|supprim*|mettre_a_jour|mettez_a_jour|reconsiderer|retirer|retiriez ~3 ${FR_REVIEW}`,
  `${FR_REVIEW} ~3 modifie*|supprime*|retire*`,
  // it
  `${IT_REVIEW} positiv*|ottim*|eccellent*|favorevol*|buona|buone`,
  `buona|ottima|positiva|eccellente recensione|valutazione`,
  '5|cinque stella|stelle',
  `modific*|rimuov*|rimozione|cancell*|elimin*|cambiare|aggiorn*|ritir*|rivedere ~3 ${IT_REVIEW}`,
  `${IT_REVIEW} ~3 modificat*|rimoss*|cancellat*|eliminat*`,
  // es
  `${ES_REVIEW} positiv*|buen*|excelente*|favorable*`,
  `buena|excelente|positiva resena|opinion|valoracion|calificacion`,
  '5|cinco estrella|estrellas',
  `modific*|elimin*|borr*|retir*|actualiz*|quitar|quite|cambiar_su ~3 ${ES_REVIEW}`,
  `${ES_REVIEW} ~3 modificad*|eliminad*|borrad*|retirad*`,
  // ja
  '高評価|星5|5つ星|五つ星|星を5|星5つ|満点の評価',
  `良い|いい|好意的な|ポジティブな ~2 ${JA_REVIEW}`,
  `${JA_REVIEW} ~12 削除|変更|修正|取り消|取消|書き直|撤回|見直|更新`,
  `削除|変更|修正 ~6 ${JA_REVIEW}`,
  // zh
  '好评|五星|5星',
  `删除|修改|更改|撤回 ~6 ${ZH_REVIEW}`,
  `${ZH_REVIEW} ~6 删除|修改|撤回`,
]

/** Asking for a review or feedback at all: a warning (Amazon's Request a Review button is the safe way). */
export const REVIEW_REQUEST: readonly string[] = [
  `leave|write|post|give|share|submit|drop|add|leaving|writing|posting ~3 ${EN_REVIEW}`,
  'rate ~2 us|product|purchase|experience|seller',
  `appreciate|appreciated ~4 ${EN_REVIEW}`,
  `${DE_REVIEW} ~4 abgeben|abzugeben|hinterlassen|zu_hinterlassen|schreiben|zu_schreiben|verfassen|geben`,
  `hinterlass*|schreib*|verfass*|abgeb* ~3 ${DE_REVIEW}`,
  'bewerten_sie|uns_bewerten|bewerten_konnten',
  `laiss*|ecri*|donn*|partag*|publi*|rediger|redigez ~3 ${FR_REVIEW}`,
  'notez|evaluez|noter|evaluer ~2 nous|produit|article|achat|commande',
  `lasci*|scriv*|dare|darci|condivid*|pubblic* ~3 ${IT_REVIEW}`,
  `dej*|escrib*|compart*|publi*|danos|darnos ~3 ${ES_REVIEW}`,
  `${JA_REVIEW}|ご感想 ~10 お願い|書いて|投稿|ご記入|いただけ|頂け|ください|下さい`,
  `留下|写|给|麻烦 ~4 ${ZH_REVIEW}`,
]

/** Things offered in exchange (refund, discount, gift, coupon, free product). */
export const INCENTIVE: readonly string[] = [
  'refund*|reimburs*|discount*|gift*|coupon*|voucher*|free|freebie*|money_back|cashback|cash_back|reward*|compensat*',
  'erstatt*|ruckerstatt*|rabatt*|geschenk*|gutschein*|gratis|kostenlos*|umsonst|geld_zuruck|belohn*|entschadig*|preisnachlass*',
  "rembours*|remise|reduction*|cadeau*|bon_d'achat|bons_d'achat|coupon*|gratuit*|offert|offerte|recompens*|dedommag*",
  'rimbors*|sconto|sconti|regal*|buono|buoni|coupon*|gratis|gratuit*|omaggi*|ricompens*',
  'reembols*|descuento*|regal*|cupon*|vale|vales|gratis|gratuit*|obsequi*|recompens*',
  '返金|割引|クーポン|プレゼント|無料|ギフト|特典|ポイント|謝礼|お礼の品|キャッシュバック',
  '返现|返款|退款|优惠|红包|免费|礼品|赠品|折扣',
]

/** A review word that is surely the noun (English "review" is also a verb: "we will review your return"). */
export const REVIEW_NOUN: readonly string[] = [
  'a|an|your|positive|good|great|honest|5-star|five-star|product|seller|customer review|reviews',
  'feedback|rating|ratings|stars',
  DE_REVIEW,
  `${FR_REVIEW}|etoiles`,
  `${IT_REVIEW}|stelle`,
  `${ES_REVIEW}|estrellas`,
  `${JA_REVIEW}|星`,
  ZH_REVIEW,
]

/** Words that make an offer conditional ("in exchange", "if you"). */
export const EXCHANGE_MARKER: readonly string[] = [
  'in_exchange|in_return|if_you|once_you|after_you|when_you|as_a_thank|for_leaving|for_writing|for_posting|for_updating|for_changing|for_removing',
  'im_austausch|als_dank|wenn_sie|sobald_sie|nachdem_sie|falls_sie|dafur_dass|gegen_eine',
  "en_echange|en_retour|si_vous|des_que_vous|une_fois_que|apres_avoir|pour_avoir|contre_un|contre_une",
  "in_cambio|se_lei|se_ci|una_volta_che|dopo_aver*|per_aver*|in_omaggio",
  'a_cambio|en_agradecimiento|si_usted|si_nos|si_deja|una_vez_que|despues_de|por_dejar|por_escribir|por_cambiar',
  '引き換え|代わりに|いただければ|頂ければ|いただけましたら|いただいた方|した方|お礼として|条件',
  '即可|换取|作为回报|之后|后即',
]
