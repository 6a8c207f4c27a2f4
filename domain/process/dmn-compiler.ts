import {
  AGGREGATIONS, HIT_POLICIES, type Aggregation, type DecisionInput, type DecisionOutput, type DecisionPlan, type DecisionRule, type HitPolicy,
} from '../../kernel/process/decision-table';
import { child, idOf, PROCESS_KEY, text, type BpmnElement as DmnElement, type DefinitionProblem, type FromXmlResult, type ModdleWarning } from './bpmn-model';
import type { Text } from '../i18n/messages';
import { decisionMessage as m, type DecisionName, type DecisionPlace } from './decision.messages';
import { fromWarning, MAX_DEFINITION_BYTES, screenXml } from './definition-parser';
import { feelSyntaxError } from './feel-syntax';
import { lintMessage } from './lint.messages';

interface Moddle {
  fromXML(xml: string, typeName?: string): Promise<FromXmlResult>;
}

// dmn-moddle (bpmn-io) is an ES module without typings: loaded like bpmn-moddle in definition-parser.ts.
const { DmnModdle } = require('dmn-moddle') as { DmnModdle: new () => Moddle };

/** The largest DMN file accepted, in bytes (UTF-8): the same as a BPMN file. */
export const MAX_DMN_BYTES = MAX_DEFINITION_BYTES;

/** A DMN file read and compiled: its decisions by id (each with its required decisions), or what refuses it. */
export interface CompiledDmn {
  /** The id of the file's <definitions> (its decision requirements graph): versions are counted per key. */
  key: string | null;
  name: string | null;
  decisions: Record<string, DecisionPlan>;
  problems: DefinitionProblem[];
  /** Refused for its size alone (the API answers 413). */
  tooLarge: boolean;
}

/** The DMN elements Relais does not run (decision.messages.ts says what they are). */
const UNSUPPORTED_ELEMENTS = new Set(['dmn:BusinessKnowledgeModel', 'dmn:DecisionService']);
const FEEL_LANGUAGE = /^(feel|https?:\/\/www\.omg\.org\/spec\/(FEEL\/\d+|DMN\/\d+\/FEEL\/?))$/i;
/** A list of literals, as an output's allowed values are written: "high","medium","low" or 1,2,3. */
const LITERAL = /\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false)\s*(?:,|$)/y;

type Problem = (element: DmnElement | string | null | undefined, rule: string, message: Text) => void;

/** What messages call a decision (or another DRG element). */
function named(decision: DmnElement): DecisionName {
  return { name: typeof decision.name === 'string' ? decision.name : null, id: String(decision.id) };
}

function allowedValues(text: string): Array<string | number | boolean> | undefined {
  if (!text) return undefined;
  const values: Array<string | number | boolean> = [];
  LITERAL.lastIndex = 0;
  while (LITERAL.lastIndex < text.length) {
    const m = LITERAL.exec(text);
    if (!m) return undefined;
    values.push(JSON.parse(m[1]!) as string | number | boolean);
  }
  return values;
}

/** Checks the syntax of an expression or unary test and its language (FEEL only). */
function checkFeel(problem: Problem, element: DmnElement | undefined, where: { decision: DecisionName; place: DecisionPlace }, grammar: 'expression' | 'unaryTests'): string {
  const source = text(element, 'text') ?? '';
  const language = element?.expressionLanguage as string | undefined;
  if (language && !FEEL_LANGUAGE.test(language)) {
    problem(element, 'dmn/expression-language', m('dmn.expression-language', { ...where, language }));
    return source;
  }
  if (grammar === 'unaryTests' && (source === '' || source === '-')) return source;
  if (grammar === 'expression' && source === '') return source;
  const why = feelSyntaxError(source, grammar);
  if (why) problem(element, 'dmn/feel', m('dmn.feel', { ...where, problem: lintMessage('feel.invalid', { value: source, why, grammar }) }));
  return source;
}

function compileTable(decision: DmnElement, table: DmnElement, problem: Problem) {
  const name = named(decision);
  const hitPolicy = (table.hitPolicy as HitPolicy | undefined) ?? 'UNIQUE';
  if (!HIT_POLICIES.includes(hitPolicy)) problem(table, 'dmn/hit-policy', m('dmn.hit-policy', { decision: name, hitPolicy }));
  const aggregation = table.aggregation as Aggregation | undefined;
  if (aggregation && (hitPolicy !== 'COLLECT' || !AGGREGATIONS.includes(aggregation))) {
    problem(table, 'dmn/aggregation', m('dmn.aggregation', { decision: name, aggregation, allowed: AGGREGATIONS }));
  }
  const inputElements = (table.input ?? []) as DmnElement[];
  const outputElements = (table.output ?? []) as DmnElement[];
  if (outputElements.length === 0) problem(table, 'dmn/no-output', m('dmn.no-output', { decision: name }));
  if (aggregation && outputElements.length > 1) {
    problem(table, 'dmn/aggregation', m('dmn.aggregation-outputs', { decision: name, aggregation, count: outputElements.length }));
  }
  const at = (place: DecisionPlace) => ({ decision: name, place });
  const labelOf = (e: DmnElement) => (e.label ? String(e.label) : null);

  const inputs: DecisionInput[] = inputElements.map((input, i) => {
    const where = at({ at: 'input', n: i + 1, label: labelOf(input) });
    const expression = checkFeel(problem, child(input, 'inputExpression'), where, 'expression');
    if (!expression) problem(input, 'dmn/input-expression', m('dmn.input-expression', where));
    const typeRef = child(input, 'inputExpression')?.typeRef as string | undefined;
    return { id: input.id!, ...(input.label ? { label: input.label as string } : {}), expression, ...(typeRef ? { typeRef } : {}) };
  });

  const outputs: DecisionOutput[] = outputElements.map((output, i) => {
    const where = at({ at: 'output', n: i + 1, label: labelOf(output) });
    const outName = (output.name as string | undefined)?.trim();
    if (!outName && outputElements.length > 1) problem(output, 'dmn/output-name', m('dmn.output-name', where));
    const values = allowedValues(text(child(output, 'outputValues'), 'text') ?? '');
    if ((hitPolicy === 'PRIORITY' || hitPolicy === 'OUTPUT ORDER') && !values) problem(output, 'dmn/output-values', m('dmn.output-values', { ...where, hitPolicy }));
    const defaultEntry = child(output, 'defaultOutputEntry')
      ? checkFeel(problem, child(output, 'defaultOutputEntry'), at({ at: 'output-default', n: i + 1, label: labelOf(output) }), 'expression')
      : '';
    return {
      id: output.id!, name: outName || output.id!, ...(output.label ? { label: output.label as string } : {}),
      ...(output.typeRef ? { typeRef: output.typeRef as string } : {}), ...(values ? { allowedValues: values } : {}), ...(defaultEntry ? { defaultEntry } : {}),
    };
  });

  const rules: DecisionRule[] = ((table.rule ?? []) as DmnElement[]).map((rule, r) => {
    const ruleAt = { rule: r + 1, ruleId: String(rule.id) };
    const inputEntries = (rule.inputEntry ?? []) as DmnElement[];
    const outputEntries = (rule.outputEntry ?? []) as DmnElement[];
    if (inputEntries.length !== inputs.length || outputEntries.length !== outputs.length) {
      problem(rule, 'dmn/rule-shape', m('dmn.rule-shape', {
        ...at({ at: 'rule', ...ruleAt }), inputEntries: inputEntries.length, outputEntries: outputEntries.length, inputs: inputs.length, outputs: outputs.length,
      }));
    }
    return {
      id: rule.id!,
      ...(typeof rule.description === 'string' && rule.description.trim() ? { description: rule.description.trim() } : {}),
      inputEntries: inputEntries.map((entry, i) => checkFeel(problem, entry, at({ at: 'rule-input', ...ruleAt, column: inputs[i]?.label ?? i + 1 }), 'unaryTests')),
      outputEntries: outputEntries.map((entry, i) => checkFeel(problem, entry, at({ at: 'rule-output', ...ruleAt, column: outputs[i]?.label ?? outputs[i]?.name ?? i + 1 }), 'expression')),
    };
  });

  return { kind: 'decisionTable' as const, hitPolicy, ...(aggregation ? { aggregation } : {}), inputs, outputs, rules };
}

/** The id of a required decision in this file, from its href ("#id"); a problem when it is elsewhere. */
function requiredIds(decision: DmnElement, decisions: Map<string, DmnElement>, problem: Problem): string[] {
  const ids: string[] = [];
  for (const requirement of (decision.informationRequirement ?? []) as DmnElement[]) {
    const href = child(requirement, 'requiredDecision')?.href as string | undefined;
    if (!href) continue;
    const id = href.startsWith('#') ? href.slice(1) : undefined;
    if (!id || !decisions.has(id)) {
      problem(requirement, 'dmn/required-decision', id
        ? m('dmn.required-decision-missing', { decision: named(decision), id })
        : m('dmn.required-decision-elsewhere', { decision: named(decision), href }));
      continue;
    }
    ids.push(id);
  }
  return ids;
}

/**
 * Compiles a DMN 1.3 file (as Camunda Modeler saves it) into decision plans.
 * Decision tables and literal expressions are compiled; every other construct
 * (boxed contexts, invocations, business knowledge models, decision services,
 * another expression language) is a problem naming its element, as is every
 * FEEL syntax error. Required decisions (information requirements) are
 * embedded in the plans that need them, so a plan evaluates on its own.
 */
export async function compileDmn(xml: string, options: { maxBytes?: number } = {}): Promise<CompiledDmn> {
  const refused = (problems: DefinitionProblem[], tooLarge = false): CompiledDmn => ({ key: null, name: null, decisions: {}, problems, tooLarge });
  const screened = screenXml(xml, { maxBytes: options.maxBytes ?? MAX_DMN_BYTES, format: 'DMN' });
  if (!screened.ok) return refused(screened.problems, screened.tooLarge);

  let read: FromXmlResult;
  try {
    read = await new DmnModdle().fromXML(screened.xml, 'dmn:Definitions');
  } catch (error) {
    const err = error as Error;
    if (/failed to parse document as/.test(err.message)) {
      return refused([{ elementId: null, rule: 'xml/not-dmn', message: lintMessage('xml.not-dmn') }]);
    }
    return refused([fromWarning({ message: err.message }, screened.xml, 'xml/malformed')]);
  }
  if (read.warnings.length) return refused(read.warnings.map((w: ModdleWarning) => fromWarning(w, screened.xml)));

  const definitions = read.rootElement;
  const problems: DefinitionProblem[] = [];
  const problem: Problem = (element, rule, message) => {
    const found = { elementId: typeof element === 'string' ? element : idOf(element ?? undefined), rule, message };
    const same = (p: DefinitionProblem) => p.elementId === found.elementId && JSON.stringify(p.message) === JSON.stringify(found.message);
    if (!problems.some(same)) problems.push(found);
  };
  const key = (definitions.id as string | undefined) ?? null;
  if (!key || !PROCESS_KEY.test(key)) {
    problem(definitions, 'dmn/key', m('dmn.key', { key: key ?? '' }));
  }

  const language = definitions.expressionLanguage as string | undefined;
  if (language && !FEEL_LANGUAGE.test(language)) {
    problem(definitions, 'dmn/expression-language', m('dmn.file-expression-language', { language }));
  }
  const elements = (definitions.drgElement ?? []) as DmnElement[];
  const decisionElements = new Map(elements.filter((e) => e.$type === 'dmn:Decision').map((d) => [d.id!, d]));
  for (const element of elements) {
    if (UNSUPPORTED_ELEMENTS.has(element.$type)) problem(element, 'dmn/unsupported', m('dmn.unsupported-element', { type: element.$type, element: named(element) }));
  }
  if (decisionElements.size === 0) problem(definitions, 'dmn/no-decision', m('dmn.no-decision'));

  const own = new Map<string, DecisionPlan>();
  const requires = new Map<string, string[]>();
  for (const [id, decision] of decisionElements) {
    if (!PROCESS_KEY.test(id)) problem(decision, 'dmn/decision-id', m('dmn.decision-id', { id }));
    requires.set(id, requiredIds(decision, decisionElements, problem));
    const base = { id, ...(decision.name ? { name: decision.name as string } : {}), resultName: (child(decision, 'variable')?.name?.trim() || id) };
    const logic = decision.decisionLogic as DmnElement | undefined;
    if (!logic) {
      problem(decision, 'dmn/no-logic', m('dmn.no-logic', { decision: named(decision) }));
    } else if (logic.$type === 'dmn:DecisionTable') {
      own.set(id, { ...base, ...compileTable(decision, logic, problem) });
    } else if (logic.$type === 'dmn:LiteralExpression') {
      const expression = checkFeel(problem, logic, { decision: named(decision), place: { at: 'decision' } }, 'expression');
      if (!expression) problem(logic, 'dmn/no-logic', m('dmn.empty-literal', { decision: named(decision) }));
      own.set(id, { ...base, kind: 'literalExpression', expression });
    } else {
      problem(logic, 'dmn/unsupported', m('dmn.unsupported-logic', { decision: named(decision), type: logic.$type }));
    }
  }

  const plans = new Map<string, DecisionPlan>();
  /** Decisions that cannot be built (in a cycle, or requiring one that cannot): reported once. */
  const broken = new Set<string>();
  const build = (id: string, path: string[]): DecisionPlan | undefined => {
    if (path.includes(id)) {
      const cycle = path.slice(path.indexOf(id));
      problem(id, 'dmn/cycle', m('dmn.cycle', { path: [...cycle, id] }));
      cycle.forEach((c) => broken.add(c));
      return undefined;
    }
    if (broken.has(id)) return undefined;
    if (plans.has(id)) return plans.get(id);
    const base = own.get(id);
    if (!base) return undefined;
    const required = (requires.get(id) ?? []).map((r) => build(r, [...path, id]));
    if (required.some((r) => !r)) {
      broken.add(id);
      return undefined;
    }
    const plan = { ...base, ...(required.length ? { requiredDecisions: required as DecisionPlan[] } : {}) } as DecisionPlan;
    plans.set(id, plan);
    return plan;
  };
  for (const id of decisionElements.keys()) build(id, []);

  const name = typeof definitions.name === 'string' && definitions.name.trim() ? definitions.name.trim() : null;
  if (problems.length) return { key, name, decisions: {}, problems, tooLarge: false };
  return { key, name, decisions: Object.fromEntries(plans), problems, tooLarge: false };
}
