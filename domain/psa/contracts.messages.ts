import { defineMessages, entry, messagesOf } from '../i18n/messages';

/**
 * The contracts and hour banks' messages (issue 14, spec 003 §2.2, §6.4): refusals of the contract
 * rules and the texts of a threshold alert (docs/adr/0010-server-messages.md).
 */
export const contractsMessages = defineMessages({
  'psa.contracts.pack-on-hour-bank-only': entry({
    example: { number: 12 },
    fr: (p) => `Le contrat n° ${p.number} n'est pas une banque d'heures : on n'y achète pas de pack.`,
    en: (p) => `Contract #${p.number} is not an hour bank: no pack is bought on it.`,
  }),
  'psa.contracts.pack-needs-price': entry({
    example: { number: 12 },
    fr: (p) => `Le contrat n° ${p.number} n'a pas de prix de pack : indiquez-le sur le contrat ou dans l'achat.`,
    en: (p) => `Contract #${p.number} has no pack price: give it on the contract or with the purchase.`,
  }),
  'psa.contracts.ended': entry({
    example: { number: 12 },
    fr: (p) => `Le contrat n° ${p.number} est terminé : rouvrez-le avant d'y acheter des heures.`,
    en: (p) => `Contract #${p.number} has ended: reopen it before buying hours on it.`,
  }),
  'psa.contracts.in-use': entry({
    example: { number: 12 },
    fr: (p) => `Le contrat n° ${p.number} a des heures, du temps ou des tickets : il ne se supprime pas. Passez-le au statut « Terminé ».`,
    en: (p) => `Contract #${p.number} has hours, time or tickets: it is not deleted. Set its status to "Ended".`,
  }),
  'psa.contracts.pack-minutes-required': { fr: 'une banque d\'heures a une taille de pack (10 h, 20 h, 50 h…)', en: 'an hour bank has a pack size (10 h, 20 h, 50 h…)' },
  'psa.contracts.hour-bank-only': { fr: 'seule une banque d\'heures a un pack et un solde d\'heures', en: 'only an hour bank has a pack and an hour balance' },
  'psa.contracts.subscription-only': { fr: 'seul un contrat d\'abonnement est lié à un abonnement', en: 'only a subscription contract is linked to a subscription' },
  'psa.contracts.subscription-needed': { fr: 'un contrat d\'abonnement est lié à un abonnement : choisissez-en un ou décrivez celui à créer', en: 'a subscription contract is linked to a subscription: pick one or describe the one to create' },
  'psa.contracts.subscription-other-account': { fr: 'cet abonnement n\'existe pas pour ce client', en: 'this subscription does not exist for this client' },
  'psa.contracts.no-such-user': { fr: 'aucun collaborateur actif de l\'organisation ne porte cet identifiant', en: 'no active collaborator of the organisation has this id' },
  'psa.contracts.no-such-contact': { fr: 'ce contact n\'existe pas chez ce client', en: 'this contact does not exist at this client' },
  'psa.contracts.no-such-reference': { fr: 'cette référence n\'existe pas dans l\'organisation', en: 'this reference does not exist in the organisation' },
  'psa.contracts.end-before-start': { fr: 'la date de fin ne précède pas la date de début', en: 'the end date is not before the start date' },
  'psa.contracts.type-filter': { fr: 'doit être hour-bank, subscription ou time-and-material', en: 'must be hour-bank, subscription or time-and-material' },
  'psa.contracts.status-filter': { fr: 'doit être draft, active ou ended', en: 'must be draft, active or ended' },
  'psa.contracts.initial-minutes-hour-bank': { fr: 'des heures à l\'ouverture ne se créditent que sur une banque d\'heures', en: 'opening hours are credited on an hour bank only' },
  'psa.contracts.no-such-time-entry': { fr: 'cette saisie de temps n\'existe pas', en: 'this time entry does not exist' },
  'psa.contracts.forbidden-hours': entry({
    example: { permission: 'psa.contract.update' },
    fr: (p) => `Votre rôle ne permet pas d'acheter des heures (permission ${p.permission}).`,
    en: (p) => `Your role does not allow buying hours (permission ${p.permission}).`,
  }),
  // ---- what the pack's invoice and its renewal quote say ----
  'psa.contracts.pack-line': entry({
    example: { hours: 10, number: 12, name: 'Assistance 2026' },
    fr: (p) => `Pack de ${p.hours} h d'assistance — contrat n° ${p.number} « ${p.name} »`,
    en: (p) => `${p.hours} h support pack — contract #${p.number} "${p.name}"`,
  }),
  'psa.contracts.renewal-note': entry({
    example: { number: 12, remaining: '1 h 30' },
    fr: (p) => `Renouvellement proposé : il reste ${p.remaining} sur la banque d'heures du contrat n° ${p.number}.`,
    en: (p) => `Renewal proposed: ${p.remaining} left on the hour bank of contract #${p.number}.`,
  }),
  // ---- the threshold alert's mail ----
  'psa.contracts.alert-subject': entry({
    example: { number: 12, name: 'Assistance 2026', remaining: '1 h 30' },
    fr: (p) => `Banque d'heures du contrat n° ${p.number} « ${p.name} » : il reste ${p.remaining}`,
    en: (p) => `Hour bank of contract #${p.number} "${p.name}": ${p.remaining} left`,
  }),
  'psa.contracts.alert-body': entry({
    example: { number: 12, name: 'Assistance 2026', account: 'Boulangerie Le Fournil', remaining: '1 h 30', purchased: '10 h', threshold: '20 %', quote: true as boolean },
    fr: (p) => `Bonjour,\n\nLa banque d'heures du contrat n° ${p.number} « ${p.name} » de ${p.account} a franchi le seuil ${p.threshold} : il reste ${p.remaining} sur ${p.purchased} achetées.\n`
      + `${p.quote ? 'Un devis de renouvellement du même pack a été préparé.\n' : ''}Au-delà du solde, le temps passé reste saisi et est facturé hors contrat.\n\nLe contrat et son relevé d\'heures sont dans Relais, menu « Commercial », « Contrats ».`,
    en: (p) => `Hello,\n\nThe hour bank of contract #${p.number} "${p.name}" of ${p.account} crossed the ${p.threshold} threshold: ${p.remaining} left of ${p.purchased} purchased.\n`
      + `${p.quote ? 'A renewal quote for the same pack has been prepared.\n' : ''}Beyond the balance, time spent is still recorded and invoiced outside the contract.\n\nThe contract and its hour ledger are in Relais, menu "Sales", "Contracts".`,
  }),
});

export const contractsMessage = messagesOf(contractsMessages);
