import {
  AGGREGATIONS, HIT_POLICIES, type Aggregation, type DecisionInput, type DecisionOutput, type DecisionPlan, type DecisionRule, type HitPolicy,
} from '../../kernel/process/decision-table';
import { child, idOf, PROCESS_KEY, text, type BpmnElement as DmnElement, type DefinitionProblem, type FromXmlResult, type ModdleWarning } from './bpmn-model';
import { fromWarning, MAX_DEFINITION_BYTES, screenXml } from './definition-parser';
import { feelSyntaxError } from './feel-syntax';

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

/** What each DMN construct Relais does not run is called in messages. */
const UNSUPPORTED_LOGIC: Record<string, string> = {
  'dmn:Context': 'a boxed context',
  'dmn:Invocation': 'a boxed invocation (of a business knowledge model)',
  'dmn:Relation': 'a relation',
  'dmn:List': 'a boxed list',
  'dmn:FunctionDefinition': 'a function definition',
};
const UNSUPPORTED_ELEMENTS: Record<string, string> = {
  'dmn:BusinessKnowledgeModel': 'business knowledge model',
  'dmn:DecisionService': 'decision service',
};
const FEEL_LANGUAGE = /^(feel|https?:\/\/www\.omg\.org\/spec\/(FEEL\/\d+|DMN\/\d+\/FEEL\/?))$/i;
/** A list of literals, as an output's allowed values are written: "high","medium","low" or 1,2,3. */
const LITERAL = /\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false)\s*(?:,|$)/y;

type Problem = (element: DmnElement | string | null | undefined, rule: string, message: string) => void;

function label(decision: DmnElement): string {
  return decision.name && decision.name !== decision.id ? `"${decision.name}" (${decision.id})` : `"${decision.id}"`;
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
function checkFeel(problem: Problem, element: DmnElement | undefined, where: string, grammar: 'expression' | 'unaryTests'): string {
  const source = text(element, 'text') ?? '';
  const language = element?.expressionLanguage as string | undefined;
  if (language && !FEEL_LANGUAGE.test(language)) {
    problem(element, 'dmn/expression-language', `${where} is written in "${language}"; Relais evaluates FEEL only. Rewrite it in FEEL.`);
    return source;
  }
  if (grammar === 'unaryTests' && (source === '' || source === '-')) return source;
  if (grammar === 'expression' && source === '') return source;
  const why = feelSyntaxError(source, grammar);
  if (why) problem(element, 'dmn/feel', `${where}: "${source}" is not a valid FEEL ${grammar === 'unaryTests' ? 'unary test' : 'expression'}: ${why}.`);
  return source;
}

function compileTable(decision: DmnElement, table: DmnElement, problem: Problem) {
  const name = label(decision);
  const hitPolicy = (table.hitPolicy as HitPolicy | undefined) ?? 'UNIQUE';
  if (!HIT_POLICIES.includes(hitPolicy)) problem(table, 'dmn/hit-policy', `Decision ${name}: unknown hit policy "${hitPolicy}".`);
  const aggregation = table.aggregation as Aggregation | undefined;
  if (aggregation && (hitPolicy !== 'COLLECT' || !AGGREGATIONS.includes(aggregation))) {
    problem(table, 'dmn/aggregation', `Decision ${name}: the aggregation "${aggregation}" needs the COLLECT hit policy and is one of ${AGGREGATIONS.join(', ')}.`);
  }
  const inputElements = (table.input ?? []) as DmnElement[];
  const outputElements = (table.output ?? []) as DmnElement[];
  if (outputElements.length === 0) problem(table, 'dmn/no-output', `Decision ${name} has no output column: add one.`);
  if (aggregation && outputElements.length > 1) {
    problem(table, 'dmn/aggregation', `Decision ${name}: COLLECT ${aggregation} adds up a single output, but the table has ${outputElements.length}. Remove the aggregation or keep one output.`);
  }

  const inputs: DecisionInput[] = inputElements.map((input, i) => {
    const where = `Decision ${name}, input ${i + 1}${input.label ? ` ("${input.label}")` : ''}`;
    const expression = checkFeel(problem, child(input, 'inputExpression'), where, 'expression');
    if (!expression) problem(input, 'dmn/input-expression', `${where} has no input expression: write the FEEL expression whose value the column tests (a variable name, for example).`);
    const typeRef = child(input, 'inputExpression')?.typeRef as string | undefined;
    return { id: input.id!, ...(input.label ? { label: input.label as string } : {}), expression, ...(typeRef ? { typeRef } : {}) };
  });

  const outputs: DecisionOutput[] = outputElements.map((output, i) => {
    const where = `Decision ${name}, output ${i + 1}${output.label ? ` ("${output.label}")` : ''}`;
    const outName = (output.name as string | undefined)?.trim();
    if (!outName && outputElements.length > 1) problem(output, 'dmn/output-name', `${where} has no name: a table with several outputs gives a context whose keys are the output names.`);
    const values = allowedValues(text(child(output, 'outputValues'), 'text') ?? '');
    if ((hitPolicy === 'PRIORITY' || hitPolicy === 'OUTPUT ORDER') && !values) {
      problem(output, 'dmn/output-values', `${where}: the ${hitPolicy} hit policy ranks rules by the output's allowed values; list them, highest priority first ("high","medium","low").`);
    }
    const defaultEntry = child(output, 'defaultOutputEntry') ? checkFeel(problem, child(output, 'defaultOutputEntry'), `${where}, default value`, 'expression') : '';
    return {
      id: output.id!, name: outName || output.id!, ...(output.label ? { label: output.label as string } : {}),
      ...(output.typeRef ? { typeRef: output.typeRef as string } : {}), ...(values ? { allowedValues: values } : {}), ...(defaultEntry ? { defaultEntry } : {}),
    };
  });

  const rules: DecisionRule[] = ((table.rule ?? []) as DmnElement[]).map((rule, r) => {
    const ruleName = `Decision ${name}, rule ${r + 1} (${rule.id})`;
    const inputEntries = (rule.inputEntry ?? []) as DmnElement[];
    const outputEntries = (rule.outputEntry ?? []) as DmnElement[];
    if (inputEntries.length !== inputs.length || outputEntries.length !== outputs.length) {
      problem(rule, 'dmn/rule-shape', `${ruleName} has ${inputEntries.length} input and ${outputEntries.length} output entries; the table has ${inputs.length} inputs and ${outputs.length} outputs.`);
    }
    return {
      id: rule.id!,
      ...(typeof rule.description === 'string' && rule.description.trim() ? { description: rule.description.trim() } : {}),
      inputEntries: inputEntries.map((entry, i) => checkFeel(problem, entry, `${ruleName}, input ${inputs[i]?.label ? `"${inputs[i]!.label}"` : i + 1}`, 'unaryTests')),
      outputEntries: outputEntries.map((entry, i) => checkFeel(problem, entry, `${ruleName}, output "${outputs[i]?.label ?? outputs[i]?.name ?? i + 1}"`, 'expression')),
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
        ? `Decision ${label(decision)} requires the decision "${id}", which is not in this file.`
        : `Decision ${label(decision)} requires "${href}" from another file, which Relais does not read: put both decisions in one file.`);
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
      return refused([{
        elementId: null, rule: 'xml/not-dmn',
        message: 'The file is not a DMN 1.3 definition: its root element must be <definitions> in the DMN 1.3 namespace (https://www.omg.org/spec/DMN/20191111/MODEL/). Camunda Modeler saves DMN 1.3; open an older file in it and save it again.',
      }]);
    }
    return refused([fromWarning({ message: err.message }, screened.xml, 'xml/malformed')]);
  }
  if (read.warnings.length) return refused(read.warnings.map((w: ModdleWarning) => fromWarning(w, screened.xml)));

  const definitions = read.rootElement;
  const problems: DefinitionProblem[] = [];
  const problem: Problem = (element, rule, message) => {
    const found = { elementId: typeof element === 'string' ? element : idOf(element ?? undefined), rule, message };
    if (!problems.some((p) => p.message === found.message && p.elementId === found.elementId)) problems.push(found);
  };
  const key = (definitions.id as string | undefined) ?? null;
  if (!key || !PROCESS_KEY.test(key)) {
    problem(definitions, 'dmn/key', `The definitions' id "${key ?? ''}" identifies the file's decisions in Relais: it must start with a letter and hold only letters, digits, ".", "_" or "-" (at most 100).`);
  }

  const language = definitions.expressionLanguage as string | undefined;
  if (language && !FEEL_LANGUAGE.test(language)) {
    problem(definitions, 'dmn/expression-language', `The file's expressions are declared in "${language}"; Relais evaluates FEEL only. Rewrite them in FEEL and remove the expressionLanguage attribute.`);
  }
  const elements = (definitions.drgElement ?? []) as DmnElement[];
  const decisionElements = new Map(elements.filter((e) => e.$type === 'dmn:Decision').map((d) => [d.id!, d]));
  for (const element of elements) {
    const what = UNSUPPORTED_ELEMENTS[element.$type];
    if (what) problem(element, 'dmn/unsupported', `The ${what} ${label(element)} is not supported: Relais runs decision tables and literal expressions. Put its logic in a decision.`);
  }
  if (decisionElements.size === 0) problem(definitions, 'dmn/no-decision', 'The file holds no decision: draw a decision with a decision table or a literal expression.');

  const own = new Map<string, DecisionPlan>();
  const requires = new Map<string, string[]>();
  for (const [id, decision] of decisionElements) {
    if (!PROCESS_KEY.test(id)) problem(decision, 'dmn/decision-id', `The decision id "${id}" must start with a letter and hold only letters, digits, ".", "_" or "-" (at most 100): processes refer to the decision by it.`);
    requires.set(id, requiredIds(decision, decisionElements, problem));
    const base = { id, ...(decision.name ? { name: decision.name as string } : {}), resultName: (child(decision, 'variable')?.name?.trim() || id) };
    const logic = decision.decisionLogic as DmnElement | undefined;
    if (!logic) {
      problem(decision, 'dmn/no-logic', `Decision ${label(decision)} has no logic: give it a decision table or a literal expression.`);
    } else if (logic.$type === 'dmn:DecisionTable') {
      own.set(id, { ...base, ...compileTable(decision, logic, problem) });
    } else if (logic.$type === 'dmn:LiteralExpression') {
      const expression = checkFeel(problem, logic, `Decision ${label(decision)}`, 'expression');
      if (!expression) problem(logic, 'dmn/no-logic', `Decision ${label(decision)} has an empty literal expression: write its FEEL expression.`);
      own.set(id, { ...base, kind: 'literalExpression', expression });
    } else {
      problem(logic, 'dmn/unsupported', `Decision ${label(decision)} uses ${UNSUPPORTED_LOGIC[logic.$type] ?? logic.$type}, which Relais does not run: use a decision table or a literal expression.`);
    }
  }

  const plans = new Map<string, DecisionPlan>();
  /** Decisions that cannot be built (in a cycle, or requiring one that cannot): reported once. */
  const broken = new Set<string>();
  const build = (id: string, path: string[]): DecisionPlan | undefined => {
    if (path.includes(id)) {
      const cycle = path.slice(path.indexOf(id));
      problem(id, 'dmn/cycle', `Decisions require each other in a cycle (${[...cycle, id].join(' → ')}): a decision cannot need its own result.`);
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
