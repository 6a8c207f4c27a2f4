import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import lintModule from 'bpmn-js-bpmnlint';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import eventBasedGateway from 'bpmnlint/rules/event-based-gateway';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork';
import noImplicitEnd from 'bpmnlint/rules/no-implicit-end';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split';
import noImplicitStart from 'bpmnlint/rules/no-implicit-start';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event';
import singleEventDefinition from 'bpmnlint/rules/single-event-definition';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import subProcessBlankStartEvent from 'bpmnlint/rules/sub-process-blank-start-event';
import type { LintNode, LintReporter, LintRuleFactory } from 'bpmnlint/rules/start-event-required';
import type { ModuleDeclaration } from 'didi';

/**
 * Lint while drawing (bpmn-js-bpmnlint): bpmnlint's structural rules, the ones the server applies
 * at save (domain/process/definition-linter.ts), each with a message that says what to do. The
 * Relais rules (activities, forms, roles, decisions) need the server's catalogue: they run when
 * the draft is saved, and their problems are listed under the diagram.
 */
type Text = { fr: string; en: string };

const RULES: Record<string, { factory: LintRuleFactory; message: (original: string) => Text }> = {
  'start-event-required': {
    factory: startEventRequired,
    message: (m) => (m.startsWith('Sub')
      ? { fr: "Ce sous-processus n'a pas d'événement de début : ajoutez-en un à l'intérieur.", en: 'This sub-process has no start event: add one inside it.' }
      : { fr: "Ce processus n'a pas d'événement de début : ajoutez-en un.", en: 'This process has no start event: add one.' }),
  },
  'end-event-required': {
    factory: endEventRequired,
    message: (m) => (m.startsWith('Sub')
      ? { fr: "Ce sous-processus n'a pas d'événement de fin : ajoutez-en un là où ses chemins se terminent.", en: 'This sub-process has no end event: add one where its paths finish.' }
      : { fr: "Ce processus n'a pas d'événement de fin : ajoutez-en un là où ses chemins se terminent.", en: 'This process has no end event: add one where its paths finish.' }),
  },
  'no-disconnected': {
    factory: noDisconnected,
    message: () => ({ fr: "Cet élément n'est relié à rien : reliez-le par des flux de séquence, ou supprimez-le.", en: 'This element is not connected to anything: connect it with sequence flows, or remove it.' }),
  },
  'no-implicit-start': {
    factory: noImplicitStart,
    message: () => ({ fr: "Aucun flux n'arrive à cet élément, il ne s'exécuterait jamais : reliez-le, ou supprimez-le.", en: 'No sequence flow leads to this element, so it would never run: connect it, or remove it.' }),
  },
  'no-implicit-end': {
    factory: noImplicitEnd,
    message: () => ({ fr: "Aucun flux ne part de cet élément : reliez-le à l'étape suivante ou à un événement de fin.", en: 'No sequence flow leaves this element: connect it to the next step or to an end event.' }),
  },
  'no-implicit-split': {
    factory: noImplicitSplit,
    message: () => ({
      fr: 'Plusieurs flux sans condition partent de cet élément : ajoutez une passerelle parallèle pour tous les suivre, ou exclusive pour en choisir un.',
      en: 'Several flows without conditions leave this element: add a parallel gateway to run them all, or an exclusive gateway to choose one.',
    }),
  },
  'no-gateway-join-fork': {
    factory: noGatewayJoinFork,
    message: () => ({ fr: 'Cette passerelle réunit et sépare à la fois : utilisez deux passerelles, une pour réunir, une pour séparer.', en: 'This gateway both joins and splits: use two gateways, one to join the incoming paths and one to split.' }),
  },
  'event-based-gateway': {
    factory: eventBasedGateway,
    message: (m) => (m.includes('at least 2')
      ? { fr: 'Une passerelle sur événements a besoin de deux flux sortants au moins, chacun vers une attente (minuterie, message, signal) ou une tâche de réception.', en: 'An event-based gateway needs at least two outgoing flows, each to a timer, message or signal catch event or a receive task.' }
      : { fr: "Un flux qui part d'une passerelle sur événements ne peut pas avoir de condition : le premier événement décide. Retirez la condition.", en: 'A flow leaving an event-based gateway cannot have a condition: the first event to happen decides. Remove the condition.' }),
  },
  'single-event-definition': {
    factory: singleEventDefinition,
    message: () => ({ fr: 'Cet événement a plusieurs déclencheurs : gardez-en un.', en: 'This event has several triggers: keep one.' }),
  },
  'single-blank-start-event': {
    factory: singleBlankStartEvent,
    message: () => ({ fr: 'Ce processus a plusieurs événements de début sans déclencheur : gardez-en un.', en: 'This process or sub-process has several start events without a trigger: keep one.' }),
  },
  'sub-process-blank-start-event': {
    factory: subProcessBlankStartEvent,
    message: () => ({ fr: "Le début d'un sous-processus ne peut pas avoir de déclencheur (minuterie, message…) : retirez-le.", en: 'The start event of an embedded sub-process cannot have a trigger (timer, message…): remove it.' }),
  },
  'no-duplicate-sequence-flows': {
    factory: noDuplicateSequenceFlows,
    message: () => ({ fr: 'Deux flux de séquence relient les mêmes éléments : supprimez-en un.', en: 'Two sequence flows connect the same elements: remove one.' }),
  },
};

/** Rule names the live lint runs (the test compares them with the server's). */
export const LIVE_LINT_RULES = Object.keys(RULES);

/** A compensation boundary event leads to its handler by an association, not a flow: the server's relais/compensation checks it. */
const isCompensationBoundary = (node: LintNode): boolean =>
  node.$type === 'bpmn:BoundaryEvent' && !!node.eventDefinitions?.some((d) => d.$type === 'bpmn:CompensateEventDefinition');

/** The rule, reporting in the person's language, without bpmnlint's link to its English documentation. */
function localised(name: string, language: 'fr' | 'en'): LintRuleFactory {
  const { factory, message } = RULES[name];
  return (config) => {
    const { check } = factory(config);
    const wrap = (fn?: (node: LintNode, reporter: LintReporter) => void) => fn && ((node: LintNode, reporter: LintReporter) => {
      if (name === 'no-implicit-end' && isCompensationBoundary(node)) return;
      const translated: LintReporter = Object.assign(Object.create(reporter) as LintReporter, {
        report: (id: string, text: string, path?: unknown) => reporter.report(id, message(text)[language], path),
      });
      fn(node, translated);
    });
    return { check: typeof check === 'function' ? wrap(check)! : { enter: wrap(check.enter), leave: wrap(check.leave) } };
  };
}

/** The bpmn-js-bpmnlint module and its configuration (`linting` in the modeler's options), active from the start. */
export function liveLint(language: 'fr' | 'en'): { module: ModuleDeclaration; config: { active: boolean; bpmnlint: unknown } } {
  const rules = Object.fromEntries(LIVE_LINT_RULES.map((name) => [name, 'error']));
  const resolver = {
    resolveRule: (pkg: string, name: string) => (pkg === 'bpmnlint' && RULES[name] ? localised(name, language) : undefined),
    resolveConfig: () => undefined,
  };
  return { module: lintModule, config: { active: true, bpmnlint: { config: { rules }, resolver } } };
}
