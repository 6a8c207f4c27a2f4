import { evaluate, unaryTest } from 'feelin';
import { feel, FeelError, type FeelReason } from './feel';

/**
 * DMN decisions compiled at deploy time (domain/process/dmn-compiler.ts) and
 * evaluated here, in the workflow or in the API, with the same code: pure,
 * deterministic, plain data in and out. Every expression is FEEL source text
 * (no "=" prefix: in DMN everything is FEEL); input entries are unary tests.
 * Semantics follow DMN 1.3 as Camunda 8 runs it (dmn-scala): no matching rule
 * gives the outputs' default entries or null, whatever the hit policy.
 */
export type HitPolicy = 'UNIQUE' | 'FIRST' | 'PRIORITY' | 'ANY' | 'COLLECT' | 'RULE ORDER' | 'OUTPUT ORDER';
export type Aggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';
export const HIT_POLICIES: readonly HitPolicy[] = ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER', 'OUTPUT ORDER'];
export const AGGREGATIONS: readonly Aggregation[] = ['SUM', 'MIN', 'MAX', 'COUNT'];

export interface DecisionInput {
  id: string;
  label?: string;
  /** FEEL expression over the variables (and the required decisions' results). */
  expression: string;
  /** The column's type; a string value of a date, time, dateTime or duration column is read as one. */
  typeRef?: string;
}

export interface DecisionOutput {
  id: string;
  /** The key of this output in the result when the table has several outputs. */
  name: string;
  label?: string;
  typeRef?: string;
  /** The output's allowed values, highest priority first (PRIORITY and OUTPUT ORDER sort by them). */
  allowedValues?: Array<string | number | boolean>;
  /** FEEL: the value when no rule matches. */
  defaultEntry?: string;
}

export interface DecisionRule {
  id: string;
  description?: string;
  /** One FEEL unary test per input ("-" or "" matches anything). */
  inputEntries: string[];
  /** One FEEL expression per output ("" is null). */
  outputEntries: string[];
}

interface DecisionBase {
  id: string;
  name?: string;
  /** The variable under which decisions that require this one read its result (its variable's name, else its id). */
  resultName: string;
  /** Decisions whose results this one reads: evaluated first, in this order, each included whole. */
  requiredDecisions?: DecisionPlan[];
}

export interface DecisionTablePlan extends DecisionBase {
  kind: 'decisionTable';
  hitPolicy: HitPolicy;
  /** COLLECT only; absent: the list of outputs. */
  aggregation?: Aggregation;
  inputs: DecisionInput[];
  outputs: DecisionOutput[];
  rules: DecisionRule[];
}

export interface LiteralDecisionPlan extends DecisionBase {
  kind: 'literalExpression';
  expression: string;
}

export type DecisionPlan = DecisionTablePlan | LiteralDecisionPlan;

/** What one decision of an evaluation did: for people testing a table, and for incidents. */
export interface DecisionTrace {
  decisionId: string;
  matchedRules: string[];
  result: unknown;
}

/** A decision that cannot give a result: an incident in a process, a 422 when testing it. */
export class DecisionError extends FeelError {
  constructor(readonly decisionId: string, expression: string, message: string, reason: FeelReason) {
    super(expression, message, reason);
    this.message = message;
    this.name = 'DecisionError';
  }
}

function nameOf(plan: DecisionPlan): string {
  return plan.name && plan.name !== plan.id ? `"${plan.name}" (${plan.id})` : `"${plan.id}"`;
}

/** `message` for logs (English); `code` and `params` (besides the decision's name) for people (domain/process/decision.messages.ts). */
function fail(plan: DecisionPlan, expression: string, message: string, code: string, params: Record<string, unknown> = {}): never {
  const decision = { name: plan.name ?? null, id: plan.id };
  throw new DecisionError(plan.id, expression, `Decision ${nameOf(plan)}: ${message}`, { code, params: { decision, ...params } });
}

/** Where in a table an expression is (its place in decision.messages.ts). */
type Place =
  | { at: 'input' | 'output' | 'output-default'; n: number; label: string | null }
  | { at: 'rule-input' | 'rule-output'; rule: number; ruleId: string; column: string | number }
  | { at: 'decision' };

/** How the English log message names a place. */
function placeText(plan: DecisionPlan, place: Place): string {
  switch (place.at) {
    case 'decision': return `Decision ${nameOf(plan)}`;
    case 'input': return `input ${place.n}${place.label ? ` ("${place.label}")` : ''}`;
    case 'output': return `output ${place.n}${place.label ? ` ("${place.label}")` : ''}`;
    case 'output-default': return `default of output ${place.n}${place.label ? ` ("${place.label}")` : ''}`;
    case 'rule-input': return `rule ${place.ruleId}, input "${place.column}"`;
    case 'rule-output': return `rule ${place.ruleId}, output "${place.column}"`;
  }
}

function feelFailed(plan: DecisionPlan, expression: string, place: Place, error: unknown): never {
  const detail = (error as Error).message;
  return fail(plan, expression, `${placeText(plan, place)}: ${detail} in "${expression}".`, 'decision.feel-error', { place, detail, expression });
}

/** Raw FEEL value (dates stay FEEL dates, so that unary tests compare them as dates). */
function feelValue(plan: DecisionPlan, expression: string, context: Record<string, unknown>, place: Place): unknown {
  try {
    return evaluate(expression, context).value;
  } catch (error) {
    return feelFailed(plan, expression, place, error);
  }
}

/** JSON value of a FEEL expression (what a process variable can hold). */
function jsonValue(plan: DecisionPlan, expression: string, context: Record<string, unknown>, place: Place): unknown {
  if (!expression.trim()) return null;
  try {
    return feel(`=${expression}`, context);
  } catch (error) {
    return feelFailed(plan, expression, place, error instanceof FeelError ? new Error(String(error.reason.params.detail ?? error.message)) : error);
  }
}

const CONVERSIONS: Record<string, string> = {
  date: 'date', time: 'time', dateTime: 'date and time', 'date and time': 'date and time',
  dayTimeDuration: 'duration', yearMonthDuration: 'duration', 'days and time duration': 'duration', 'years and months duration': 'duration',
};

/** Process variables are JSON: an ISO string in a date (time, duration) column is read as that type. */
function typed(plan: DecisionPlan, input: DecisionInput, value: unknown): unknown {
  const conversion = input.typeRef ? CONVERSIONS[input.typeRef] : undefined;
  if (!conversion || typeof value !== 'string') return value;
  const converted = evaluate(`${conversion}(value)`, { value }).value;
  if (converted === null) {
    fail(plan, input.expression, `input "${input.label ?? input.expression}" expects a ${input.typeRef}, but its value is ${JSON.stringify(value)}.`, 'decision.input-type', {
      input: input.label ?? input.expression, typeRef: input.typeRef, value,
    });
  }
  return converted;
}

function matches(plan: DecisionPlan, rule: DecisionRule, index: number, input: DecisionInput, context: Record<string, unknown>): boolean {
  const test = rule.inputEntries[index]?.trim() ?? '';
  if (test === '' || test === '-') return true;
  try {
    return unaryTest(test, context).value === true;
  } catch (error) {
    const place: Place = { at: 'rule-input', rule: (plan as DecisionTablePlan).rules.indexOf(rule) + 1, ruleId: rule.id, column: input.label ?? input.expression };
    return feelFailed(plan, test, place, error);
  }
}

type Row = Record<string, unknown>;

/** One output: its value; several: a context by output name. */
function shape(table: DecisionTablePlan, row: Row): unknown {
  return table.outputs.length === 1 ? row[table.outputs[0]!.name] : row;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Rows sorted by their outputs' positions in the allowed values (first output first), rule order kept among equals. */
function byPriority(table: DecisionTablePlan, rows: Array<{ rule: DecisionRule; row: Row }>) {
  const rank = (row: Row) => table.outputs.map((o) => {
    const at = (o.allowedValues ?? []).findIndex((v) => same(v, row[o.name]));
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  });
  const ranked = rows.map((r) => ({ ...r, rank: rank(r.row) }));
  return ranked.sort((a, b) => {
    for (let i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return a.rank[i]! - b.rank[i]!;
    return 0;
  });
}

function aggregate(table: DecisionTablePlan, aggregation: Aggregation, values: unknown[]): unknown {
  if (aggregation === 'COUNT') return values.length;
  const present = values.filter((v) => v !== null && v !== undefined);
  const wrong = present.find((v) => typeof v !== 'number');
  if (wrong !== undefined) fail(table, '', `COLLECT ${aggregation} needs numbers, but a matching rule gives ${JSON.stringify(wrong)}.`, 'decision.collect-numbers', { aggregation, value: wrong });
  const numbers = present as number[];
  if (numbers.length === 0) return null;
  if (aggregation === 'SUM') return numbers.reduce((sum, n) => sum + n, 0);
  return aggregation === 'MIN' ? Math.min(...numbers) : Math.max(...numbers);
}

function hitResult(table: DecisionTablePlan, hits: Array<{ rule: DecisionRule; row: Row }>): unknown {
  const ids = (list: Array<{ rule: DecisionRule }>) => list.map((h) => h.rule.id).join(', ');
  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (hits.length > 1) {
        fail(table, '', `hit policy UNIQUE allows one matching rule, but ${hits.length} match (${ids(hits)}). Make their input entries exclusive, or choose the FIRST or PRIORITY hit policy.`, 'decision.unique', {
          rules: hits.map((h) => h.rule.id),
        });
      }
      return shape(table, hits[0]!.row);
    case 'FIRST':
      return shape(table, hits[0]!.row);
    case 'ANY': {
      const different = hits.filter((h) => !same(h.row, hits[0]!.row));
      if (different.length) {
        fail(table, '', `hit policy ANY needs every matching rule to give the same output, but ${hits[0]!.rule.id} and ${ids(different)} differ.`, 'decision.any', {
          first: hits[0]!.rule.id, different: different.map((h) => h.rule.id),
        });
      }
      return shape(table, hits[0]!.row);
    }
    case 'PRIORITY':
      return shape(table, byPriority(table, hits)[0]!.row);
    case 'OUTPUT ORDER':
      return byPriority(table, hits).map((h) => shape(table, h.row));
    case 'RULE ORDER':
      return hits.map((h) => shape(table, h.row));
    case 'COLLECT': {
      const values = hits.map((h) => shape(table, h.row));
      return table.aggregation ? aggregate(table, table.aggregation, values) : values;
    }
    default: {
      const unknown: never = table.hitPolicy;
      return fail(table, '', `unknown hit policy "${String(unknown)}".`, 'decision.unknown-hit-policy', { hitPolicy: String(unknown) });
    }
  }
}

function evaluateTable(table: DecisionTablePlan, context: Record<string, unknown>): { result: unknown; matchedRules: string[] } {
  const inputContexts = table.inputs.map((input, i) => ({
    ...context,
    '?': typed(table, input, feelValue(table, input.expression, context, { at: 'input', n: i + 1, label: input.label ?? input.expression })),
  }));
  const matched = table.rules.filter((rule) => table.inputs.every((input, i) => matches(table, rule, i, input, inputContexts[i]!)));
  if (matched.length === 0) {
    const defaults = table.outputs.filter((o) => o.defaultEntry?.trim());
    if (defaults.length === 0) return { result: null, matchedRules: [] };
    const row = Object.fromEntries(table.outputs.map((o, i) => [o.name, jsonValue(table, o.defaultEntry ?? '', context, { at: 'output-default', n: i + 1, label: o.label ?? o.name })]));
    return { result: shape(table, row), matchedRules: [] };
  }
  // FIRST reads only the first rule's outputs: a later rule's faulty output does not matter.
  const used = table.hitPolicy === 'FIRST' ? matched.slice(0, 1) : matched;
  const hits = used.map((rule) => ({
    rule,
    row: Object.fromEntries(table.outputs.map((o, i) => [o.name, jsonValue(table, rule.outputEntries[i] ?? '', context, {
      at: 'rule-output', rule: table.rules.indexOf(rule) + 1, ruleId: rule.id, column: o.label ?? o.name,
    })])),
  }));
  return { result: hitResult(table, hits), matchedRules: used.map((r) => r.id) };
}

function run(plan: DecisionPlan, variables: Record<string, unknown>, done: Map<string, unknown>, trace: DecisionTrace[], path: string[]): unknown {
  if (done.has(plan.id)) return done.get(plan.id);
  if (path.includes(plan.id)) fail(plan, '', `it requires itself (${[...path, plan.id].join(' → ')}).`, 'decision.requires-itself', { path: [...path, plan.id] });
  const context: Record<string, unknown> = { ...variables };
  for (const required of plan.requiredDecisions ?? []) {
    context[required.resultName] = run(required, variables, done, trace, [...path, plan.id]);
  }
  const { result, matchedRules } = plan.kind === 'literalExpression'
    ? { result: jsonValue(plan, plan.expression, context, { at: 'decision' }), matchedRules: [] }
    : evaluateTable(plan, context);
  done.set(plan.id, result);
  trace.push({ decisionId: plan.id, matchedRules, result });
  return result;
}

/** Evaluates a decision (its required decisions first) and says which rules of each decision matched. */
export function traceDecision(plan: DecisionPlan, variables: Record<string, unknown>): { result: unknown; decisions: DecisionTrace[] } {
  const decisions: DecisionTrace[] = [];
  const result = run(plan, variables, new Map(), decisions, []);
  return { result, decisions };
}

/**
 * The result of a decision over the variables: a table with one output gives
 * its value, several outputs a context by output name; COLLECT, RULE ORDER and
 * OUTPUT ORDER a list (or the aggregate); no matching rule null (or the
 * outputs' default entries). Throws a DecisionError (a FeelError).
 */
export function evaluateDecision(plan: DecisionPlan, variables: Record<string, unknown>): unknown {
  return traceDecision(plan, variables).result;
}
