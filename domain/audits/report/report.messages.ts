import { defineMessages, entry, messagesOf } from '../../i18n/messages';

/** The audit report's refusals (issue 16, docs/adr/0010-server-messages.md): what an auditor or a lead reads. */
const STATUS: Record<string, [string, string]> = {
  draft: ['en brouillon', 'a draft'],
  in_review: ['en relecture', 'in review'],
  changes_requested: ['à corriger', 'sent back for changes'],
  approved: ['approuvé', 'approved'],
  delivered: ['livré', 'delivered'],
};
const fr = (s: string) => STATUS[s]?.[0] ?? s;
const en = (s: string) => STATUS[s]?.[1] ?? s;

const ACTION: Record<string, [string, string]> = {
  edit: ['modifier le rapport', 'edit the report'],
  submit: ['soumettre le rapport', 'submit the report'],
  approve: ['approuver le rapport', 'approve the report'],
  'request-changes': ['demander des modifications', 'request changes'],
};

export const reportMessages = defineMessages({
  'audits.report.frozen': entry({
    example: { status: 'in_review' },
    fr: (p) => `Le rapport est ${fr(p.status)} : il est figé et ne se modifie plus${p.status === 'in_review' ? ' tant que le responsable de mission ne demande pas de modifications' : ''}.`,
    en: (p) => `The report is ${en(p.status)}: it is frozen and can no longer be changed${p.status === 'in_review' ? ' unless the mission lead requests changes' : ''}.`,
  }),
  'audits.report.not-submittable': entry({
    example: { status: 'approved' },
    fr: (p) => `Seul un rapport en brouillon ou à corriger se soumet ; celui-ci est ${fr(p.status)}.`,
    en: (p) => `Only a draft report or one sent back for changes can be submitted; this one is ${en(p.status)}.`,
  }),
  'audits.report.not-in-review': entry({
    example: { status: 'draft' },
    fr: (p) => `Seul un rapport soumis se relit ; celui-ci est ${fr(p.status)}.`,
    en: (p) => `Only a submitted report can be reviewed; this one is ${en(p.status)}.`,
  }),
  'audits.report.not-allowed': entry({
    example: { action: 'approve' },
    fr: (p) => `Vous ne pouvez pas ${ACTION[p.action]?.[0] ?? p.action} : ${p.action === 'approve' || p.action === 'request-changes' ? 'la relecture revient au responsable de mission' : 'seuls les auditeurs de la mission et les responsables de mission rédigent le rapport'}.`,
    en: (p) => `You may not ${ACTION[p.action]?.[1] ?? p.action}: ${p.action === 'approve' || p.action === 'request-changes' ? 'reviewing is for the mission lead' : 'only the mission\'s auditors and the mission leads write the report'}.`,
  }),
  'audits.report.own-approval': {
    fr: 'Vous avez soumis cette version : un autre responsable de mission doit l’approuver (vous pouvez demander des modifications).',
    en: 'You submitted this version: another mission lead must approve it (you may request changes).',
  },
  'audits.report.stale': {
    fr: 'Une section a été modifiée par quelqu’un d’autre depuis que vous l’avez ouverte : rechargez le rapport, vos changements ne sont pas enregistrés.',
    en: 'A section was changed by someone else since you opened it: reload the report; your changes were not saved.',
  },
  'audits.report.duplicate-section': entry({
    example: { key: 'findings' },
    fr: (p) => `La section « ${p.key} » figure deux fois.`,
    en: (p) => `Section "${p.key}" appears twice.`,
  }),
  'audits.report.unknown-section': entry({
    example: { key: 'findings' },
    fr: (p) => `Le rapport n’a pas de section « ${p.key} ».`,
    en: (p) => `The report has no section "${p.key}".`,
  }),
  'audits.report.comment-needed': {
    fr: 'Dites ce qu’il faut modifier : au moins un commentaire sur une section.',
    en: 'Say what to change: at least one comment on a section.',
  },
  'audits.report.no-such-version': entry({
    example: { number: 2 },
    fr: (p) => `Le rapport n’a pas de version ${p.number}.`,
    en: (p) => `The report has no version ${p.number}.`,
  }),
  'audits.report.version-erased': {
    fr: 'Le contenu de cette version a été effacé (anonymisation de la mission) : elle ne s’imprime plus.',
    en: 'This version\'s content was erased (the mission was anonymised): it can no longer be printed.',
  },
  'audits.report.template-forbidden': {
    fr: 'Le modèle de rapport se règle par un responsable de mission ou le service administratif.',
    en: 'The report template is set by a mission lead or the administration.',
  },
  'audits.report.no-such-mission': {
    fr: 'Aucune mission de votre organisation ne porte cet identifiant.',
    en: 'No mission of your organisation has this id.',
  },
});

export const reportMessage = messagesOf(reportMessages);
