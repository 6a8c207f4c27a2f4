import { defineMessages, entry, messagesOf, type Formatter, type Text } from '../i18n/messages';

/**
 * The messages of Relais' own lint rules (relais-lint-rules.ts, construct-lint-rules.ts,
 * event-lint-rules.ts, extension-lint-rules.ts), one code per rule and case (`lint.<rule>.<case>`,
 * the rule id `relais/<rule>` travels beside it), and the FEEL, duration, date and cycle checks
 * they quote (`feel.*`, feel-syntax.ts). Elements are named by their name, else their id (`el`).
 * docs/adr/0010-server-messages.md.
 */

/** How a message that starts with an element calls it (the modeler's French names, ui/src/process/modeler/translate-fr.ts). */
const KINDS = {
  serviceTask: ['La tâche de service', 'Service task'],
  sendTask: ['La tâche d\'envoi', 'Send task'],
  businessRuleTask: ['La tâche de règle métier', 'Business rule task'],
  messageEndEvent: ['La fin avec message', 'Message end event'],
  messageThrowEvent: ['L\'envoi de message', 'Message throw event'],
  userTask: ['La tâche utilisateur', 'User task'],
  receiveTask: ['La tâche de réception', 'Receive task'],
  messageEvent: ['L\'événement de message', 'Message event'],
  timer: ['La minuterie', 'Timer'],
  callActivity: ['L\'appel de processus', 'Call activity'],
  multiInstance: ['L\'activité multi-instance', 'Multi-instance'],
  scriptTask: ['La tâche de script', 'Script task'],
  linkEvent: ['Le lien', 'Link event'],
  eventSubProcess: ['Le sous-processus d\'événement', 'Event sub-process'],
  signalEvent: ['L\'événement de signal', 'Signal event'],
  escalationEvent: ['L\'événement d\'escalade', 'Escalation event'],
  boundaryEscalationEvent: ['L\'escalade attachée', 'Boundary escalation event'],
  compensationHandler: ['Le gestionnaire de compensation', 'Compensation handler'],
  compensationBoundaryEvent: ['La compensation attachée', 'Compensation boundary event'],
  compensationEvent: ['L\'événement de compensation', 'Compensation event'],
  errorEndEvent: ['La fin en erreur', 'Error end event'],
  boundaryErrorEvent: ['L\'erreur attachée', 'Boundary error event'],
  errorStartEvent: ['Le début sur erreur', 'Error start event'],
  boundaryEvent: ['L\'événement attaché', 'Boundary event'],
} as const;
export type ElementKind = keyof typeof KINDS;

const lang = (f: Formatter) => (f.locale === 'fr' ? 0 : 1);
/** `La tâche de service « Relance »`, `Service task "Relance"`. */
const subject = (f: Formatter, kind: ElementKind, el: string) => `${KINDS[kind][lang(f)]} ${f.quote(el)}`;
/** The element's name quoted, or a word for « it » when there is none. */
const orWord = (f: Formatter, el: string | null, fr: string, en: string) => (el === null ? (f.locale === 'fr' ? fr : en) : f.quote(el));

/** Event triggers in words (lint-rule-kit.ts triggerOf). */
const TRIGGERS: Record<string, readonly [string, string]> = {
  none: ['sans déclencheur', 'none'], message: ['message', 'message'], timer: ['minuterie', 'timer'], error: ['erreur', 'error'],
  terminate: ['fin de tout le processus', 'terminate'], signal: ['signal', 'signal'], escalation: ['escalade', 'escalation'],
  compensation: ['compensation', 'compensation'], conditional: ['condition', 'conditional'], link: ['lien', 'link'], cancel: ['annulation', 'cancel'],
};
const trigger = (f: Formatter, key: string) => TRIGGERS[key]?.[lang(f)] ?? key;
const triggers = (f: Formatter, keys: readonly string[]) => keys.map((k) => trigger(f, k)).join(', ');

/** What each kind of element the engine runs is called (boundary-host). */
const PLAN_KINDS: Record<string, readonly [string, string]> = {
  serviceTask: ['une tâche de service', 'a service task'], userTask: ['une tâche utilisateur', 'a user task'], subProcess: ['un sous-processus', 'a sub-process'],
  callActivity: ['un appel de processus', 'a call activity'], receiveTask: ['une tâche de réception', 'a receive task'], scriptTask: ['une tâche de script', 'a script task'],
  businessRuleTask: ['une tâche de règle métier', 'a business rule task'], passThrough: ['une tâche', 'a task'],
};

/** Where events are, in words (unsupported-element). */
const POSITIONS: Record<string, readonly [string, string]> = {
  'bpmn:StartEvent': ['de début', 'start events'], 'bpmn:EndEvent': ['de fin', 'end events'],
  'bpmn:IntermediateCatchEvent': ['intermédiaires en attente', 'intermediate catch events'],
  'bpmn:IntermediateThrowEvent': ['intermédiaires déclenchés', 'intermediate throw events'], 'bpmn:BoundaryEvent': ['attachés', 'boundary events'],
};

/** What to draw instead of a trigger the engine does not execute. */
const TRIGGER_ADVICE: Record<string, readonly [string, string]> = {
  conditional: ['Utilisez un message envoyé quand la condition devient vraie, ou une passerelle exclusive.', 'Use a message sent when the condition becomes true, or an exclusive gateway.'],
  cancel: ['Utilisez une fin en erreur et une erreur attachée.', 'Use an error end event and a boundary error event.'],
  error: ['Un début sur erreur démarre un sous-processus d\'événement : dessinez-le dans l\'un d\'eux.', 'An error start event starts an event sub-process: draw it inside one.'],
  escalation: ['Un début sur escalade démarre un sous-processus d\'événement : dessinez-le dans l\'un d\'eux.', 'An escalation start event starts an event sub-process: draw it inside one.'],
};

/** Elements Relais does not execute, and what to use instead. */
const UNSUPPORTED: Record<string, readonly [string, string]> = {
  'bpmn:ComplexGateway': ['les passerelles complexes ne sont pas exécutées par Relais. Utilisez une passerelle exclusive, inclusive ou parallèle.', 'complex gateways are not executed by Relais. Use an exclusive, inclusive or parallel gateway.'],
  'bpmn:Transaction': [
    'les transactions (et leurs événements d\'annulation) ne sont pas exécutées par Relais. Utilisez un sous-processus avec des erreurs attachées et la compensation.',
    'transactions (and their cancel events) are not executed by Relais. Use an embedded sub-process with error boundary events and compensation.',
  ],
  'bpmn:AdHocSubProcess': ['les sous-processus ad hoc ne sont pas exécutés par Relais. Utilisez un sous-processus avec des flux de séquence.', 'ad-hoc sub-processes are not executed by Relais. Use an embedded sub-process with sequence flows.'],
  'bpmn:ChoreographyTask': ['les chorégraphies décrivent des échanges entre partenaires et ne sont pas exécutées par Relais.', 'choreographies describe exchanges between partners and are not executed by Relais.'],
};

/** The FEEL-valued settings of an element (relais-lint-rules.ts expressionsOf). */
const SETTINGS = {
  condition: ['La condition', 'condition'], assignee: ['La personne assignée', 'assignee'], dueDate: ['L\'échéance', 'due date'], priority: ['La priorité', 'priority'],
  script: ['Le script', 'script'], collection: ['La collection multi-instance', 'multi-instance collection'],
  outputElement: ['L\'élément de sortie multi-instance', 'multi-instance output element'], loopCardinality: ['Le nombre d\'instances (multi-instance)', 'multi-instance loop cardinality'],
  completionCondition: ['La condition de fin multi-instance', 'multi-instance completion condition'], correlationKey: ['La clé de corrélation', 'correlation key'],
  timeDuration: ['La durée de la minuterie', 'timer duration'], timeDate: ['La date de la minuterie', 'timer date'], timeCycle: ['Le cycle de la minuterie', 'timer cycle'],
  input: ['L\'entrée', 'input'], output: ['La sortie', 'output'],
} as const;
export type ExpressionSetting = keyof typeof SETTINGS;

/** Extensions of other tools people use most, and what to do instead (extension-lint-rules.ts). */
const EXTENSION_HINTS: Record<string, readonly [string, string]> = {
  'zeebe:taskHeaders': ['Les en-têtes de tâche ne sont pas transmis aux activités : donnez ces valeurs en correspondances d\'entrée.', 'Task headers are not passed to activities: give those values as input mappings.'],
  'zeebe:taskDefinition retries': ['Relais réessaie comme le prévoit la politique de l\'activité elle-même.', 'Relais retries as the activity\'s own policy says.'],
  'zeebe:calledDecision bindingType': [
    'Relais intègre la dernière version déployée de la décision au déploiement du processus : redéployez le processus pour en prendre une plus récente.',
    'Relais embeds the latest deployed version of the decision when the process is deployed: deploy the process again to take a newer one.',
  ],
  'zeebe:executionListeners': ['Les écouteurs d\'exécution ne s\'exécutent pas : dessinez l\'étape comme une tâche de service.', 'Execution listeners do not run: draw the step as a service task.'],
  'zeebe:taskListeners': ['Les écouteurs de tâche ne s\'exécutent pas : dessinez l\'étape comme une tâche de service.', 'Task listeners do not run: draw the step as a service task.'],
};
EXTENSION_HINTS['zeebe:calledDecision versionTag'] = EXTENSION_HINTS['zeebe:calledDecision bindingType']!;

/** The XML formats Relais reads (definition-parser.ts), as messages about them call them. */
export type XmlFormat = 'BPMN' | 'DMN';
const FORMATS: Record<XmlFormat, { what: readonly [string, string]; split: readonly [string, string]; file: readonly [string, string] }> = {
  BPMN: {
    what: ['une définition de processus', 'a process definition'],
    split: ['Découpez le processus avec des appels de processus.', 'Split the process with call activities.'],
    file: ['le fichier BPMN 2.0 lui-même, tel que le modeleur l\'enregistre (il commence par « <?xml » ou « <bpmn:definitions »)', 'the BPMN 2.0 file itself, as saved by the modeler (it starts with "<?xml" or "<bpmn:definitions")'],
  },
  DMN: {
    what: ['une définition de décisions', 'a decision definition'],
    split: ['Répartissez ses décisions dans plusieurs fichiers.', 'Split its decisions into several files.'],
    file: ['le fichier DMN 1.3 lui-même, tel que le modeleur l\'enregistre (il commence par « <?xml » ou « <definitions »)', 'the DMN 1.3 file itself, as saved by the modeler (it starts with "<?xml" or "<definitions")'],
  },
};
/** The XML reader's (saxen's) reasons, in French. */
const SAX_REASONS: Record<string, string> = {
  'unexpected end of file': 'fin de fichier inattendue', 'unclosed tag': 'balise non fermée', 'closing tag mismatch': 'la balise fermante ne correspond pas à la balise ouverte',
  'missing open tag': 'balise ouvrante manquante', 'missing start tag': 'balise de début manquante', 'close tag': 'balise fermante inattendue',
  'unclosed comment': 'commentaire non fermé', 'unclosed cdata': 'section CDATA non fermée', 'unclosed question': 'instruction de traitement non fermée',
  'invalid nodeName': 'nom d\'élément invalide', 'illegal first char nodeName': 'nom d\'élément commençant par un caractère interdit',
};
/** `1 954 Ko`, `1,954 KB`. */
const kilobytes = (f: Formatter, bytes: number) => `${Math.ceil(bytes / 1024).toLocaleString(f.locale === 'fr' ? 'fr-FR' : 'en')} ${f.locale === 'fr' ? 'Ko' : 'KB'}`;

const VARIABLE_RULE = ['(lettres, chiffres et « _ », sans commencer par un chiffre)', '(letters, digits and "_", not starting with a digit)'] as const;
const FEEL_OR = ['ni une expression FEEL commençant par « = »', 'nor a FEEL expression starting with "="'] as const;
const ISO_CYCLE = [
  'un intervalle répété ISO 8601 comme R3/PT10M (trois fois, toutes les dix minutes), R/P1D (tous les jours) ou R2/2026-12-01T09:00:00Z/P1D (à partir d\'une date)',
  'an ISO 8601 repeating interval such as R3/PT10M (three times, every ten minutes), R/P1D (every day) or R2/2026-12-01T09:00:00Z/P1D (from a date)',
] as const;
const CRON = [
  'une expression cron de 5 champs (minute heure jour-du-mois mois jour-de-la-semaine, comme « 0 9 * * MON-FRI » : 9 h en semaine, heure de Paris) ou de 6 avec les secondes en tête',
  'a cron expression of 5 fields (minute hour day-of-month month day-of-week, such as "0 9 * * MON-FRI": 9:00 on weekdays, Paris time) or 6 with the seconds first',
] as const;

type El = { el: string };
const EL: El = { el: 'Relance' };
const RUNNER = { kind: 'serviceTask' as Extract<ElementKind, 'serviceTask' | 'sendTask' | 'businessRuleTask' | 'messageEndEvent' | 'messageThrowEvent' | 'scriptTask'>, el: 'Relance' };
const both = (fr: string, en: string) => ({ fr, en });

export const lintMessages = defineMessages({
  // ---- bpmnlint's structural rules (definition-linter.ts), said as what to do; the modeler's live lint
  // says the same (ui/src/process/modeler/lint-texts.ts, checked against these) ----
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
  'lint.rule-failed': entry({
    example: { reason: 'TypeError: x is not a function' },
    fr: (p) => `Relais n'a pas pu vérifier cette règle (${p.reason}). Vérifiez l'élément, ou signalez-le au support.`,
    en: (p) => `Relais could not check this rule (${p.reason}). Check the element, or report it to support.`,
  }),
  // ---- relais/single-process ----
  'lint.single-process.none': both('Le fichier ne contient aucun processus. Dessinez le processus, puis déployez-le.', 'The file contains no process. Draw the process, then deploy it.'),
  'lint.single-process.several-executable': entry({
    example: { ids: ['a', 'b'] as readonly string[] },
    fr: (p, f) => `Le fichier contient plusieurs processus exécutables (${p.ids.map(f.quote).join(', ')}) ; une définition n'en contient qu'un. Gardez un processus exécutable par fichier et lancez les autres par des appels de processus.`,
    en: (p, f) => `The file contains several executable processes (${p.ids.map(f.quote).join(', ')}); a definition holds one. Keep one executable process per file and call the others with call activities.`,
  }),
  'lint.single-process.collaboration': entry({
    example: { count: 2, ids: ['a', 'b'] as readonly string[] },
    fr: (p, f) => `Ce fichier est une collaboration de ${p.count} bassins (processus ${p.ids.map(f.quote).join(', ')}) dont aucun n'est marqué exécutable : il décrit comment des partenaires travaillent ensemble, et Relais ne peut pas savoir lequel exécuter. Marquez comme exécutable le processus que Relais doit exécuter, ou déployez chaque processus depuis son propre fichier.`,
    en: (p, f) => `This file is a collaboration of ${p.count} pools (processes ${p.ids.map(f.quote).join(', ')}), none marked executable: it describes how partners work together, and Relais cannot tell which one to run. Mark the one process Relais should run as executable, or deploy each process from its own file.`,
  }),
  'lint.single-process.key': entry({
    example: { id: '1 bad' },
    fr: (p, f) => `L'identifiant du processus ${f.quote(p.id)} est sa clé et ne peut pas servir de clé : utilisez des lettres, des chiffres, « . », « _ » ou « - », en commençant par une lettre ou « _ » (100 caractères au plus).`,
    en: (p) => `The process id "${p.id}" is its key and cannot be used as one: use letters, digits, ".", "_" or "-", starting with a letter or "_" (at most 100 characters).`,
  }),

  // ---- relais/service-task (and the elements that run an activity) ----
  'lint.service-task.no-activity': entry({
    example: RUNNER,
    fr: (p, f) => `${subject(f, p.kind, p.el)} ne dit pas quelle activité exécuter : choisissez-en une (relais:activity, ou le type de job d'une définition de tâche Camunda).`,
    en: (p, f) => `${subject(f, p.kind, p.el)} does not say which activity it runs: choose one (relais:activity, or the job type of a Camunda task definition).`,
  }),
  'lint.service-task.unknown-activity': entry({
    example: { ...RUNNER, activity: 'comms.fax.send' },
    fr: (p, f) => `${subject(f, p.kind, p.el)} exécute ${f.quote(p.activity)}, qui n'est pas une activité connue. Choisissez-en une dans la liste des activités.`,
    en: (p, f) => `${subject(f, p.kind, p.el)} runs "${p.activity}", which is not a known activity. Choose one from the activity list.`,
  }),
  'lint.service-task.no-such-input': entry({
    example: { ...RUNNER, activity: 'system.record', input: 'labl', inputs: ['label', 'data'] as readonly string[] },
    fr: (p, f) => `${subject(f, p.kind, p.el)} : l'activité ${f.quote(p.activity)} n'a pas d'entrée ${f.quote(p.input)}. Ses entrées : ${p.inputs.join(', ') || 'aucune'}.`,
    en: (p, f) => `${subject(f, p.kind, p.el)}: activity "${p.activity}" has no input "${p.input}". Its inputs are: ${p.inputs.join(', ') || 'none'}.`,
  }),
  'lint.service-task.fixed-value': entry({
    example: { ...RUNNER, value: 'x', input: 'label', why: 'is required' as Text },
    fr: (p, f) => `${subject(f, p.kind, p.el)} : la valeur fixe ${f.quote(p.value)} n'est pas acceptée pour l'entrée ${f.quote(p.input)} (${f.text(p.why)}). Pour la calculer, commencez-la par « = ».`,
    en: (p, f) => `${subject(f, p.kind, p.el)}: the fixed value "${p.value}" is not accepted for input "${p.input}" (${f.text(p.why)}). To compute it, start it with "=".`,
  }),
  'lint.service-task.missing-input': entry({
    example: { ...RUNNER, activity: 'system.record', input: 'label' },
    fr: (p, f) => `${subject(f, p.kind, p.el)} : l'activité ${f.quote(p.activity)} a besoin de l'entrée ${f.quote(p.input)}. Ajoutez-lui une correspondance d'entrée.`,
    en: (p, f) => `${subject(f, p.kind, p.el)}: activity "${p.activity}" needs the input "${p.input}". Add an input mapping for it.`,
  }),
  'lint.result-variable': entry({
    example: { ...RUNNER, variable: '2fast' },
    fr: (p, f) => `${subject(f, p.kind, p.el)} : la variable de résultat ${f.quote(p.variable)} n'est pas un nom de variable valide ${VARIABLE_RULE[0]}.`,
    en: (p, f) => `${subject(f, p.kind, p.el)}: the result variable "${p.variable}" is not a valid variable name ${VARIABLE_RULE[1]}.`,
  }),

  // ---- relais/business-rule-task ----
  'lint.business-rule-task.no-decision': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'businessRuleTask', p.el)} ne dit pas quelle décision évaluer : indiquez l'identifiant d'une décision DMN déployée (relais:decision, ou l'identifiant de la décision appelée dans Camunda Modeler).`,
    en: (p, f) => `${subject(f, 'businessRuleTask', p.el)} does not say which decision it evaluates: set the id of a deployed DMN decision (relais:decision, or the called decision's id in Camunda Modeler).`,
  }),
  'lint.business-rule-task.decision-expression': entry({
    example: { ...EL, decision: '=d' },
    fr: (p, f) => `${subject(f, 'businessRuleTask', p.el)} : la décision ${f.quote(p.decision)} doit être un identifiant fixe, pas une expression (la décision est intégrée au déploiement du processus).`,
    en: (p, f) => `${subject(f, 'businessRuleTask', p.el)}: the decision "${p.decision}" must be a fixed decision id, not an expression (the decision is embedded when the process is deployed).`,
  }),
  'lint.business-rule-task.not-deployed': entry({
    example: { ...EL, decision: 'discount' },
    fr: (p, f) => `${subject(f, 'businessRuleTask', p.el)} évalue la décision ${f.quote(p.decision)}, qui n'est pas déployée : déployez d'abord le fichier DMN qui la définit (POST /api/v1/decision-definitions).`,
    en: (p, f) => `${subject(f, 'businessRuleTask', p.el)} evaluates the decision "${p.decision}", which is not deployed: deploy the DMN file that defines decision "${p.decision}" first (POST /api/v1/decision-definitions).`,
  }),
  'lint.business-rule-task.no-result-variable': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'businessRuleTask', p.el)} n'a pas de variable de résultat, le résultat de la décision serait perdu : nommez la variable qui le reçoit (relais:resultVariable, ou la variable de résultat de la décision appelée).`,
    en: (p, f) => `${subject(f, 'businessRuleTask', p.el)} has no result variable, so the decision's result would be lost: name the variable that receives it (relais:resultVariable, or the called decision's result variable).`,
  }),

  // ---- relais/user-task ----
  'lint.user-task.computed-candidates': entry({
    example: { ...EL, candidates: ['=role'] as readonly string[] },
    fr: (p, f) => `${subject(f, 'userTask', p.el)} : des candidats calculés par une expression (${p.candidates.join(', ')}) ne sont pas pris en charge. Listez les clés de rôle ou les identifiants d'utilisateur eux-mêmes, séparés par des virgules.`,
    en: (p, f) => `${subject(f, 'userTask', p.el)}: candidates computed by an expression (${p.candidates.join(', ')}) are not supported. List the role keys or user ids themselves, separated by commas.`,
  }),
  'lint.user-task.unknown-roles': entry({
    example: { ...EL, roles: ['wizard'] as readonly string[], known: ['manager', 'direction'] as readonly string[] },
    fr: (p, f) => `${subject(f, 'userTask', p.el)} : ${p.roles.length > 1 ? 'les rôles' : 'le rôle'} ${p.roles.map(f.quote).join(', ')} n'${p.roles.length > 1 ? 'existent' : 'existe'} pas dans cette organisation. Rôles connus : ${p.known.join(', ')}.`,
    en: (p, f) => `${subject(f, 'userTask', p.el)}: ${p.roles.length > 1 ? 'the roles' : 'the role'} ${p.roles.map(f.quote).join(', ')} ${p.roles.length > 1 ? 'do' : 'does'} not exist in this organisation. Known roles: ${p.known.join(', ')}.`,
  }),
  'lint.user-task.camunda-form': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'userTask', p.el)} utilise un formulaire Camunda (identifiant de formulaire ou référence externe), que Relais ne peut pas afficher. Choisissez un formulaire enregistré (clé de formulaire) ou écrivez un formulaire intégré.`,
    en: (p, f) => `${subject(f, 'userTask', p.el)} uses a Camunda form (form id or external reference), which Relais cannot show. Choose a registered form (form key) or write an inline form.`,
  }),
  'lint.user-task.form-and-inline': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'userTask', p.el)} a à la fois une clé de formulaire et un formulaire intégré : gardez-en un.`,
    en: (p, f) => `${subject(f, 'userTask', p.el)} has both a form key and an inline form: keep one.`,
  }),
  'lint.user-task.embedded-camunda-form': entry({
    example: { ...EL, form: 'camunda-forms:x' },
    fr: (p, f) => `${subject(f, 'userTask', p.el)} : le formulaire ${f.quote(p.form)} est un formulaire Camunda intégré au fichier, que Relais ne peut pas afficher. Choisissez un formulaire enregistré ou écrivez un formulaire intégré.`,
    en: (p, f) => `${subject(f, 'userTask', p.el)}: the form "${p.form}" is a Camunda form embedded in the file, which Relais cannot show. Choose a registered form or write an inline form.`,
  }),
  'lint.user-task.unknown-form': entry({
    example: { ...EL, form: 'nope' },
    fr: (p, f) => `${subject(f, 'userTask', p.el)} : le formulaire ${f.quote(p.form)} n'existe pas. Choisissez un formulaire enregistré ou écrivez un formulaire intégré.`,
    en: (p, f) => `${subject(f, 'userTask', p.el)}: the form "${p.form}" does not exist. Choose a registered form or write an inline form.`,
  }),
  'lint.user-task.inline-form': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'userTask', p.el)} : le formulaire intégré n'est pas un objet JSON (un schéma JSON comme {"type":"object","properties":{…}}).`,
    en: (p, f) => `${subject(f, 'userTask', p.el)}: the inline form is not a JSON object (a JSON Schema such as {"type":"object","properties":{…}}).`,
  }),
  'lint.user-task.due-date': entry({
    example: { ...EL, problem: '"x" is wrong' as Text },
    fr: (p, f) => `${subject(f, 'userTask', p.el)} : l'échéance ${f.text(p.problem)}.`,
    en: (p, f) => `${subject(f, 'userTask', p.el)}: the due date ${f.text(p.problem)}.`,
  }),
  'lint.user-task.priority': entry({
    example: { ...EL, problem: '"x" is wrong' as Text },
    fr: (p, f) => `${subject(f, 'userTask', p.el)} : la priorité ${f.text(p.problem)}.`,
    en: (p, f) => `${subject(f, 'userTask', p.el)}: the priority ${f.text(p.problem)}.`,
  }),

  // ---- relais/missing-condition, relais/condition-not-evaluated ----
  'lint.missing-condition': entry({
    example: { gateway: 'Montant ?', target: 'Valider' as string | null },
    fr: (p, f) => `Le flux de la passerelle ${f.quote(p.gateway)} vers ${orWord(f, p.target, 'sa cible', 'its target')} n'a pas de condition. Donnez-lui une condition, ou faites-en le flux par défaut de la passerelle.`,
    en: (p, f) => `The flow from gateway ${f.quote(p.gateway)} to ${orWord(f, p.target, 'sa cible', 'its target')} has no condition. Give it a condition, or make it the gateway's default flow.`,
  }),
  'lint.condition-not-evaluated.not-gateway': entry({
    example: { source: 'Valider' as string | null },
    fr: (p, f) => `Ce flux a une condition mais part de ${orWord(f, p.source, 'un élément', 'an element')}, qui n'est pas une passerelle exclusive ou inclusive : elle ne serait jamais évaluée. Placez une passerelle exclusive avant le choix, ou retirez la condition.`,
    en: (p, f) => `This flow has a condition but leaves ${orWord(f, p.source, 'un élément', 'an element')}, which is not an exclusive or inclusive gateway, so it would never be evaluated. Put an exclusive gateway before the choice, or remove the condition.`,
  }),
  'lint.condition-not-evaluated.default-flow': entry({
    example: { gateway: 'Montant ?' },
    fr: (p, f) => `Ce flux est le flux par défaut de la passerelle ${f.quote(p.gateway)} : il est pris quand aucune autre condition n'est vraie, sa propre condition serait donc ignorée. Retirez-la.`,
    en: (p, f) => `This flow is the default flow of gateway ${f.quote(p.gateway)}: it is taken when no other condition holds, so its own condition would be ignored. Remove it.`,
  }),

  // ---- relais/timer ----
  'lint.timer.empty-cycle': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'timer', p.el)} se répète mais son cycle est vide : donnez un intervalle répété comme R3/PT10M (trois fois, toutes les dix minutes) ou R/P1D (tous les jours).`,
    en: (p, f) => `${subject(f, 'timer', p.el)} repeats but its cycle is empty: give a repeating interval such as R3/PT10M (three times, every ten minutes) or R/P1D (every day).`,
  }),
  'lint.timer.nothing': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'timer', p.el)} n'a ni durée ni date : donnez-lui une durée (PT15M, P2D) ou une date et une heure.`,
    en: (p, f) => `${subject(f, 'timer', p.el)} has no duration or date: give it a duration (PT15M, P2D) or a date-time.`,
  }),
  'lint.timer.several': entry({
    example: { ...EL, given: ['duration', 'date'] as ReadonlyArray<'duration' | 'date' | 'cycle'> },
    fr: (p, f) => `${subject(f, 'timer', p.el)} a ${f.list(p.given.map((g) => ({ duration: 'une durée', date: 'une date', cycle: 'un cycle' })[g]))} : gardez-en un.`,
    en: (p, f) => `${subject(f, 'timer', p.el)} has ${p.given.map((g) => ({ duration: 'a duration', date: 'a date', cycle: 'a cycle' })[g]).join(' and ')}: keep one.`,
  }),
  'lint.timer.sub-process-cycle': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'timer', p.el)} : un sous-processus démarre quand un jeton l'atteint, son événement de début ne peut pas se répéter (timeCycle). Retirez la minuterie ; pour répéter dans un processus, utilisez le début programmé d'un sous-processus d'événement ou une minuterie attachée sans interruption.`,
    en: (p, f) => `${subject(f, 'timer', p.el)}: a sub-process starts when a token reaches it, its start event cannot repeat (timeCycle). Remove the timer; to repeat inside a process, use a timer start event of an event sub-process or a non-interrupting boundary timer.`,
  }),
  'lint.timer.intermediate-cycle': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'timer', p.el)} : une minuterie intermédiaire attend une fois, elle ne peut pas se répéter (timeCycle). Donnez-lui une durée ou une date ; pour répéter, revenez en arrière par une passerelle exclusive, ou utilisez une minuterie attachée sans interruption.`,
    en: (p, f) => `${subject(f, 'timer', p.el)}: an intermediate timer waits once, it cannot repeat (timeCycle). Give it a duration or a date; to repeat, loop back through an exclusive gateway, or use a non-interrupting boundary timer.`,
  }),
  'lint.timer.invalid': entry({
    example: { ...EL, problem: '"x" is wrong' as Text },
    fr: (p, f) => `${subject(f, 'timer', p.el)} : ${f.text(p.problem)}.`,
    en: (p, f) => `${subject(f, 'timer', p.el)}: ${f.text(p.problem)}.`,
  }),

  // ---- relais/message ----
  'lint.message.no-name': entry({
    example: { kind: 'messageEvent' as 'messageEvent' | 'receiveTask', el: 'Réponse' },
    fr: (p, f) => `${subject(f, p.kind, p.el)} n'a pas de nom de message : choisissez ou créez un message et donnez-lui un nom (celui qu'utilisent les expéditeurs).`,
    en: (p, f) => `${subject(f, p.kind, p.el)} has no message name: choose or create a message and give it a name (the name senders use).`,
  }),
  'lint.message.name-expression': entry({
    example: { kind: 'messageEvent' as 'messageEvent' | 'receiveTask', el: 'Réponse', name: '=x' },
    fr: (p, f) => `${subject(f, p.kind, p.el)} : le nom de message ${f.quote(p.name)} doit être un nom fixe, pas une expression.`,
    en: (p, f) => `${subject(f, p.kind, p.el)}: the message name "${p.name}" must be a fixed name, not an expression.`,
  }),

  // ---- relais/error-event ----
  'lint.error-event.undeclared': entry({
    example: { ...EL, code: 'NOPE', activity: 'comms.email.send', declared: ['BOUNCED'] as readonly string[] },
    fr: (p, f) => `${subject(f, 'boundaryErrorEvent', p.el)} attend l'erreur ${f.quote(p.code)} de ${f.quote(p.activity)}, qui ne la lève jamais (${p.declared.length ? `l'activité déclare ${p.declared.map(f.quote).join(', ')}` : 'l\'activité n\'en déclare aucune'} ; ses pannes techniques ouvrent des incidents) : l'événement ne se déclencherait jamais. Attrapez un code que l'activité déclare, ou supprimez l'événement.`,
    en: (p, f) => `${subject(f, 'boundaryErrorEvent', p.el)} waits for error "${p.code}" from "${p.activity}", which never raises it (${p.declared.length ? `it declares ${p.declared.map(f.quote).join(', ')}` : 'it declares none'}; its technical failures open incidents): it would never fire. Catch a code the activity declares, or remove the event.`,
  }),
  'lint.error-event.end-no-code': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'errorEndEvent', p.el)} n'a pas de code d'erreur : choisissez ou créez une erreur avec un code, pour qu'une erreur attachée puisse l'attraper.`,
    en: (p, f) => `${subject(f, 'errorEndEvent', p.el)} has no error code: choose or create an error with a code, so that a boundary error event can catch it.`,
  }),
  'lint.error-event.reference-no-code': entry({
    example: { kind: 'boundaryErrorEvent' as 'boundaryErrorEvent' | 'errorStartEvent', el: 'Refus' },
    fr: (p, f) => `${subject(f, p.kind, p.el)} désigne une erreur sans code : donnez un code à l'erreur, ou retirez la référence pour attraper toutes les erreurs.`,
    en: (p, f) => `${subject(f, p.kind, p.el)} refers to an error without a code: give the error a code, or remove the reference to catch every error.`,
  }),
  'lint.error-event.boundary-non-interrupting': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'boundaryErrorEvent', p.el)} doit interrompre sa tâche : une erreur l'arrête toujours.`,
    en: (p, f) => `${subject(f, 'boundaryErrorEvent', p.el)} must interrupt its task: an error always stops it.`,
  }),
  'lint.error-event.start-non-interrupting': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'errorStartEvent', p.el)} doit interrompre : une erreur arrête toujours la portée où elle est levée. Rendez le sous-processus d'événement interrompant.`,
    en: (p, f) => `${subject(f, 'errorStartEvent', p.el)} must interrupt: an error always stops the scope it is thrown in. Make the event sub-process interrupting.`,
  }),

  // ---- relais/boundary-host ----
  'lint.boundary-host': entry({
    example: { trigger: 'timer', el: 'Délai', host: 'Valider', hosts: ['serviceTask', 'userTask'] as readonly string[] },
    fr: (p, f) => `${KINDS.boundaryEvent[0]} ${f.quote(p.el)} (${trigger(f, p.trigger)}) est posé sur ${f.quote(p.host)}, où il ne peut pas se déclencher. Attachez-le à ${f.either(p.hosts.map((h) => PLAN_KINDS[h]?.[0] ?? h))}.`,
    en: (p, f) => {
      const kinds = p.hosts.map((h) => PLAN_KINDS[h]?.[1] ?? h);
      return `Boundary ${trigger(f, p.trigger)} event ${f.quote(p.el)} is attached to ${f.quote(p.host)}, where it cannot fire. Attach it to ${kinds.slice(0, -1).join(', ')} or ${kinds[kinds.length - 1]}.`;
    },
  }),

  // ---- relais/event-based-gateway-target ----
  'lint.event-based-gateway-target.receive-boundaries': entry({
    example: { ...EL, gateway: 'Attente' },
    fr: (p, f) => `${subject(f, 'receiveTask', p.el)} suit la passerelle sur événements ${f.quote(p.gateway)}, elle ne peut donc pas porter d'événements attachés : les autres événements de la passerelle font déjà la course avec son message. Retirez-les, ou dessinez-les comme d'autres événements après la passerelle.`,
    en: (p, f) => `${subject(f, 'receiveTask', p.el)} follows the event-based gateway ${f.quote(p.gateway)}, so it cannot carry boundary events: the gateway's other events already race its message. Remove them, or draw them as further events after the gateway.`,
  }),
  'lint.event-based-gateway-target.receive-multi-instance': entry({
    example: { ...EL, gateway: 'Attente' },
    fr: (p, f) => `${subject(f, 'receiveTask', p.el)} suit la passerelle sur événements ${f.quote(p.gateway)}, elle attend donc un seul message : retirez son marqueur multi-instance.`,
    en: (p, f) => `${subject(f, 'receiveTask', p.el)} follows the event-based gateway ${f.quote(p.gateway)}, so it waits for one message: remove its multi-instance marker.`,
  }),
  'lint.event-based-gateway-target.not-a-catch': entry({
    example: { ...EL, gateway: 'Attente' },
    fr: (p, f) => `${f.quote(p.el)} suit la passerelle sur événements ${f.quote(p.gateway)} : ce doit être une minuterie, une attente de message ou de signal, ou une tâche de réception (le premier qui arrive l'emporte).`,
    en: (p, f) => `${f.quote(p.el)} follows the event-based gateway ${f.quote(p.gateway)}: it must be an intermediate timer, message or signal catch event, or a receive task (the first to happen wins).`,
  }),

  // ---- relais/call-activity ----
  'lint.call-activity.no-process': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'callActivity', p.el)} ne dit pas quel processus démarrer : indiquez la clé du processus appelé (relais:calledProcess, ou l'identifiant de processus de l'élément appelé).`,
    en: (p, f) => `${subject(f, 'callActivity', p.el)} does not say which process it starts: set the called process key (relais:calledProcess, or the called element's process id).`,
  }),
  'lint.call-activity.not-a-key': entry({
    example: { ...EL, called: '=x' },
    fr: (p, f) => `${subject(f, 'callActivity', p.el)} : ${f.quote(p.called)} n'est pas une clé de processus (l'identifiant d'un processus déployé ; un nom fixe, pas une expression).`,
    en: (p, f) => `${subject(f, 'callActivity', p.el)}: "${p.called}" is not a process key (the id of a deployed process; a fixed name, not an expression).`,
  }),

  // ---- relais/multi-instance ----
  'lint.multi-instance.nothing': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'multiInstance', p.el)} n'a ni collection ni nombre d'instances : donnez l'expression FEEL de la liste à parcourir (relais:collection), ou le nombre d'instances (loop cardinality).`,
    en: (p, f) => `${subject(f, 'multiInstance', p.el)} has no collection and no loop cardinality: give the FEEL expression of the list to iterate over (relais:collection), or the number of instances (loop cardinality).`,
  }),
  'lint.multi-instance.both': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'multiInstance', p.el)} a à la fois une collection et un nombre d'instances : gardez-en un (la liste décide du nombre d'instances).`,
    en: (p, f) => `${subject(f, 'multiInstance', p.el)} has both a collection and a loop cardinality: keep one (the list decides how many instances run).`,
  }),
  'lint.multi-instance.no-element-variable': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'multiInstance', p.el)} parcourt une collection mais n'a pas de variable d'élément : nommez la variable qui reçoit l'élément courant (relais:elementVariable).`,
    en: (p, f) => `${subject(f, 'multiInstance', p.el)} iterates over a collection but has no element variable: name the variable that holds the current item (relais:elementVariable).`,
  }),
  'lint.multi-instance.variable-name': entry({
    example: { ...EL, what: 'elementVariable' as 'elementVariable' | 'outputCollection', name: '2x' },
    fr: (p, f) => `${subject(f, 'multiInstance', p.el)} : ${p.what === 'elementVariable' ? 'la variable d\'élément' : 'la collection de sortie'} ${f.quote(p.name)} n'est pas un nom de variable valide ${VARIABLE_RULE[0]}.`,
    en: (p, f) => `${subject(f, 'multiInstance', p.el)}: the ${p.what === 'elementVariable' ? 'element variable' : 'output collection'} "${p.name}" is not a valid variable name ${VARIABLE_RULE[1]}.`,
  }),
  'lint.multi-instance.output-together': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'multiInstance', p.el)} : la collection de sortie et l'élément de sortie vont ensemble : indiquez les deux (la liste à remplir, et ce que chaque instance y ajoute) ou aucun.`,
    en: (p, f) => `${subject(f, 'multiInstance', p.el)}: the output collection and the output element go together: set both (the list to fill, and what each instance adds to it) or neither.`,
  }),

  // ---- relais/io-mapping ----
  'lint.io-mapping.inputs-ignored': entry({
    example: EL,
    fr: (p, f) => `${f.quote(p.el)} : les correspondances d'entrée ne sont lues que par les tâches de service (et les éléments qui exécutent une activité) et les appels de processus. Retirez-les.`,
    en: (p, f) => `${f.quote(p.el)}: input mappings are only read by service tasks (and elements that run an activity) and call activities. Remove them.`,
  }),
  'lint.io-mapping.outputs-ignored': entry({
    example: EL,
    fr: (p, f) => `${f.quote(p.el)} : les correspondances de sortie ne sont lues que sur les tâches, les sous-processus, les appels de processus et les événements en attente. Retirez-les.`,
    en: (p, f) => `${f.quote(p.el)}: output mappings are only read on tasks, sub-processes, call activities and catch events. Remove them.`,
  }),
  'lint.io-mapping.no-target': entry({
    example: { ...EL, direction: 'input' as 'input' | 'output', activityInput: true },
    fr: (p, f) => `${f.quote(p.el)} : une correspondance ${p.direction === 'input' ? 'd\'entrée' : 'de sortie'} n'a pas de cible : nommez ${p.activityInput ? 'l\'entrée de l\'activité' : 'la variable'} qu'elle remplit.`,
    en: (p, f) => `${f.quote(p.el)}: an ${p.direction} mapping has no target: name the ${p.activityInput ? 'activity input' : 'variable'} it sets.`,
  }),
  'lint.io-mapping.no-source': entry({
    example: { ...EL, direction: 'input' as 'input' | 'output', target: 'label' },
    fr: (p, f) => `${f.quote(p.el)} : la correspondance ${p.direction === 'input' ? 'd\'entrée' : 'de sortie'} vers ${f.quote(p.target)} n'a pas de source : donnez une valeur, ou une expression FEEL commençant par « = ».`,
    en: (p, f) => `${f.quote(p.el)}: the ${p.direction} mapping to "${p.target}" has no source: give a value, or a FEEL expression starting with "=".`,
  }),
  'lint.io-mapping.twice': entry({
    example: { ...EL, direction: 'input' as 'input' | 'output', target: 'label' },
    fr: (p, f) => `${f.quote(p.el)} : ${f.quote(p.target)} est rempli par deux correspondances ${p.direction === 'input' ? 'd\'entrée' : 'de sortie'} : gardez-en une.`,
    en: (p, f) => `${f.quote(p.el)}: "${p.target}" is set by two ${p.direction} mappings: keep one.`,
  }),
  'lint.io-mapping.target-name': entry({
    example: { ...EL, direction: 'input' as 'input' | 'output', target: '2x' },
    fr: (p, f) => `${f.quote(p.el)} : la cible ${p.direction === 'input' ? 'd\'entrée' : 'de sortie'} ${f.quote(p.target)} n'est pas un nom valide ${VARIABLE_RULE[0]}.`,
    en: (p, f) => `${f.quote(p.el)}: the ${p.direction} target "${p.target}" is not a valid name ${VARIABLE_RULE[1]}.`,
  }),

  // ---- relais/feel ----
  'lint.feel': entry({
    example: { setting: 'condition' as ExpressionSetting, target: null as string | null, el: 'Flux', problem: 'is wrong' as Text },
    fr: (p, f) => `${SETTINGS[p.setting][0]}${p.target === null ? '' : ` ${f.quote(p.target)}`} de ${f.quote(p.el)} : ${f.text(p.problem)}.`,
    en: (p, f) => `The ${SETTINGS[p.setting][1]}${p.target === null ? '' : ` "${p.target}"`} of ${f.quote(p.el)}: ${f.text(p.problem)}.`,
  }),

  // ---- relais/unreachable ----
  'lint.unreachable': entry({
    example: EL,
    fr: (p, f) => `${f.quote(p.el)} ne peut jamais être atteint depuis un événement de début : vérifiez les flux de séquence qui y mènent.`,
    en: (p, f) => `${f.quote(p.el)} can never be reached from a start event: check the sequence flows that lead to it.`,
  }),

  // ---- relais/unsupported-element ----
  'lint.unsupported-element': entry({
    example: { ...EL, type: 'bpmn:ComplexGateway' },
    fr: (p, f) => `${f.quote(p.el)} : ${UNSUPPORTED[p.type]?.[0] ?? `les éléments ${p.type.replace('bpmn:', '')} ne sont pas exécutés par Relais.`}`,
    en: (p, f) => `${f.quote(p.el)}: ${UNSUPPORTED[p.type]?.[1] ?? `${p.type.replace('bpmn:', '')} elements are not executed by Relais.`}`,
  }),
  'lint.unsupported-element.parallel-event-gateway': entry({
    example: EL,
    fr: (p, f) => `${f.quote(p.el)} : une passerelle sur événements parallèle (qui attend tous ses événements) n'est pas exécutée par Relais ; une passerelle sur événements suit le premier événement qui arrive. Rendez-la exclusive, ou attendez chaque événement sur des branches parallèles.`,
    en: (p, f) => `${f.quote(p.el)}: a parallel event-based gateway (waiting for all its events) is not executed by Relais; an event-based gateway takes the first event that happens. Make it exclusive, or wait for each event on parallel branches.`,
  }),
  'lint.unsupported-element.instantiating-event-gateway': entry({
    example: EL,
    fr: (p, f) => `${f.quote(p.el)} : une passerelle sur événements qui démarre le processus n'est pas exécutée par Relais. Démarrez le processus par un début sur message, sur signal ou programmé.`,
    en: (p, f) => `${f.quote(p.el)}: an event-based gateway that starts the process is not executed by Relais. Start the process with a message, signal or timer start event.`,
  }),
  'lint.unsupported-element.blank-catch': entry({
    example: EL,
    fr: (p, f) => `${f.quote(p.el)} : un événement intermédiaire en attente doit attendre une minuterie, un message, un signal ou un lien.`,
    en: (p, f) => `${f.quote(p.el)}: an intermediate catch event must wait for a timer, a message, a signal or a link.`,
  }),
  'lint.unsupported-element.trigger': entry({
    example: { ...EL, trigger: 'conditional', position: 'bpmn:StartEvent', allowed: ['none', 'message'] as readonly string[] },
    fr: (p, f) => `${f.quote(p.el)} : les événements ${POSITIONS[p.position]?.[0] ?? p.position} de type ${trigger(f, p.trigger)} ne sont pas exécutés par Relais (exécutés ici : ${triggers(f, p.allowed)}).${TRIGGER_ADVICE[p.trigger] ? ` ${TRIGGER_ADVICE[p.trigger]![0]}` : ''}`,
    en: (p, f) => `${f.quote(p.el)}: ${trigger(f, p.trigger)} ${POSITIONS[p.position]?.[1] ?? p.position} are not executed by Relais (executed here: ${triggers(f, p.allowed)}).${TRIGGER_ADVICE[p.trigger] ? ` ${TRIGGER_ADVICE[p.trigger]![1]}` : ''}`,
  }),
  'lint.unsupported-element.standard-loop': entry({
    example: EL,
    fr: (p, f) => `${f.quote(p.el)} : les boucles (le marqueur de boucle standard) ne sont pas exécutées par Relais. Utilisez un marqueur multi-instance sur une liste, ou un flux de retour par une passerelle exclusive.`,
    en: (p, f) => `${f.quote(p.el)}: loops (the standard loop marker) are not executed by Relais. Use a multi-instance marker over a list, or a flow back through an exclusive gateway.`,
  }),

  // ---- relais/script-task ----
  'lint.script-task.language': entry({
    example: { ...EL, format: 'javascript' },
    fr: (p, f) => `${subject(f, 'scriptTask', p.el)} est écrite en ${p.format} : seuls les scripts FEEL s'exécutent dans Relais. Réécrivez-la en expression FEEL (format de script « feel »).`,
    en: (p, f) => `${subject(f, 'scriptTask', p.el)} is written in ${p.format}: only FEEL scripts run in Relais. Rewrite it as a FEEL expression (script format "feel").`,
  }),
  'lint.script-task.no-script': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'scriptTask', p.el)} n'a pas de script : écrivez l'expression FEEL dont elle calcule la valeur.`,
    en: (p, f) => `${subject(f, 'scriptTask', p.el)} has no script: write the FEEL expression whose value it computes.`,
  }),

  // ---- relais/link-event ----
  'lint.link-event.no-name': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'linkEvent', p.el)} n'a pas de nom : un lien de départ continue au lien d'arrivée du même nom. Nommez les deux.`,
    en: (p, f) => `${subject(f, 'linkEvent', p.el)} has no name: a link throw event continues at the link catch event of the same name. Name both.`,
  }),
  'lint.link-event.no-catch': entry({
    example: { ...EL, name: 'suite' },
    fr: (p, f) => `${subject(f, 'linkEvent', p.el)} mène au lien ${f.quote(p.name)}, qui n'a pas de lien d'arrivée dans le même processus ou sous-processus. Ajoutez un lien d'arrivée nommé ${f.quote(p.name)} là où le flux continue.`,
    en: (p, f) => `${subject(f, 'linkEvent', p.el)} leads to the link "${p.name}", which has no catch event in the same process or sub-process. Add a link catch event named "${p.name}" where the flow continues.`,
  }),
  'lint.link-event.two-catches': entry({
    example: { name: 'suite' },
    fr: (p, f) => `Deux liens d'arrivée s'appellent ${f.quote(p.name)} dans le même processus ou sous-processus : un lien de départ ne saurait pas où continuer. Renommez-en un.`,
    en: (p) => `Two link catch events are named "${p.name}" in the same process or sub-process: a link throw event would not know where to continue. Rename one.`,
  }),

  // ---- relais/event-sub-process ----
  'lint.event-sub-process.flows': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'eventSubProcess', p.el)} est relié par des flux de séquence : il démarre sur le déclencheur de son événement de début pendant que son processus ou sous-processus s'exécute, aucun flux ne peut donc y entrer ni en sortir. Retirez les flux.`,
    en: (p, f) => `${subject(f, 'eventSubProcess', p.el)} is connected by sequence flows: it starts on its start event's trigger while its process or sub-process runs, so no flow may enter or leave it. Remove the flows.`,
  }),
  'lint.event-sub-process.multi-instance': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'eventSubProcess', p.el)} a un marqueur multi-instance, qu'un sous-processus d'événement ne peut pas avoir : retirez-le (placez l'activité multi-instance à l'intérieur).`,
    en: (p, f) => `${subject(f, 'eventSubProcess', p.el)} has a multi-instance marker, which an event sub-process cannot have: remove it (put the multi-instance activity inside).`,
  }),
  'lint.event-sub-process.boundary': entry({
    example: { ...EL, sub: 'Annulation' },
    fr: (p, f) => `${subject(f, 'boundaryEvent', p.el)} est posé sur le sous-processus d'événement ${f.quote(p.sub)}, qui ne peut pas avoir d'événements attachés. Attachez-le à une activité, ou traitez l'événement dans le sous-processus d'événement.`,
    en: (p, f) => `${subject(f, 'boundaryEvent', p.el)} is attached to the event sub-process ${f.quote(p.sub)}, which cannot have boundary events. Attach it to an activity, or handle the event inside the event sub-process.`,
  }),
  'lint.event-sub-process.several-starts': entry({
    example: { ...EL, count: 2 },
    fr: (p, f) => `${subject(f, 'eventSubProcess', p.el)} a ${p.count} événements de début : un sous-processus d'événement en a exactement un, dont le déclencheur le démarre. Gardez-en un.`,
    en: (p, f) => `${subject(f, 'eventSubProcess', p.el)} has ${p.count} start events: an event sub-process has exactly one, whose trigger starts it. Keep one.`,
  }),
  'lint.event-sub-process.start-no-trigger': entry({
    example: { ...EL, sub: 'Annulation' },
    fr: (p, f) => `L'événement de début ${f.quote(p.el)} du sous-processus d'événement ${f.quote(p.sub)} n'a pas de déclencheur : donnez-lui la minuterie, le message, le signal, l'erreur ou l'escalade qui le démarre.`,
    en: (p, f) => `The start event ${f.quote(p.el)} of event sub-process ${f.quote(p.sub)} has no trigger: give it the timer, message, signal, error or escalation that starts it.`,
  }),
  'lint.event-sub-process.start-trigger': entry({
    example: { ...EL, sub: 'Annulation', trigger: 'conditional', allowed: ['timer', 'message'] as readonly string[] },
    fr: (p, f) => `L'événement de début ${f.quote(p.el)} du sous-processus d'événement ${f.quote(p.sub)} : les débuts de type ${trigger(f, p.trigger)} ne sont pas exécutés par Relais dans les sous-processus d'événement (exécutés : ${triggers(f, p.allowed)}).`,
    en: (p, f) => `The start event ${f.quote(p.el)} of event sub-process ${f.quote(p.sub)}: ${trigger(f, p.trigger)} start events are not executed by Relais in event sub-processes (executed: ${triggers(f, p.allowed)}).`,
  }),

  // ---- relais/signal, relais/escalation ----
  'lint.signal.no-name': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'signalEvent', p.el)} n'a pas de nom de signal : choisissez ou créez un signal et donnez-lui un nom (toutes les instances qui attendent ce nom le reçoivent).`,
    en: (p, f) => `${subject(f, 'signalEvent', p.el)} has no signal name: choose or create a signal and give it a name (every instance waiting for that name receives it).`,
  }),
  'lint.signal.name-expression': entry({
    example: { ...EL, name: '=x' },
    fr: (p, f) => `${subject(f, 'signalEvent', p.el)} : le nom de signal ${f.quote(p.name)} doit être un nom fixe, pas une expression.`,
    en: (p, f) => `${subject(f, 'signalEvent', p.el)}: the signal name "${p.name}" must be a fixed name, not an expression.`,
  }),
  'lint.escalation.no-code': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'escalationEvent', p.el)} n'a pas de code d'escalade : choisissez ou créez une escalade avec un code, pour qu'une escalade attachée ou un sous-processus d'événement puisse l'attraper.`,
    en: (p, f) => `${subject(f, 'escalationEvent', p.el)} has no escalation code: choose or create an escalation with a code, so that a boundary escalation event or an event sub-process can catch it.`,
  }),
  'lint.escalation.code-expression': entry({
    example: { ...EL, code: '=x' },
    fr: (p, f) => `${subject(f, 'escalationEvent', p.el)} : le code d'escalade ${f.quote(p.code)} doit être un code fixe, pas une expression.`,
    en: (p, f) => `${subject(f, 'escalationEvent', p.el)}: the escalation code "${p.code}" must be a fixed code, not an expression.`,
  }),
  'lint.escalation.reference-no-code': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'escalationEvent', p.el)} désigne une escalade sans code : donnez un code à l'escalade, ou retirez la référence pour attraper toutes les escalades.`,
    en: (p, f) => `${subject(f, 'escalationEvent', p.el)} refers to an escalation without a code: give the escalation a code, or remove the reference to catch every escalation.`,
  }),
  'lint.escalation.call-activity': entry({
    example: { ...EL, host: 'Sous-traitance' },
    fr: (p, f) => `${subject(f, 'boundaryEscalationEvent', p.el)} est attachée à l'appel de processus ${f.quote(p.host)} : les escalades levées dans un processus appelé n'atteignent pas encore l'appelant dans Relais, elle ne se déclencherait donc jamais. Dans le processus appelé, terminez par une fin en erreur et attrapez-la ici par une erreur attachée, ou dessinez les étapes comme un sous-processus.`,
    en: (p, f) => `${subject(f, 'boundaryEscalationEvent', p.el)} is attached to the call activity ${f.quote(p.host)}: escalations thrown in a called process do not reach the caller in Relais yet, so it would never fire. In the called process, end with an error end event and catch it here with a boundary error event, or draw the steps as an embedded sub-process.`,
  }),

  // ---- relais/compensation ----
  'lint.compensation.handler-flows': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'compensationHandler', p.el)} est relié par des flux de séquence : un gestionnaire de compensation ne s'exécute que quand son activité est compensée. Retirez les flux.`,
    en: (p, f) => `${subject(f, 'compensationHandler', p.el)} is connected by sequence flows: a compensation handler runs only when its activity is compensated. Remove the flows.`,
  }),
  'lint.compensation.handler-unlinked': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'compensationHandler', p.el)} n'est lié à aucune compensation attachée : attachez une compensation à l'activité qu'il défait et reliez-la à ce gestionnaire par une association.`,
    en: (p, f) => `${subject(f, 'compensationHandler', p.el)} is not linked to a compensation boundary event: attach a compensation boundary event to the activity it undoes and connect it to this handler with an association.`,
  }),
  'lint.compensation.boundary-flows': entry({
    example: { ...EL, host: 'Réserver' as string | null },
    fr: (p, f) => `${subject(f, 'compensationBoundaryEvent', p.el)} a des flux de séquence sortants : elle désigne seulement le gestionnaire de ${orWord(f, p.host, 'son activité', 'its activity')}. Reliez-la au gestionnaire par une association à la place.`,
    en: (p, f) => `${subject(f, 'compensationBoundaryEvent', p.el)} has outgoing sequence flows: it only names the handler of ${orWord(f, p.host, 'son activité', 'its activity')}. Connect it to the handler with an association instead.`,
  }),
  'lint.compensation.boundary-handler': entry({
    example: { ...EL, host: 'Réserver' as string | null },
    fr: (p, f) => `${subject(f, 'compensationBoundaryEvent', p.el)} doit être reliée par une association à exactement un gestionnaire de compensation : une activité marquée « pour compensation » qui défait ${orWord(f, p.host, 'son activité', 'its activity')}.`,
    en: (p, f) => `${subject(f, 'compensationBoundaryEvent', p.el)} must be connected by an association to exactly one compensation handler: an activity marked "for compensation" that undoes ${orWord(f, p.host, 'son activité', 'its activity')}.`,
  }),
  'lint.compensation.boundary-on-handler': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'compensationBoundaryEvent', p.el)} est attachée à un gestionnaire de compensation : un gestionnaire ne peut pas lui-même être compensé. Attachez-la à l'activité que le gestionnaire défait.`,
    en: (p, f) => `${subject(f, 'compensationBoundaryEvent', p.el)} is attached to a compensation handler: a handler cannot itself be compensated. Attach it to the activity the handler undoes.`,
  }),
  'lint.compensation.other-scope': entry({
    example: { ...EL, activity: 'Réserver' },
    fr: (p, f) => `${subject(f, 'compensationEvent', p.el)} compense ${f.quote(p.activity)}, qui n'est pas une activité de son propre processus ou sous-processus : nommez une activité de la même portée, ou aucune pour compenser toutes les activités terminées de la portée.`,
    en: (p, f) => `${subject(f, 'compensationEvent', p.el)} compensates ${f.quote(p.activity)}, which is not an activity of its own process or sub-process: name an activity of the same scope, or none to compensate every completed activity of the scope.`,
  }),
  'lint.compensation.no-handler': entry({
    example: { ...EL, activity: 'Réserver' },
    fr: (p, f) => `${subject(f, 'compensationEvent', p.el)} compense ${f.quote(p.activity)}, qui n'a pas de gestionnaire de compensation : attachez-lui une compensation, associée à l'activité qui la défait.`,
    en: (p, f) => `${subject(f, 'compensationEvent', p.el)} compensates ${f.quote(p.activity)}, which has no compensation handler: attach a compensation boundary event to it, associated with the activity that undoes it.`,
  }),

  // ---- relais/catch-names ----
  'lint.catch-names': entry({
    example: {
      el: 'B', first: 'A', trigger: 'message' as 'message' | 'signal' | 'error' | 'escalation', name: 'paid' as string | null,
      where: 'boundary' as 'process-start' | 'event-sub-processes' | 'boundary', of: 'Valider' as string | null,
    },
    fr: (p, f) => {
      const what = p.name === null
        ? { error: 'n\'importe quelle erreur', escalation: 'n\'importe quelle escalade', message: 'un message', signal: 'un signal' }[p.trigger]
        : `${{ message: 'le message', signal: 'le signal', error: 'l\'erreur', escalation: 'l\'escalade' }[p.trigger]} ${f.quote(p.name)}`;
      const where = { 'process-start': 'pour démarrer le processus', 'event-sub-processes': `dans les sous-processus d'événement de ${f.quote(p.of)}`, boundary: `sur ${f.quote(p.of)}` }[p.where];
      return `${f.quote(p.el)} et ${f.quote(p.first)} attendent tous deux ${what} ${where} : Relais ne saurait pas auquel il est destiné. Gardez-en un, ou donnez-leur des noms différents.`;
    },
    en: (p, f) => {
      const what = p.name === null ? `any ${p.trigger}` : `${p.trigger} "${p.name}"`;
      const where = { 'process-start': 'to start the process', 'event-sub-processes': `in the event sub-processes of ${f.quote(p.of)}`, boundary: `on ${f.quote(p.of)}` }[p.where];
      return `${f.quote(p.el)} and ${f.quote(p.first)} both wait for the ${what} ${where}: Relais could not tell which one it is for. Keep one, or give them different names.`;
    },
  }),

  // ---- warnings: relais/extension, relais/nothing-sent, relais/user-task-candidates ----
  'lint.extension': entry({
    example: { el: 'Relance' as string | null, names: ['zeebe:taskHeaders', 'camunda:asyncBefore (×2)'] as readonly string[], hints: ['zeebe:taskHeaders'] as readonly string[] },
    fr: (p, f) => {
      const hints = p.hints.map((h) => EXTENSION_HINTS[h]?.[0]).filter(Boolean).join(' ');
      return `${p.el === null ? 'Le fichier' : f.quote(p.el)} porte des extensions que Relais ne lit pas, et qui sont ignorées : ${p.names.join(', ')}.${hints ? ` ${hints}` : ''} Retirez-les si le processus en dépend.`;
    },
    en: (p, f) => {
      const hints = p.hints.map((h) => EXTENSION_HINTS[h]?.[1]).filter(Boolean).join(' ');
      return `${p.el === null ? 'The file' : f.quote(p.el)} carries extensions Relais does not read, which are ignored: ${p.names.join(', ')}.${hints ? ` ${hints}` : ''} Remove them if the process depends on them.`;
    },
  }),
  'lint.nothing-sent': entry({
    example: { kind: 'sendTask' as 'sendTask' | 'messageEndEvent' | 'messageThrowEvent', el: 'Envoyer' },
    fr: (p, f) => `${subject(f, p.kind, p.el)} n'envoie rien : ${p.kind === 'messageEndEvent' ? 'son chemin s\'y termine comme sur une fin simple' : 'le processus passe simplement à la suite'}. Pour envoyer un message, choisissez l'activité d'envoi à exécuter (relais:activity, ou le type de job d'une définition de tâche Camunda).`,
    en: (p, f) => `${subject(f, p.kind, p.el)} sends nothing: ${p.kind === 'messageEndEvent' ? 'it ends its path like a none end event' : 'it is passed through'}. To send a message, choose the sending activity it runs (relais:activity, or the job type of a Camunda task definition).`,
  }),
  'lint.user-task-candidates': entry({
    example: EL,
    fr: (p, f) => `${subject(f, 'userTask', p.el)} n'est proposée à personne : seuls les responsables, qui voient toutes les tâches, la trouveront dans la liste des tâches, et l'un d'eux devra la confier à quelqu'un avant qu'elle puisse être faite. Donnez-lui des rôles candidats, des utilisateurs candidats ou une personne assignée.`,
    en: (p, f) => `${subject(f, 'userTask', p.el)} is offered to nobody: only managers, who see every task, will find it in the task list, and one must give it to someone before it can be done. Give it candidate roles, candidate users or an assignee.`,
  }),

  // ---- reading a BPMN or DMN file (definition-parser.ts) ----
  'xml.too-large': entry({
    example: { bytes: 2_000_000, max: 1_048_576, format: 'BPMN' as XmlFormat },
    fr: (p, f) => `Le fichier fait ${kilobytes(f, p.bytes)} ; ${FORMATS[p.format].what[0]} fait au plus ${kilobytes(f, p.max)}. ${FORMATS[p.format].split[0]}`,
    en: (p, f) => `The file is ${kilobytes(f, p.bytes)}; ${FORMATS[p.format].what[1]} may be at most ${kilobytes(f, p.max)}. ${FORMATS[p.format].split[1]}`,
  }),
  'xml.doctype': entry({
    example: { format: 'BPMN' as XmlFormat },
    fr: (p) => `Le fichier contient une déclaration DOCTYPE ou ENTITY. Elles sont refusées par sécurité (entités externes XML) ; un fichier ${p.format} n'en a pas besoin : retirez-la.`,
    en: (p) => `The file contains a DOCTYPE or ENTITY declaration. They are refused for security (XML external entities); a ${p.format} file does not need one: remove it.`,
  }),
  'xml.not-xml': entry({
    example: { format: 'BPMN' as XmlFormat },
    fr: (p) => `Le fichier n'est pas du XML. Envoyez ${FORMATS[p.format].file[0]}.`,
    en: (p) => `The file is not XML. Send ${FORMATS[p.format].file[1]}.`,
  }),
  'xml.encoding-not-ascii': entry({
    example: { encoding: 'ISO-8859-1' },
    fr: (p, f) => `Le fichier déclare l'encodage ${f.quote(p.encoding)} et contient des caractères accentués ou non ASCII, que Relais ne sait pas lire dans cet encodage. Enregistrez le fichier en UTF-8 (le choix par défaut du modeleur) et déployez-le à nouveau.`,
    en: (p) => `The file declares the encoding "${p.encoding}" and contains accented or other non-ASCII characters, which Relais cannot read in that encoding. Save the file as UTF-8 (the modeler's default) and deploy it again.`,
  }),
  'xml.encoding': entry({
    example: { encoding: 'UTF-16', format: 'BPMN' as XmlFormat },
    fr: (p, f) => `Le fichier déclare l'encodage ${f.quote(p.encoding)} ; Relais lit les fichiers ${p.format} en UTF-8. Enregistrez le fichier en UTF-8 (le choix par défaut du modeleur) et déployez-le à nouveau.`,
    en: (p) => `The file declares the encoding "${p.encoding}"; Relais reads ${p.format} files in UTF-8. Save the file as UTF-8 (the modeler's default) and deploy it again.`,
  }),
  'xml.too-many-elements': entry({
    example: { max: 10_000, format: 'BPMN' as XmlFormat },
    fr: (p) => `Le fichier contient plus de ${p.max.toLocaleString('fr-FR')} éléments XML, le maximum pour ${FORMATS[p.format].what[0]}. ${FORMATS[p.format].split[0]}`,
    en: (p) => `The file holds more than ${p.max.toLocaleString('en-GB')} XML elements, the most ${FORMATS[p.format].what[1]} may hold. ${FORMATS[p.format].split[1]}`,
  }),
  'xml.too-deep': entry({
    example: { max: 64, format: 'BPMN' as XmlFormat },
    fr: (p) => `Le fichier imbrique ses éléments XML sur plus de ${p.max} niveaux, le maximum pour ${FORMATS[p.format].what[0]} (des sous-processus imbriqués les uns dans les autres, par exemple). ${FORMATS[p.format].split[0]}`,
    en: (p) => `The file nests its XML elements more than ${p.max} levels deep, the most ${FORMATS[p.format].what[1]} may nest (sub-processes inside sub-processes, for example). ${FORMATS[p.format].split[1]}`,
  }),
  'xml.not-bpmn': both(
    'Le fichier n\'est pas une définition BPMN 2.0 : son élément racine doit être <definitions> dans l\'espace de noms BPMN 2.0 (http://www.omg.org/spec/BPMN/20100524/MODEL).',
    'The file is not a BPMN 2.0 definition: its root element must be <definitions> in the BPMN 2.0 namespace (http://www.omg.org/spec/BPMN/20100524/MODEL).',
  ),
  'xml.not-dmn': both(
    'Le fichier n\'est pas une définition DMN 1.3 : son élément racine doit être <definitions> dans l\'espace de noms DMN 1.3 (https://www.omg.org/spec/DMN/20191111/MODEL/). Camunda Modeler enregistre en DMN 1.3 ; ouvrez-y un fichier plus ancien et enregistrez-le à nouveau.',
    'The file is not a DMN 1.3 definition: its root element must be <definitions> in the DMN 1.3 namespace (https://www.omg.org/spec/DMN/20191111/MODEL/). Camunda Modeler saves DMN 1.3; open an older file in it and save it again.',
  ),
  'xml.unknown-attribute': entry({
    example: { attribute: 'relais:candidateRole', id: 'Task_1' as string | null },
    fr: (p, f) => `Attribut inconnu ${f.quote(p.attribute)}${p.id ? ` sur ${f.quote(p.id)}` : ''} : Relais ne le connaît pas. Vérifiez son orthographe ou retirez-le.`,
    en: (p) => `Unknown attribute "${p.attribute}"${p.id ? ` on "${p.id}"` : ''}: Relais does not know it. Check its spelling or remove it.`,
  }),
  'xml.unresolved-reference': entry({
    example: { id: 'Flow_1' as string | null, target: 'Task_9', property: 'targetRef' },
    fr: (p, f) => `${f.quote(p.id ?? '?')} désigne ${f.quote(p.target)}${p.property ? ` (${p.property})` : ''}, qui n'existe pas dans ce fichier.`,
    en: (p) => `"${p.id ?? '?'}" refers to "${p.target}"${p.property ? ` (${p.property})` : ''}, which does not exist in this file.`,
  }),
  'xml.duplicate-id': entry({
    example: { id: 'Task_1', line: 12 },
    fr: (p, f) => `Deux éléments ont l'identifiant ${f.quote(p.id)} (ligne ${p.line}) : les identifiants doivent être uniques.`,
    en: (p) => `Two elements have the id "${p.id}" (line ${p.line}): ids must be unique.`,
  }),
  'xml.unknown-element': entry({
    example: { near: '<bpmn:taks>', line: 12, where: 'Process_1' as string | null },
    fr: (p, f) => `Élément inconnu ${p.near} (ligne ${p.line})${p.where ? ` dans ${f.quote(p.where)}` : ''} : Relais ne le connaît pas. Vérifiez son orthographe ou retirez-le.`,
    en: (p) => `Unknown element ${p.near} (line ${p.line})${p.where ? ` in "${p.where}"` : ''}: Relais does not know it. Check its spelling or remove it.`,
  }),
  'xml.malformed': entry({
    example: { line: 3, column: 7, near: '<bpmn:task' as string, nested: 'unclosed tag' },
    // The XML reader's reasons people meet are said in French; another is quoted as the reader wrote it.
    fr: (p) => `Le XML est mal formé à la ligne ${p.line}, colonne ${p.column}${p.near ? ` près de ${p.near}` : ''} : ${SAX_REASONS[p.nested] ?? p.nested}.`,
    en: (p) => `The XML is malformed at line ${p.line}, column ${p.column}${p.near ? ` near ${p.near}` : ''}: ${p.nested}.`,
  }),
  'xml.unknown-camunda-extension': entry({
    example: { name: 'zeebe:versionTag' },
    fr: (p, f) => `${f.quote(p.name)} est une extension Camunda que Relais ne connaît pas : elle est ignorée et le processus s'exécute sans elle. Retirez-la si le processus en dépend.`,
    en: (p) => `"${p.name}" is a Camunda extension Relais does not know: it is ignored and the process runs without it. Remove it if the process depends on it.`,
  }),
  'xml.external-reference': entry({
    example: { id: 'Message_1' as string | null, target: 'triso:unspecified' },
    fr: (p, f) => `${f.quote(p.id ?? '?')} désigne ${f.quote(p.target)} dans un autre fichier, que Relais ne lit pas : la référence est ignorée.`,
    en: (p) => `"${p.id ?? '?'}" refers to "${p.target}" in another file, which Relais does not read: the reference is ignored.`,
  }),

  // ---- FEEL, durations, dates and cycles (feel-syntax.ts), quoted by the rules above ----
  'feel.empty': both('l\'expression est vide', 'the expression is empty'),
  'feel.incomplete': both('l\'expression est incomplète à la fin', 'the expression is incomplete at its end'),
  'feel.unexpected': entry({
    example: { near: ')', at: 4 },
    fr: (p, f) => `${f.quote(p.near)} inattendu au caractère ${p.at}`,
    en: (p) => `unexpected "${p.near}" at character ${p.at}`,
  }),
  'feel.invalid': entry({
    example: { value: '=1 +', why: 'the expression is incomplete at its end' as Text, grammar: 'expression' as 'expression' | 'unaryTests' },
    fr: (p, f) => `${f.quote(p.value)} n'est pas ${p.grammar === 'unaryTests' ? 'un test unaire FEEL valide' : 'une expression FEEL valide'} : ${f.text(p.why)}`,
    en: (p, f) => `"${p.value}" is not a valid FEEL ${p.grammar === 'unaryTests' ? 'unary test' : 'expression'}: ${f.text(p.why)}`,
  }),
  'feel.negative-duration': entry({
    example: { value: '-PT1M' },
    fr: (p, f) => `${f.quote(p.value)} est une durée négative`, en: (p) => `"${p.value}" is a negative duration`,
  }),
  'feel.not-a-duration': entry({
    example: { value: '10 minutes' },
    fr: (p, f) => `${f.quote(p.value)} n'est pas une durée ISO 8601 comme PT15M, P2D ou P1DT2H (les mois et les années ne sont pas acceptés), ${FEEL_OR[0]}`,
    en: (p) => `"${p.value}" is not an ISO 8601 duration such as PT15M, P2D or P1DT2H (months and years are not accepted), ${FEEL_OR[1]}`,
  }),
  'feel.not-a-date-time': entry({
    example: { value: 'demain' },
    fr: (p, f) => `${f.quote(p.value)} n'est pas une date et heure ISO 8601 avec fuseau horaire comme 2026-01-31T09:00:00+01:00, ${FEEL_OR[0]}`,
    en: (p) => `"${p.value}" is not an ISO 8601 date-time with a time zone such as 2026-01-31T09:00:00+01:00, ${FEEL_OR[1]}`,
  }),
  'feel.not-a-cycle': entry({
    example: { value: 'often' },
    fr: (p, f) => `${f.quote(p.value)} n'est ni ${ISO_CYCLE[0]}, ni ${CRON[0]}, ${FEEL_OR[0]}`,
    en: (p) => `"${p.value}" is neither ${ISO_CYCLE[1]}, nor ${CRON[1]}, ${FEEL_OR[1]}`,
  }),
  'feel.not-an-iso-cycle': entry({
    example: { value: 'R3/10 minutes' },
    fr: (p, f) => `${f.quote(p.value)} n'est pas ${ISO_CYCLE[0]}`, en: (p) => `"${p.value}" is not ${ISO_CYCLE[1]}`,
  }),
  'feel.cycle-zero': entry({
    example: { value: 'R0/PT1M' },
    fr: (p, f) => `${f.quote(p.value)} se répète zéro fois : écrivez R1/… ou plus, ou R/… pour répéter tant que l'élément attend`,
    en: (p) => `"${p.value}" repeats zero times: write R1/… or more, or R/… to repeat for as long as the element waits`,
  }),
  'feel.cycle-too-often': entry({
    example: { value: 'R/PT0.5S' },
    fr: (p, f) => `${f.quote(p.value)} : un cycle se répète au plus une fois par seconde ; choisissez une période de PT1S ou plus`,
    en: (p) => `"${p.value}": a cycle repeats at most once a second; choose a period of PT1S or more`,
  }),
  'feel.cron-year': entry({
    example: { value: '0 0 9 * * ? 2026' },
    fr: (p, f) => `${f.quote(p.value)} a 7 champs (une année, comme l'écrit Quartz), ce que Relais ne lit pas : écrivez ${CRON[0]}, ou ${ISO_CYCLE[0]}`,
    en: (p) => `"${p.value}" has 7 fields (a year, as Quartz writes it), which Relais does not read: write ${CRON[1]}, or ${ISO_CYCLE[1]}`,
  }),
  'feel.bad-cron': entry({
    example: { value: '0 25 * * *', why: 'Constraint error, got value 25 expected range 0-23' },
    fr: (p, f) => `${f.quote(p.value)} n'est pas une expression cron valide (${p.why}) : écrivez ${CRON[0]}`,
    en: (p) => `"${p.value}" is not a valid cron expression (${p.why}): write ${CRON[1]}`,
  }),
  'feel.not-a-due-date': entry({
    example: { value: 'soon' },
    fr: (p, f) => `${f.quote(p.value)} n'est ni une durée ISO 8601 (P2D), ni une date et heure avec fuseau horaire, ${FEEL_OR[0]}`,
    en: (p) => `"${p.value}" is neither an ISO 8601 duration (P2D) nor a date-time with a time zone, ${FEEL_OR[1]}`,
  }),
  'feel.not-a-priority': entry({
    example: { value: 'high' },
    fr: (p, f) => `${f.quote(p.value)} n'est pas une priorité de 0 à 100, ${FEEL_OR[0]}`,
    en: (p) => `"${p.value}" is not a priority from 0 to 100, ${FEEL_OR[1]}`,
  }),
});

export const lintMessage = messagesOf(lintMessages);
