import type { Text } from '../i18n/messages';
import type { BpmnElement, DefinitionProblem } from './bpmn-model';
import { lintMessage as m$ } from './lint.messages';
import { parseWarningsOf } from './definition-parser';
import { isCompensationBoundary } from './element-settings';
import { RELAIS_WARNING_RULES } from './extension-lint-rules';
import { chooseProcess, RELAIS_RULES, type Reporter, type RuleDefinition, type RuleFactory } from './relais-lint-rules';

interface Report { id?: string; message: Text; category: string }
/** The codes of bpmnlint's structural rules (they take no parameters). */
type LintCode = 'lint.start-event-required' | 'lint.sub-process-start-event-required' | 'lint.end-event-required'
  | 'lint.sub-process-end-event-required' | 'lint.no-disconnected' | 'lint.no-implicit-start' | 'lint.no-implicit-end' | 'lint.no-implicit-split'
  | 'lint.no-gateway-join-fork' | 'lint.event-based-gateway-outgoing' | 'lint.event-based-gateway-condition' | 'lint.single-event-definition'
  | 'lint.single-blank-start-event' | 'lint.sub-process-blank-start-event' | 'lint.duplicate-sequence-flow' | 'lint.duplicate-sequence-flows';
interface BpmnLinter { lint(root: BpmnElement, config: LintConfig): Promise<Record<string, Report[]>> }
interface LintConfig { rules: Record<string, string | [string, Record<string, unknown>]> }
type Check = RuleDefinition['check'] | { enter?: RuleDefinition['check']; leave?: RuleDefinition['check'] };
type TransformRule = (rule: { check: Check }) => { check: Check };

const { Linter } = require('bpmnlint') as { Linter: new (options: { resolver: Resolver; transformRule?: TransformRule }) => BpmnLinter };

interface Resolver {
  resolveRule(pkg: string, ruleName: string): RuleFactory | undefined;
  resolveConfig(pkg: string, configName: string): undefined;
}

/** A bpmnlint rule that leaves some elements alone (Relais' own rules check them). */
function skipping(factory: RuleFactory, skip: (node: BpmnElement) => boolean): RuleFactory {
  return (config) => {
    const { check } = factory(config);
    return { check: (node, reporter) => (skip(node) ? undefined : check(node, reporter)) };
  };
}

/**
 * bpmnlint's recommended rules that matter for execution (layout and label
 * rules are left out; Relais' own rules cover gateways' conditions and the
 * unsupported elements with clearer messages). Listed with explicit requires
 * so that a bundler sees them too.
 */
const BPMNLINT_RULES: Record<string, RuleFactory> = {
  'start-event-required': require('bpmnlint/rules/start-event-required'),
  'end-event-required': require('bpmnlint/rules/end-event-required'),
  'no-disconnected': require('bpmnlint/rules/no-disconnected'),
  'no-implicit-start': require('bpmnlint/rules/no-implicit-start'),
  // It looks for a compensation boundary event's association in the process only, not in a sub-process: relais/compensation checks them.
  'no-implicit-end': skipping(require('bpmnlint/rules/no-implicit-end'), isCompensationBoundary),
  'no-implicit-split': require('bpmnlint/rules/no-implicit-split'),
  'no-gateway-join-fork': require('bpmnlint/rules/no-gateway-join-fork'),
  'event-based-gateway': require('bpmnlint/rules/event-based-gateway'),
  'single-event-definition': require('bpmnlint/rules/single-event-definition'),
  'single-blank-start-event': require('bpmnlint/rules/single-blank-start-event'),
  'sub-process-blank-start-event': require('bpmnlint/rules/sub-process-blank-start-event'),
  'no-duplicate-sequence-flows': require('bpmnlint/rules/no-duplicate-sequence-flows'),
};

/**
 * bpmnlint's messages are terse: each report becomes a catalogue code that says what to do
 * (lint.messages.ts), picked from bpmnlint's English message where a rule has two cases. The
 * modeler's live lint maps them the same way (ui/src/process/modeler/lint-texts.ts, checked by a test).
 */
export const BPMNLINT_CODES: Record<string, (message: string) => LintCode> = {
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

export interface LintOptions {
  /** The tenant's role keys: candidate roles must be among them. Absent: not checked. */
  roleKeys?: readonly string[];
  /** The tenant's deployed decision ids (those the diagram names, at least): business rule tasks must name one. Absent: not checked. */
  decisionIds?: readonly string[];
}

const RELAIS_PACKAGE = 'bpmnlint-plugin-relais';

const resolver: Resolver = {
  resolveRule: (pkg, ruleName) => (pkg === RELAIS_PACKAGE ? RELAIS_RULES[ruleName] ?? RELAIS_WARNING_RULES[ruleName] : pkg === 'bpmnlint' ? BPMNLINT_RULES[ruleName] : undefined),
  resolveConfig: () => undefined,
};

/** The lint configuration the API applies before a deploy (the modeler may use the same). */
export function lintConfig(options: LintOptions = {}): LintConfig {
  const rules: LintConfig['rules'] = {};
  for (const name of Object.keys(BPMNLINT_RULES)) rules[name] = 'error';
  for (const name of Object.keys(RELAIS_RULES)) rules[`relais/${name}`] = 'error';
  rules['relais/user-task'] = ['error', { roleKeys: options.roleKeys }];
  rules['relais/business-rule-task'] = ['error', { decisionIds: options.decisionIds }];
  for (const name of Object.keys(RELAIS_WARNING_RULES)) rules[`relais/${name}`] = 'warn';
  return { rules };
}

/** What the linter found: errors refuse a deploy; warnings (what Relais will ignore) do not, and are shown with its result. */
export interface LintReport {
  errors: DefinitionProblem[];
  warnings: DefinitionProblem[];
}

/**
 * Every reason the definition would not run as drawn (errors), and every
 * part of it Relais will ignore (warnings), each in document order. No
 * errors means it can be compiled and deployed.
 */
export async function lintReport(definitions: BpmnElement, options: LintOptions = {}): Promise<LintReport> {
  const results = await new Linter({ resolver, transformRule: onlyProcess(chooseProcess(definitions)) }).lint(definitions, lintConfig(options));
  const errors: DefinitionProblem[] = [];
  const warnings: DefinitionProblem[] = [...parseWarningsOf(definitions)];
  for (const [rule, reports] of Object.entries(results)) {
    for (const r of reports) {
      const elementId = r.id || null;
      if (r.category === 'rule-error') {
        errors.push({ elementId, rule, message: m$('lint.rule-failed', { reason: String(r.message) }) });
        continue;
      }
      const code = BPMNLINT_CODES[rule] as ((message: string) => LintCode) | undefined;
      (r.category === 'warn' ? warnings : errors).push({ elementId, rule, message: code && typeof r.message === 'string' ? m$(code(r.message)) : r.message });
    }
  }
  const order = documentOrder(definitions);
  return { errors: inDocumentOrder(errors, order), warnings: inDocumentOrder(warnings, order) };
}

/**
 * Every reason the definition would not run as drawn, in document order. An
 * empty list means it can be compiled and deployed (warnings, see lintReport,
 * are left out: they do not stop a deploy).
 */
export async function lintDefinition(definitions: BpmnElement, options: LintOptions = {}): Promise<DefinitionProblem[]> {
  return (await lintReport(definitions, options)).errors;
}

function inDocumentOrder(problems: DefinitionProblem[], order: Map<string, number>): DefinitionProblem[] {
  const position = (p: DefinitionProblem) => (p.elementId === null ? -1 : (order.get(p.elementId) ?? Number.MAX_SAFE_INTEGER));
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => position(a.p) - position(b.p) || a.i - b.i)
    .map(({ p }) => p);
}

/**
 * In a collaboration, the other pools document partners (a customer, a
 * supplier) and are not executed: rules skip what lies inside them.
 */
function onlyProcess(executed: BpmnElement | undefined): TransformRule {
  const skip = (node: BpmnElement) => {
    let e: BpmnElement | undefined = node;
    while (e && e.$type !== 'bpmn:Process') e = e.$parent;
    return !!executed && !!e && e !== executed;
  };
  const guard = (fn: RuleDefinition['check'] | undefined) => fn && ((node: BpmnElement, reporter: Reporter) => (skip(node) ? undefined : fn(node, reporter)));
  return (rule) => ({
    ...rule,
    check: typeof rule.check === 'function' ? guard(rule.check)! : { enter: guard(rule.check.enter), leave: guard(rule.check.leave) },
  });
}

/** Each element id's position in the document (a depth-first walk of the model). */
function documentOrder(root: BpmnElement): Map<string, number> {
  const index = new Map<string, number>();
  const visit = (e: BpmnElement) => {
    if (e.id && !index.has(e.id)) index.set(e.id, index.size);
    for (const value of Object.values(e)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item && typeof item === 'object' && (item as BpmnElement).$parent === e) visit(item as BpmnElement);
      }
    }
  };
  visit(root);
  return index;
}
