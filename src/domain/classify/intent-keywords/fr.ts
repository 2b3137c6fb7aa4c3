import type { IntentKeywordTable } from './types.ts'

export const FRENCH_INTENT_KEYWORDS: IntentKeywordTable = {
  'where-is-my-order': {
    strong: [
      'où est ma commande', 'où est mon colis', 'où est mon article', 'où en est ma commande', 'où en est mon colis',
      'suivi de commande', 'suivi de ma commande', 'numéro de suivi', 'suivi du colis', 'statut de ma commande',
      'état de ma commande', 'a-t-elle été expédiée', 'a-t-il été expédié', 'été expédié*', 'pas encore expédié*',
      'quand .. expédié*', 'quand .. livré*', 'quand .. arriver', 'quand .. arrivera', 'date de livraison prévue',
      'nouvelles .. commande', 'nouvelles .. colis', 'en cours d acheminement', 'en transit', 'pas encore parti*', 'toujours pas expédié*',
    ],
    hint: ['suivi', 'expédi*', 'quand .. recevoir'],
  },
  'delivery-delay': {
    strong: [
      'retard*', 'était prévue', 'était prévu', 'toujours pas arrivé*', 'devait arriver', 'aurait dû arriver', 'aurait dû être livré*',
      'date de livraison .. dépassée', 'date .. dépassée', 'trop long',
      'délai* .. dépassé*', 'toujours en attente', 'pas encore arrivé*', 'toujours rien',
    ],
    medium: ['attends depuis', "j'attends toujours", 'bloqué .. depuis', 'bloqué au', 'centre de tri', 'ne bouge plus', 'aucun mouvement'],
    hint: ['délai*', 'attends', 'depuis .. jours', 'depuis .. semaines'],
  },
  'not-received': {
    strong: [
      'pas reçu', 'jamais reçu', "n'ai pas reçu", 'rien reçu', 'jamais arrivé*', 'pas été livré*', 'jamais été livré*',
      'marqué comme livré', 'indiqué comme livré', 'indique livré', 'indiqué livré', 'livré mais', 'pourtant .. livré', 'bien que .. livré', 'colis perdu',
      'perdu', 'volé', 'pas dans ma boîte', 'jamais eu', 'pas été distribué*', 'pas reçu le colis', 'mauvaise maison', 'chez un voisin',
      'livré à la mauvaise', 'a disparu', 'colis .. disparu', 'livré .. mauvaise adresse',
    ],
    hint: ['pas arrivé*'],
  },
  'damaged-defective': {
    strong: [
      'endommag*', 'abîmé*', 'cassé*', 'défectueu*', 'défaut*', 'ne fonctionne pas', 'ne marche pas', 'ne fonctionne plus',
      'ne marche plus', 'fonctionne pas', 'marche pas', 'fissur*', 'rayé*', 'rayure*', 'déchiré*', 'fuit', 'fuite',
      'détérioré*', 'en panne', 'hors service', 'pièces manquantes', 'pièce manquante', 'manque une pièce', 'il manque', 'impossible de monter', 'impossible à monter',
      "ne s'allume pas", "s'allume plus", 'écrasé*', 'brisé*', 'ne charge pas', 'ne charge plus', 'tordu*', 'mouillé*',
      'moisi*', 'périmé*', 'tache*', 'se bloque', 'clignot*', 'bancal*', 'branlant*', 'à moitié vide', 'déjà ouvert*', 'était ouvert*', 'usagé*', 'déjà utilisé*', 'a cessé de',
      'arrêté de fonctionner', 'plante', 'ne répond pas', 'ne réagit pas',
    ],
    hint: ['qualité'],
  },
  'wrong-item': {
    strong: [
      'mauvais article', 'mauvais produit', 'mauvaise taille', 'mauvaise couleur', 'mauvais modèle',
      "pas ce que j'ai commandé", 'pas le bon', 'pas la bonne', 'article différent', 'produit différent',
      'autre article', 'autre produit', "erreur .. d'article", 'erreur de produit', 'ne correspond pas',
      'couleur différente', 'modèle différent',
    ],
    medium: ["il n'y avait que", 'seulement .. dans le colis', 'au lieu de', 'à la place', 'commandé ... reçu', 'commandé ... mais .. reçu', 'reçu ... alors que .. commandé', 'alors que .. commandé', 'alors que .. choisi'],
    hint: ['erreur'],
  },
  'return-request': {
    strong: [
      'retourner', 'retour', 'renvoyer', 'renvoi', 'échanger', 'échange', 'étiquette de retour', 'rétractation',
      'le rendre', 'remplacement', 'remplacer',
    ],
    hint: ['retour*'],
  },
  'refund-status': {
    strong: ['rembours*', 'mon argent', "l'argent", 'être remboursé*', 'pas été remboursé*', 'avoir sur'],
    hint: ['débité*', 'prélevé*'],
  },
  'cancel-request': {
    strong: [
      'annul*', 'ne pas expédier', 'ne pas envoyer', 'ne pas expédier', 'commandé par erreur', 'commande en double',
      'commandé deux fois', "n'en ai plus besoin", 'plus besoin', 'ne souhaite plus', 'ne veux plus',
    ],
  },
  'product-question': {
    strong: [
      'question sur', 'question concernant', 'étanche', 'lavable*', 'comment utiliser', "comment l'utiliser", 'en stock', 'disponible', 'composition',
      'est-il fourni', 'fabriqué*',
    ],
    medium: ['existe en', 'existe-t-il', 'disponible en', "mode d'emploi", 'notice', 'matière', 'matériau*', 'batterie*', 'piles', 'inclus', 'fourni*'],
    hint: ['est-ce que', 'est-il', 'est-elle', 'garantie', 'question', 'couleur', 'combien'],
  },
  'size-compatibility': {
    strong: [
      'quelle taille', 'quelle largeur', 'quelle hauteur', 'quelle longueur', 'combien mesure', 'va sur un', 'va sur une', 'va sur mon', 'va sur ma', 'ira sur', 'rentre dans', 'guide des tailles', 'tableau des tailles', 'compatib*', 'dimension*', 'taille .. petit*',
      'taille .. grand*', 'convient', 'va-t-il', 'va-t-elle', 'rentre', 'mesures', 'quelle pointure', 'pointure',
    ],
    hint: ['taille', 'trop petit*', 'trop grand*', 'trop serré*'],
  },
  'invoice-request': {
    strong: ['facture*', 'justificatif', 'tva', 'reçu de paiement', 'note de frais'],
  },
  'address-change': {
    strong: [
      "changer l'adresse", 'changer .. adresse', 'modifier .. adresse', 'adresse de livraison', 'mauvaise adresse',
      'nouvelle adresse', "changement d'adresse", 'déménagé', 'adresse .. erronée', 'adresse .. incorrecte',
      'autre adresse', 'corriger .. adresse',
    ],
    medium: ['numéro de rue', "numéro d'appartement", 'code postal', 'livrer à mon', 'livrer au', 'envoyer à mon'],
    hint: ['adresse'],
  },
  'feedback-review': {
    strong: ['avis', 'commentaire*', 'évaluation*', 'étoile*', 'évaluer', 'note négative'],
    // "Avis" is also a mind or an opinion.
    against: ["changé d'avis", "change d'avis", 'à mon avis', 'votre avis sur'],
    medium: ['très satisfait*', 'très content*', 'ravi*', 'tout est parfait', 'merci pour'],
    hint: ['recommande', 'parfait*'],
  },
}
