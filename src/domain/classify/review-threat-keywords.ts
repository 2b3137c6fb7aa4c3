// Phrases announcing a bad review or bad feedback. They raise the review-threat risk flag, and they do not
// count as the buyer talking about reviews (feedback-review intent): a threat is leverage for another problem.

export const REVIEW_THREAT_KEYWORDS: Readonly<Record<string, readonly string[]>> = {
  en: [
    'negative review', 'bad review', 'negative feedback', 'bad feedback', '1-star', 'one-star', '1-star*', 'zero stars',
    '0 stars', 'lowest rating', 'warn other buyers', 'warn others', 'warn other customers', 'terrible review',
    'honest review .. bad', 'leave a review .. warn', 'negative rating', 'bad rating',
  ],
  de: [
    'negative bewertung*', 'schlechte bewertung*', 'negative rezension*', 'schlechte rezension*', '1 stern', 'einen stern',
    'ein stern', 'negatives feedback', 'schlechtes feedback', 'andere käufer warnen', 'null sterne', 'negativ bewerten',
    'schlecht bewerten',
  ],
  fr: [
    'avis négatif', 'mauvais avis', 'mauvaise évaluation', 'évaluation négative', 'commentaire négatif', 'mauvais commentaire',
    '1 étoile', 'une étoile', 'une seule étoile', 'zéro étoile', 'prévenir les autres acheteurs', 'note négative',
  ],
  it: [
    'recensione negativa', 'pessima recensione', 'brutta recensione', 'feedback negativo', 'valutazione negativa',
    '1 stella', 'una stella', 'zero stelle', 'avvisare gli altri', 'recensione pessima',
  ],
  es: [
    'reseña negativa', 'mala reseña', 'valoración negativa', 'mala valoración', 'opinión negativa', 'mala opinión',
    'comentario negativo', '1 estrella', 'una estrella', 'cero estrellas', 'advertir a otros',
  ],
  ja: [
    '悪い評価', '低評価', '星1', '星ひとつ', '星一つ', '最低評価', '悪いレビュー', '酷評', '★1', 'レビューに書',
    '評価を下げ', '悪評', '低い評価', '評価に書', '評価にも書', 'レビューにも書',
  ],
  zh: ['差评', '一星'],
  nl: ['negatieve review', 'slechte beoordeling', 'slechte review'],
  pl: ['negatywn* opini*', 'negatywny komentarz'],
  sv: ['dålig recension', 'dåligt betyg'],
  tr: ['olumsuz yorum', 'kötü yorum'],
}
