import type { z } from 'zod';
import { formatDateTime } from '../i18n/format';
import { deadlineOf } from './breach-rules';
import type { Breach, BreachNature, preparedNotificationView, RiskLevel } from './breach.schema';
import { DATA_CATEGORIES } from './personal-data';

/**
 * The notification to the CNIL prepared from a breach's record (art. 33.3), in the order of the CNIL's
 * online form — who, what, when, data and people, consequences, measures — each section a title and
 * lines the data protection officer copies into the form, and the whole as one French text (also the PDF,
 * breach-notification-pdf.ts). Pure: the organisation's facts are passed in.
 */
export interface NotifyingOrganisation {
  name: string;
  legalName: string | null;
  siren: string | null;
  address: string | null;
  /** The data protection officer(s): name and e-mail. */
  dpo: Array<{ name: string; email: string }>;
}

export type PreparedNotification = z.infer<typeof preparedNotificationView>;
export type NotificationSection = PreparedNotification['sections'][number];

export const NATURE_FR: Record<BreachNature, string> = {
  confidentiality: 'Perte de confidentialité (accès ou divulgation non autorisés)',
  integrity: 'Perte d’intégrité (modification non autorisée)',
  availability: 'Perte de disponibilité (destruction ou perte d’accès)',
};

export const RISK_FR: Record<RiskLevel, string> = {
  none: 'Aucun risque pour les droits et libertés des personnes',
  risk: 'Risque pour les droits et libertés des personnes',
  high: 'Risque élevé pour les droits et libertés des personnes',
};

const notGiven = 'Non renseigné à ce stade (complément à venir)';
const or = (value: string | null | undefined) => (value && value.trim() ? value.trim() : notGiven);
const when = (value: string | null) => (value ? formatDateTime(value, 'fr') : 'Inconnue à ce stade');
const count = (value: number | null) => (value === null ? 'Inconnu à ce stade' : `Environ ${new Intl.NumberFormat('fr-FR').format(value)}`);

export function prepareNotification(breach: Breach, org: NotifyingOrganisation, now: Date): PreparedNotification {
  const phase = breach.notifications.some((n) => n.phase === 'initial') ? 'complement' : 'initial';
  const initial = breach.notifications.find((n) => n.phase === 'initial');
  const deadline = deadlineOf(breach.discoveredAt);
  const late = (initial ? new Date(initial.notifiedAt) : now).getTime() > deadline.getTime();
  const people = breach.peopleDecision === 'inform' || (breach.riskLevel === 'high' && breach.peopleDecision !== 'not-required');
  const sections: NotificationSection[] = [
    {
      key: 'who', title: '1. L’organisme',
      lines: [
        { label: 'Organisme responsable du traitement', value: org.legalName ?? org.name },
        ...(org.siren ? [{ label: 'SIREN', value: org.siren }] : []),
        ...(org.address ? [{ label: 'Adresse', value: org.address }] : []),
        { label: 'Délégué à la protection des données', value: org.dpo.length ? org.dpo.map((d) => `${d.name} <${d.email}>`).join(', ') : notGiven },
        { label: 'Type de notification', value: phase === 'initial' ? 'Notification initiale' : `Notification complémentaire (notification initiale n° ${initial?.reference ?? '—'})` },
      ],
    },
    {
      key: 'what', title: '2. La violation',
      lines: [
        { label: 'Intitulé', value: breach.title },
        { label: 'Nature de la violation', value: breach.nature.map((n) => NATURE_FR[n]).join(' ; ') },
        { label: 'Circonstances', value: or(breach.description) },
      ],
    },
    {
      key: 'when', title: '3. Les dates',
      lines: [
        { label: 'Début de la violation', value: when(breach.startedAt) },
        { label: 'Prise de connaissance par l’organisme', value: when(breach.discoveredAt) },
        { label: 'Échéance de notification (72 heures)', value: formatDateTime(deadline.toISOString(), 'fr') },
        ...(late ? [{ label: 'Motifs du retard', value: or(initial?.delayReason) }] : []),
      ],
    },
    {
      key: 'data', title: '4. Les données et les personnes concernées',
      lines: [
        { label: 'Catégories de données', value: breach.dataCategories.length ? breach.dataCategories.map((c) => DATA_CATEGORIES[c].fr).join(' ; ') : notGiven },
        { label: 'Nombre approximatif d’enregistrements', value: count(breach.approxRecords) },
        { label: 'Catégories de personnes', value: breach.peopleCategories.length ? breach.peopleCategories.join(' ; ') : notGiven },
        { label: 'Nombre approximatif de personnes', value: count(breach.approxPeople) },
      ],
    },
    {
      key: 'consequences', title: '5. Les conséquences probables',
      lines: [
        { label: 'Conséquences probables pour les personnes', value: or(breach.consequences) },
        { label: 'Niveau de risque estimé', value: breach.riskLevel ? RISK_FR[breach.riskLevel] : notGiven },
      ],
    },
    {
      key: 'measures', title: '6. Les mesures',
      lines: [
        { label: 'Mesures prises', value: or(breach.measuresTaken) },
        { label: 'Mesures envisagées', value: or(breach.measuresProposed) },
        {
          label: 'Information des personnes',
          value: people ? 'Les personnes concernées sont informées (article 34)'
            : breach.peopleDecision === 'not-required' ? `Les personnes ne sont pas informées : ${or(breach.peopleReason)}` : 'Non décidée à ce stade',
        },
      ],
    },
  ];
  const text = [
    `Notification de violation de données personnelles à la CNIL — ${phase === 'initial' ? 'notification initiale' : 'complément'}`,
    '',
    ...sections.flatMap((s) => [s.title, ...s.lines.map((l) => `${l.label} : ${l.value}`), '']),
  ].join('\n').trimEnd();
  return { breachId: breach.id, number: breach.number, title: breach.title, phase, late, sections, text };
}

/**
 * The mail to the people concerned (art. 34.2): in clear language, the nature of the breach, the
 * data protection officer's contact, the likely consequences and the measures. French.
 */
export function peopleMail(breach: Breach, org: NotifyingOrganisation, greeting: string): { subject: string; body: string } {
  const dpo = org.dpo[0];
  return {
    subject: `Information importante concernant vos données personnelles — ${org.name}`,
    body: [
      `Bonjour ${greeting},`,
      '',
      `Nous vous informons qu’un incident de sécurité a touché des données personnelles vous concernant, détenues par ${org.legalName ?? org.name}.`,
      '',
      `Ce qui s’est passé : ${breach.title}.${breach.description.trim() ? ` ${breach.description.trim()}` : ''}`,
      `Les données concernées : ${breach.dataCategories.length ? breach.dataCategories.map((c) => DATA_CATEGORIES[c].fr.toLowerCase()).join(', ') : 'en cours d’analyse'}.`,
      `Les conséquences possibles : ${breach.consequences.trim() || 'en cours d’analyse'}.`,
      `Ce que nous avons fait : ${breach.measuresTaken.trim() || 'les mesures sont en cours'}.`,
      ...(breach.measuresProposed.trim() ? [`Ce que nous allons faire, et ce que nous vous recommandons : ${breach.measuresProposed.trim()}.`] : []),
      '',
      dpo
        ? `Pour toute question, vous pouvez contacter notre délégué à la protection des données, ${dpo.name}, à l’adresse ${dpo.email}.`
        : 'Pour toute question, vous pouvez répondre à ce message.',
      'Vous pouvez également adresser une réclamation à la CNIL (www.cnil.fr).',
      '',
      'Nous vous prions de nous excuser pour cet incident.',
      org.name,
    ].join('\n'),
  };
}
