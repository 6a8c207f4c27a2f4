import { defineMessages, entry, messagesOf } from '../i18n/messages';

/** What auditors capture on site (issue 16, ADR 0035): refusals, French first (docs/adr/0010-server-messages.md). */
const both = (fr: string, en: string) => ({ fr, en });

export const captureMessages = defineMessages({
  'audits.capture.no-such-site': both('n\'est pas un site de cette mission', 'is not a site of this mission'),
  'audits.capture.no-such-library-finding': both('ne désigne aucun constat de la bibliothèque', 'refers to no finding of the library'),
  'audits.capture.no-such-check': both('ne désigne aucun point de contrôle de la liste de cette mission', 'refers to no check of this mission\'s checklist'),
  'audits.capture.cvss-prefix': both('doit commencer par CVSS:3.1/ (un vecteur CVSS 3.1)', 'must start with CVSS:3.1/ (a CVSS 3.1 vector)'),
  'audits.capture.cvss-metric': both('contient une métrique ou une valeur inconnue, ou répétée (métriques de base : AV, AC, PR, UI, S, C, I, A)', 'holds an unknown or repeated metric or value (base metrics: AV, AC, PR, UI, S, C, I, A)'),
  'audits.capture.cvss-missing': both('doit donner les huit métriques de base : AV, AC, PR, UI, S, C, I et A', 'must give the eight base metrics: AV, AC, PR, UI, S, C, I and A'),
  'audits.capture.id-taken': entry({
    example: { what: 'inventory' },
    fr: () => 'Cet identifiant désigne déjà un autre relevé de cette mission, au contenu différent : générez un nouvel identifiant, ou modifiez le relevé existant (PATCH).',
    en: () => 'This id already names another captured item of this mission, with other content: generate a new id, or change the existing item (PATCH).',
  }),
  'audits.capture.mission-closed': both(
    'La mission est livrée ou anonymisée : ses relevés ne se modifient plus.',
    'The mission is delivered or anonymised: its captured items can no longer change.',
  ),
  'audits.capture.file-required': both('est obligatoire (une photo ou un PDF)', 'is required (a photo or a PDF)'),
  'audits.capture.file-too-large': entry({
    example: { megabytes: 15 },
    fr: (p) => `Ce fichier dépasse ${p.megabytes} Mo : réduisez la photo ou découpez le document.`,
    en: (p) => `This file is over ${p.megabytes} MB: make the photo smaller or split the document.`,
  }),
  'audits.capture.file-type': both(
    'Ce fichier n\'est ni une image (JPEG, PNG, WebP, HEIC) ni un PDF : son contenu a été vérifié, pas seulement son nom.',
    'This file is neither an image (JPEG, PNG, WebP, HEIC) nor a PDF: its content was checked, not only its name.',
  ),
});

export const captureMessage = messagesOf(captureMessages);
