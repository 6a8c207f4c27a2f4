import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** The hierarchy's and the lines' messages (spec 002 §4–5): refusals name the rule, French first. */
const both = (fr: string, en: string) => ({ fr, en });
/** A line status as people read it, in both languages. */
export const LINE_STATUS_LABELS = {
  pending: { fr: 'en attente', en: 'pending' },
  active: { fr: 'active', en: 'active' },
  suspended: { fr: 'suspendue', en: 'suspended' },
  terminated: { fr: 'résiliée', en: 'terminated' },
} as const;
const said = (status: string, locale: 'fr' | 'en') => LINE_STATUS_LABELS[status as keyof typeof LINE_STATUS_LABELS]?.[locale] ?? status;

export const hierarchyMessages = defineMessages({
  'telecom.hierarchy.softwhere-id': both('doit être un identifiant SoftWhere, comme SW-000123', 'must be a SoftWhere id such as SW-000123'),
  'telecom.hierarchy.softwhere-id-taken': both('Cet identifiant SoftWhere est déjà celui d\'un autre compte.', 'This SoftWhere id already belongs to another account.'),
  'telecom.hierarchy.billing-ref-taken': both('Cette référence est déjà celle d\'un autre site de facturation dans ce système.', 'This reference already belongs to another billing site in this system.'),
  'telecom.hierarchy.no-such-brand': both('Cette marque n\'existe pas.', 'This brand does not exist.'),
  'telecom.hierarchy.no-such-site': both('Ce site n\'existe pas chez ce client.', 'This site does not exist at this client.'),
  'telecom.hierarchy.no-such-billing-site': both('Ce site de facturation n\'existe pas chez ce client.', 'This billing site does not exist at this client.'),
  'telecom.hierarchy.no-such-fleet': both('Ce parc n\'existe pas chez ce client.', 'This fleet does not exist at this client.'),
  'telecom.hierarchy.no-such-offer': both('Cet article n\'existe pas au catalogue.', 'This item is not in the catalogue.'),
  'telecom.hierarchy.not-an-offer-kind': both('Seuls les forfaits et les options sont des offres télécom.', 'Only plans and options are telecom offers.'),
  'telecom.hierarchy.fleet-taken': both('Ce client a déjà ce parc sur ce site.', 'This client already has this fleet on this site.'),
  'telecom.lines.number-invalid': both('n\'est pas un numéro de téléphone valide', 'is not a valid phone number'),
  'telecom.lines.number-taken': both('Ce numéro est déjà celui d\'une ligne en service.', 'This number already belongs to a line in service.'),
  'telecom.lines.not-deleted': both('Une ligne ne se supprime pas : résiliez-la.', 'A line is not deleted: terminate it.'),
  'telecom.lines.terminated': both('La ligne est résiliée : son forfait et ses options ne changent plus.', 'The line is terminated: its plan and options no longer change.'),
  'telecom.lines.no-such-plan': both('Ce forfait n\'existe pas au catalogue.', 'This plan is not in the catalogue.'),
  'telecom.lines.not-a-plan': both('Cet article du catalogue n\'est pas un forfait.', 'This catalogue item is not a plan.'),
  'telecom.lines.not-an-option': entry({
    example: { name: 'Forfait 20 Go' },
    fr: (p) => `« ${p.name} » n'est pas une option.`,
    en: (p) => `"${p.name}" is not an option.`,
  }),
  'telecom.lines.no-such-option': both('Cette option n\'existe pas au catalogue.', 'This option is not in the catalogue.'),
  'telecom.lines.offer-inactive': entry({
    example: { name: 'Forfait 20 Go' },
    fr: (p) => `« ${p.name} » n'est plus commercialisé.`,
    en: (p) => `"${p.name}" is no longer sold.`,
  }),
  'telecom.lines.offer-other-fleet': entry({
    example: { name: 'Fibre 1 Gb/s', offerFleet: 'Internet / Alphalink', lineFleet: 'Mobile / Orange' },
    fr: (p) => `« ${p.name} » est une offre ${p.offerFleet}, la ligne est sur un parc ${p.lineFleet}.`,
    en: (p) => `"${p.name}" is a ${p.offerFleet} offer, the line is on a ${p.lineFleet} fleet.`,
  }),
  'telecom.lines.offer-other-brand': entry({
    example: { name: 'Forfait Pro 50 Go' },
    fr: (p) => `« ${p.name} » n'est pas au catalogue de la marque de ce client.`,
    en: (p) => `"${p.name}" is not in this client's brand catalogue.`,
  }),
  'telecom.lines.option-needs-plan': both('La ligne n\'a pas de forfait : choisissez-en un avant d\'ajouter des options.', 'The line has no plan: choose one before adding options.'),
  'telecom.lines.status-transition': entry({
    example: { from: 'terminated', to: 'active' },
    fr: (p) => `Une ligne ${said(p.from, 'fr')} ne peut pas devenir ${said(p.to, 'fr')}.`,
    en: (p) => `A ${said(p.from, 'en')} line cannot become ${said(p.to, 'en')}.`,
  }),
  'telecom.lines.status-needs-plan': both('Une ligne sans forfait ne peut pas être activée.', 'A line without a plan cannot be activated.'),
  'telecom.lines.date-before-activation': entry({
    example: { on: '2026-01-31', activatedOn: '2026-02-01' },
    fr: (p) => `La date ${p.on} est avant la mise en service de la ligne (${p.activatedOn}).`,
    en: (p) => `The date ${p.on} is before the line was activated (${p.activatedOn}).`,
  }),
});

export const hierarchyMessage = messagesOf(hierarchyMessages);
