import { defineMessages, entry, messagesOf, type Text } from '../i18n/messages';

/**
 * The process context's messages (docs/adr/0010-server-messages.md): the
 * structural lint problems of a diagram (bpmnlint's rules, said as what to
 * do; the modeler's live lint says the same, ui/src/process/modeler/live-lint.ts)
 * and the refusal of a definition that has problems.
 */
const both = (fr: string, en: string) => ({ fr, en });
type Problem = { elementId: string | null; message: Text };

export const processMessages = defineMessages({
  'lint.start-event-required': both('Ce processus n\'a pas d\'événement de début : ajoutez-en un.', 'This process has no start event: add one.'),
  'lint.sub-process-start-event-required': both(
    'Ce sous-processus n\'a pas d\'événement de début : ajoutez-en un à l\'intérieur.',
    'This sub-process has no start event: add a start event inside it.',
  ),
  'lint.end-event-required': both(
    'Ce processus n\'a pas d\'événement de fin : ajoutez-en un là où ses chemins se terminent.',
    'This process has no end event: add one where its paths finish.',
  ),
  'lint.sub-process-end-event-required': both(
    'Ce sous-processus n\'a pas d\'événement de fin : ajoutez-en un là où ses chemins se terminent.',
    'This sub-process has no end event: add one where its paths finish.',
  ),
  'lint.no-disconnected': both(
    'Cet élément n\'est relié à rien : reliez-le par des flux de séquence, ou supprimez-le.',
    'This element is not connected to anything: connect it with sequence flows, or remove it.',
  ),
  'lint.no-implicit-start': both(
    'Aucun flux n\'arrive à cet élément, il ne s\'exécuterait jamais : reliez-le, ou supprimez-le.',
    'No sequence flow leads to this element, so it would never run: connect it, or remove it.',
  ),
  'lint.no-implicit-end': both(
    'Aucun flux ne part de cet élément : reliez-le à l\'étape suivante ou à un événement de fin.',
    'No sequence flow leaves this element: connect it to the next step or to an end event.',
  ),
  'lint.no-implicit-split': both(
    'Plusieurs flux sans condition partent de cet élément : ajoutez une passerelle parallèle pour tous les suivre, ou exclusive pour en choisir un.',
    'Several flows without conditions leave this element: add a parallel gateway to run them all, or an exclusive gateway to choose one.',
  ),
  'lint.no-gateway-join-fork': both(
    'Cette passerelle réunit et sépare à la fois : utilisez deux passerelles, une pour réunir, une pour séparer.',
    'This gateway both joins and splits: use two gateways, one to join the incoming paths and one to split.',
  ),
  'lint.event-based-gateway-outgoing': both(
    'Une passerelle sur événements a besoin de deux flux sortants au moins, chacun vers une attente (minuterie, message, signal) ou une tâche de réception.',
    'An event-based gateway needs at least two outgoing flows, each to a timer, message or signal catch event or a receive task.',
  ),
  'lint.event-based-gateway-condition': both(
    'Un flux qui part d\'une passerelle sur événements ne peut pas avoir de condition : le premier événement décide. Retirez la condition.',
    'A flow leaving an event-based gateway cannot have a condition: the first event to happen decides. Remove the condition.',
  ),
  'lint.single-event-definition': both('Cet événement a plusieurs déclencheurs : gardez-en un.', 'This event has several triggers: keep one.'),
  'lint.single-blank-start-event': both(
    'Ce processus ou sous-processus a plusieurs événements de début sans déclencheur : gardez-en un.',
    'This process or sub-process has several start events without a trigger: keep one.',
  ),
  'lint.sub-process-blank-start-event': both(
    'Le début d\'un sous-processus ne peut pas avoir de déclencheur (minuterie, message…) : retirez-le.',
    'The start event of an embedded sub-process cannot have a trigger (timer, message…): remove it.',
  ),
  'lint.duplicate-sequence-flow': both(
    'Ce flux de séquence double un autre flux entre les mêmes éléments : supprimez-le.',
    'This sequence flow duplicates another one between the same elements: remove it.',
  ),
  'lint.duplicate-sequence-flows': both('Deux flux de séquence relient les mêmes éléments ici : supprimez-en un.', 'Two sequence flows connect the same elements here: remove one.'),
  'tasks.forbidden-list': entry({
    example: { permission: 'process.task.read' },
    fr: (p) => `Votre rôle ne donne pas accès à la liste des tâches (permission ${p.permission}).`,
    en: (p) => `Your role does not give access to the task list (permission ${p.permission}).`,
  }),
  'tasks.not-open': entry({
    example: { status: 'completed' as 'completed' | 'cancelled' | string },
    fr: (p) => `Cette tâche est déjà ${({ completed: 'terminée', cancelled: 'annulée' } as Record<string, string>)[p.status] ?? p.status}.`,
    en: (p) => `This task is already ${p.status}.`,
  }),
  'tasks.not-offered': both('Cette tâche ne vous est pas proposée, ni à vos rôles.', 'This task is not offered to you or your roles.'),
  'tasks.claimed-by-other': both('Quelqu\'un d\'autre a déjà pris cette tâche.', 'Someone else has already claimed this task.'),
  'tasks.release-forbidden': both(
    'Seule la personne qui a pris cette tâche (ou un responsable) peut la libérer.',
    'Only the person who claimed this task (or a manager) can release it.',
  ),
  'tasks.reassign-forbidden': both(
    'Seul un responsable peut confier une tâche à quelqu\'un d\'autre (permission process.task.update sur toutes les tâches).',
    'Only a manager can give a task to someone else (permission process.task.update on all tasks).',
  ),
  'tasks.no-such-assignee': both('ne désigne aucun utilisateur actif de cette organisation', 'refers to no active user of this organisation'),
  'tasks.form-gone': entry({
    example: { form: 'events.sign-contract' },
    fr: (p) => `Le formulaire « ${p.form} » de cette tâche n'est plus enregistré ; prévenez un administrateur.`,
    en: (p) => `The form "${p.form}" of this task is no longer registered; ask an administrator.`,
  }),
  'tasks.not-a-form-field': both('n\'est pas un champ de ce formulaire', 'is not a field of this form'),
  'tasks.claimed-release-first': both(
    'Quelqu\'un d\'autre a pris cette tâche ; demandez-lui de la libérer d\'abord.',
    'Someone else has claimed this task; ask them to release it first.',
  ),
  'lint.rule-failed': entry({
    example: { reason: 'TypeError: x is not a function' },
    fr: (p) => `Relais n'a pas pu vérifier cette règle (${p.reason}). Vérifiez l'élément, ou signalez-le au support.`,
    en: (p) => `Relais could not check this rule (${p.reason}). Check the element, or report it to support.`,
  }),
  'definitions.has-problems': entry({
    example: { what: 'deployed' as 'deployed' | 'saved' | 'decision', count: 4, shown: [{ elementId: 'Task_1', message: 'This element is not connected to anything.' }] as Problem[] },
    fr: (p, f) => {
      const what = { deployed: 'La définition de processus ne peut pas être déployée', saved: 'La définition de processus ne peut pas être enregistrée', decision: 'La définition de décisions ne peut pas être déployée' }[p.what];
      const shown = p.shown.slice(0, 3).map((x) => (x.elementId ? `${x.elementId} : ${f.text(x.message)}` : f.text(x.message))).join(' ');
      return `${what} : ${p.count === 1 ? '1 problème' : `${p.count} problèmes`}. ${shown}${p.count > 3 ? ` …et ${p.count - 3} de plus (voir « problems »).` : ''}`;
    },
    en: (p, f) => {
      const what = { deployed: 'The process definition cannot be deployed', saved: 'The process definition cannot be saved', decision: 'The decision definition cannot be deployed' }[p.what];
      const shown = p.shown.slice(0, 3).map((x) => (x.elementId ? `${x.elementId}: ${f.text(x.message)}` : f.text(x.message))).join(' ');
      return `${what}: ${p.count === 1 ? '1 problem' : `${p.count} problems`}. ${shown}${p.count > 3 ? ` …and ${p.count - 3} more (see "problems").` : ''}`;
    },
  }),
});

export const processMessage = messagesOf(processMessages);
