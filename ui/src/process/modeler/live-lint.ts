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
import { LINT_CODES, LINT_TEXTS } from './lint-texts';

/**
 * Lint while drawing (bpmn-js-bpmnlint): bpmnlint's structural rules, the ones the server applies
 * at save (domain/process/definition-linter.ts), each reporting the server's catalogue text in the
 * person's language (lint-texts.ts). The Relais rules (activities, forms, roles, decisions) need
 * the server's registries: they run when the draft is saved, and the API answers their problems in
 * the interface's language; they are listed under the diagram.
 */
const RULES: Record<string, LintRuleFactory> = {
  'start-event-required': startEventRequired,
  'end-event-required': endEventRequired,
  'no-disconnected': noDisconnected,
  'no-implicit-start': noImplicitStart,
  'no-implicit-end': noImplicitEnd,
  'no-implicit-split': noImplicitSplit,
  'no-gateway-join-fork': noGatewayJoinFork,
  'event-based-gateway': eventBasedGateway,
  'single-event-definition': singleEventDefinition,
  'single-blank-start-event': singleBlankStartEvent,
  'sub-process-blank-start-event': subProcessBlankStartEvent,
  'no-duplicate-sequence-flows': noDuplicateSequenceFlows,
};

/** Rule names the live lint runs (the test compares them with the server's). */
export const LIVE_LINT_RULES = Object.keys(RULES);

/** A compensation boundary event leads to its handler by an association, not a flow: the server's relais/compensation checks it. */
const isCompensationBoundary = (node: LintNode): boolean =>
  node.$type === 'bpmn:BoundaryEvent' && !!node.eventDefinitions?.some((d) => d.$type === 'bpmn:CompensateEventDefinition');

/** The rule, reporting in the person's language, without bpmnlint's link to its English documentation. */
function localised(name: string, language: 'fr' | 'en'): LintRuleFactory {
  const factory = RULES[name];
  const code = LINT_CODES[name];
  return (config) => {
    const { check } = factory(config);
    const wrap = (fn?: (node: LintNode, reporter: LintReporter) => void) => fn && ((node: LintNode, reporter: LintReporter) => {
      if (name === 'no-implicit-end' && isCompensationBoundary(node)) return;
      const translated: LintReporter = Object.assign(Object.create(reporter) as LintReporter, {
        report: (id: string, text: string, path?: unknown) => reporter.report(id, LINT_TEXTS[code(text)]?.[language] ?? text, path),
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
