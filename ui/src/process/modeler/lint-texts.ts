/**
 * What the modeler's live lint says for each of bpmnlint's structural rules, in French and in
 * English: the server's catalogue codes (domain/process/lint.messages.ts) and texts, which the UI
 * cannot import; test/ui/lint-texts.test.ts checks that both say the same. `code` picks the code
 * from bpmnlint's own English message where a rule has two cases.
 */
export interface LintText { fr: string; en: string }

export const LINT_TEXTS: Record<string, LintText> = {
  'lint.start-event-required': { fr: "Ce processus n'a pas d'événement de début : ajoutez-en un.", en: 'This process has no start event: add one.' },
  'lint.sub-process-start-event-required': {
    fr: "Ce sous-processus n'a pas d'événement de début : ajoutez-en un à l'intérieur.", en: 'This sub-process has no start event: add a start event inside it.',
  },
  'lint.end-event-required': {
    fr: "Ce processus n'a pas d'événement de fin : ajoutez-en un là où ses chemins se terminent.", en: 'This process has no end event: add one where its paths finish.',
  },
  'lint.sub-process-end-event-required': {
    fr: "Ce sous-processus n'a pas d'événement de fin : ajoutez-en un là où ses chemins se terminent.", en: 'This sub-process has no end event: add one where its paths finish.',
  },
  'lint.no-disconnected': {
    fr: "Cet élément n'est relié à rien : reliez-le par des flux de séquence, ou supprimez-le.", en: 'This element is not connected to anything: connect it with sequence flows, or remove it.',
  },
  'lint.no-implicit-start': {
    fr: "Aucun flux n'arrive à cet élément, il ne s'exécuterait jamais : reliez-le, ou supprimez-le.",
    en: 'No sequence flow leads to this element, so it would never run: connect it, or remove it.',
  },
  'lint.no-implicit-end': {
    fr: "Aucun flux ne part de cet élément : reliez-le à l'étape suivante ou à un événement de fin.", en: 'No sequence flow leaves this element: connect it to the next step or to an end event.',
  },
  'lint.no-implicit-split': {
    fr: 'Plusieurs flux sans condition partent de cet élément : ajoutez une passerelle parallèle pour tous les suivre, ou exclusive pour en choisir un.',
    en: 'Several flows without conditions leave this element: add a parallel gateway to run them all, or an exclusive gateway to choose one.',
  },
  'lint.no-gateway-join-fork': {
    fr: 'Cette passerelle réunit et sépare à la fois : utilisez deux passerelles, une pour réunir, une pour séparer.',
    en: 'This gateway both joins and splits: use two gateways, one to join the incoming paths and one to split.',
  },
  'lint.event-based-gateway-outgoing': {
    fr: 'Une passerelle sur événements a besoin de deux flux sortants au moins, chacun vers une attente (minuterie, message, signal) ou une tâche de réception.',
    en: 'An event-based gateway needs at least two outgoing flows, each to a timer, message or signal catch event or a receive task.',
  },
  'lint.event-based-gateway-condition': {
    fr: "Un flux qui part d'une passerelle sur événements ne peut pas avoir de condition : le premier événement décide. Retirez la condition.",
    en: 'A flow leaving an event-based gateway cannot have a condition: the first event to happen decides. Remove the condition.',
  },
  'lint.single-event-definition': { fr: 'Cet événement a plusieurs déclencheurs : gardez-en un.', en: 'This event has several triggers: keep one.' },
  'lint.single-blank-start-event': {
    fr: 'Ce processus ou sous-processus a plusieurs événements de début sans déclencheur : gardez-en un.',
    en: 'This process or sub-process has several start events without a trigger: keep one.',
  },
  'lint.sub-process-blank-start-event': {
    fr: "Le début d'un sous-processus ne peut pas avoir de déclencheur (minuterie, message…) : retirez-le.",
    en: 'The start event of an embedded sub-process cannot have a trigger (timer, message…): remove it.',
  },
  'lint.duplicate-sequence-flow': {
    fr: 'Ce flux de séquence double un autre flux entre les mêmes éléments : supprimez-le.', en: 'This sequence flow duplicates another one between the same elements: remove it.',
  },
  'lint.duplicate-sequence-flows': {
    fr: 'Deux flux de séquence relient les mêmes éléments ici : supprimez-en un.', en: 'Two sequence flows connect the same elements here: remove one.',
  },
};

/** The catalogue code of each bpmnlint rule's report, from bpmnlint's English message (as the server's definition-linter.ts reads it). */
export const LINT_CODES: Record<string, (message: string) => string> = {
  'start-event-required': (m) => (m.startsWith('Sub') ? 'lint.sub-process-start-event-required' : 'lint.start-event-required'),
  'end-event-required': (m) => (m.startsWith('Sub') ? 'lint.sub-process-end-event-required' : 'lint.end-event-required'),
  'no-disconnected': () => 'lint.no-disconnected',
  'no-implicit-start': () => 'lint.no-implicit-start',
  'no-implicit-end': () => 'lint.no-implicit-end',
  'no-implicit-split': () => 'lint.no-implicit-split',
  'no-gateway-join-fork': () => 'lint.no-gateway-join-fork',
  'event-based-gateway': (m) => (m.includes('at least 2') ? 'lint.event-based-gateway-outgoing' : 'lint.event-based-gateway-condition'),
  'single-event-definition': () => 'lint.single-event-definition',
  'single-blank-start-event': () => 'lint.single-blank-start-event',
  'sub-process-blank-start-event': () => 'lint.sub-process-blank-start-event',
  'no-duplicate-sequence-flows': (m) => (m.startsWith('SequenceFlow') ? 'lint.duplicate-sequence-flow' : 'lint.duplicate-sequence-flows'),
};
