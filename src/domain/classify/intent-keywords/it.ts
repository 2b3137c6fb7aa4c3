import type { IntentKeywordTable } from './types.ts'

export const ITALIAN_INTENT_KEYWORDS: IntentKeywordTable = {
  'where-is-my-order': {
    strong: [
      "dov'è il mio ordine", "dov'è il mio pacco", "dov'è .. ordine", "dov'è .. pacco", 'dove è .. ordine',
      'dove .. il mio ordine', 'dove .. il mio pacco', 'dove si trova', "stato dell'ordine", 'stato del mio ordine',
      'stato della spedizione', 'numero di tracciamento', 'tracciamento', 'codice di tracking', 'numero di tracking',
      'quando arriva', 'quando arriverà', 'quando .. sped*', 'è stato spedito',
      'è stata spedita', 'ancora spedito', 'ancora spedita', 'quando .. consegnato', 'quando .. consegnata',
      'aggiornamenti sul mio ordine', 'ancora partit*', 'non è partit*', 'notizie .. ordine', 'notizie .. pacco',
    ],
    hint: ['spedi*', 'tracking', 'quando .. ricever*'],
  },
  'delivery-delay': {
    strong: [
      'ritard*', 'in ritardo', 'era prevista', 'era previsto', 'ancora nulla', 'doveva arrivare', 'sarebbe dovuto arrivare', 'sarebbe dovuta arrivare',
      'doveva essere consegnat*', 'troppo tempo',
      'data di consegna .. passata', 'data .. superata', 'ancora non è arrivato', 'ancora non è arrivata',
      'non è ancora arrivato', 'non è ancora arrivata', 'ancora niente',
    ],
    medium: ['aspetto da', 'sto ancora aspettando', 'ancora in attesa', 'fermo .. da', 'bloccato .. da', 'nessun movimento'],
    hint: ['aspetto', 'attesa', 'settimane', 'da .. giorni', 'da .. settimane'],
  },
  'not-received': {
    strong: [
      'non ho ricevuto', 'mai ricevuto', 'mai ricevuta', 'non ricevuto', 'mai arrivato', 'mai arrivata',
      'non è mai arrivato', 'non è mai arrivata', 'risulta consegnato', 'risulta consegnata', 'segnato come consegnato',
      'come consegnato', 'consegnato ma', 'consegnata ma', 'anche se .. consegnat*', 'eppure .. consegnat*', 'pacco perso', 'smarrit*', 'rubato', 'non consegnato',
      'non consegnata', 'non mi è arrivato', 'non mi è arrivata', 'non mi è mai arrivato', 'casa non c è niente', 'mai visto', 'non si è mai visto', 'sparito', 'scomparso', "non l'ho mai avuto", 'mai avuto', 'lasciato .. a un vicino',
      'non c è niente', 'consegnato a un altro', 'consegnato al vicino', 'indirizzo sbagliato .. consegnat*',
    ],
    hint: ['non è arrivato', 'non è arrivata'],
  },
  'damaged-defective': {
    strong: [
      'danneggiat*', 'rott*', 'difettos*', 'difetto', 'non funziona', 'non si accende', 'guast*', 'graffiat*', 'graffi',
      'crepat*', 'crepa', 'ammaccat*', 'perde', 'pezzi mancanti', 'manca un pezzo', 'mancano .. pezzi', 'rovinat*',
      'schiacciat*', 'smesso di funzionare', 'non carica', 'strappat*', 'piegat*', 'bagnat*', 'muffa', 'scadut*', 'macchiat*',
      'si blocca', 'lampeggi*', 'traballa', 'dondola', 'ha smesso di', 'già aperto', 'già aperta', 'mezzo vuot*', 'usato', 'usata', 'non risponde', 'si spegne',
    ],
    hint: ['qualità'],
  },
  'wrong-item': {
    strong: [
      'articolo sbagliato', 'prodotto sbagliato', 'taglia sbagliata', 'colore sbagliato', 'modello sbagliato',
      "non è quello che ho ordinato", 'non è quello ordinato', 'non è il prodotto', "non è l'articolo", 'articolo diverso',
      'prodotto diverso', 'colore diverso', 'modello diverso', 'diverso da quello',
    ],
    medium: ["c'erano solo", 'solo .. nel pacco', 'invece di', 'al posto di', 'ordinato ... arrivat*', 'ordinato ... ricevut*', 'arrivat* ... ordinato', 'che ho comprato', 'che ho ordinato', 'mandato un altro', 'mandato .. altro'],
    hint: ['sbagliat*', 'diverso'],
  },
  'return-request': {
    strong: [
      'restituire', 'restituirlo', 'restituirla', 'restituzione', 'reso', 'rendere', 'rimandare', 'rispedire',
      'etichetta di reso', 'sostituzione', 'sostituire', 'recesso', 'fare il reso',
    ],
    hint: ['cambio', 'cambiare'],
  },
  'refund-status': {
    strong: ['rimbors*', 'soldi', 'riaccredit*', 'accredito', 'i miei soldi'],
    hint: ['addebitat*'],
  },
  'cancel-request': {
    strong: [
      'annull*', "cancellare l'ordine", 'cancellare .. ordine', 'disdire', 'non spedire', 'ordinato per errore',
      'ordine doppio', 'ordinato due volte', 'non mi serve più', 'non ne ho più bisogno',
    ],
  },
  'product-question': {
    strong: [
      'domanda sul prodotto', 'domanda su', 'domanda sul', 'impermeabile', 'lavabile', 'lavatrice', 'come si usa', 'come funziona', 'disponibile', 'fatto di',
      'ingredienti', 'lavastoviglie',
    ],
    medium: ['esiste in', "c'è in", 'disponibile in', 'istruzioni', 'manuale', 'materiale', 'batteria', 'batterie', 'incluso', 'inclusa', 'inclusi'],
    hint: ['garanzia', 'domanda', 'colore', 'quanti', 'quante'],
  },
  'size-compatibility': {
    strong: [
      'che taglia', 'quale taglia', 'quanto è largo', 'quanto è alto', 'quanto misura', 'larghezza', 'altezza', 'tabella delle taglie', 'guida alle taglie', 'misure', 'dimension*', 'compatibil*',
      'veste piccolo', 'veste grande', 'veste .. piccol*', 'calza', 'funziona con', 'adatto a', 'adatta a', 'numero di scarpe',
      'vest* come', 'vest* grand*', 'vest* piccol*', 'calzata', 'si può usare con', 'va bene per',
    ],
    hint: ['taglia', 'troppo piccol*', 'troppo grand*', 'troppo strett*'],
  },
  'invoice-request': {
    strong: ['fattura*', 'ricevuta', 'iva', 'scontrino', 'partita iva'],
  },
  'address-change': {
    strong: [
      "cambiare l'indirizzo", 'cambiare .. indirizzo', 'modificare .. indirizzo', 'indirizzo di consegna',
      'indirizzo di spedizione', 'indirizzo sbagliato', 'nuovo indirizzo', 'indirizzo .. errato', 'altro indirizzo',
      'correggere .. indirizzo', 'cambio indirizzo', 'cambio di indirizzo',
    ],
    medium: ['numero civico', 'civico', 'codice postale', 'consegnare al mio', 'consegnare a un altro', 'spedire al mio', 'spedire a un altro', 'al mio ufficio'],
    hint: ['indirizzo'],
  },
  'feedback-review': {
    strong: ['recension*', 'feedback', 'valutazion*', 'stelle', 'stella'],
    medium: ['molto soddisfatt*', 'tutto perfetto', 'grazie per', 'sono content*'],
    hint: ['consiglio', 'perfett*'],
  },
}
