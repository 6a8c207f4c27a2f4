import fs from 'node:fs';
import path from 'node:path';
import { evaluateDecision } from '../../kernel/process/decision-table';
import { renderText } from '../i18n/messages';
import { compileDmn as compileDmnCoded } from './dmn-compiler';

/** The compiled file, its problems written in English (catalogue messages: decision.messages.ts; French below). */
async function compileDmn(...args: Parameters<typeof compileDmnCoded>) {
  const compiled = await compileDmnCoded(...args);
  return { ...compiled, problems: compiled.problems.map((p) => ({ ...p, message: renderText(p.message, 'en') })) };
}

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../../test/fixtures/dmn', name), 'utf8');
const NS = 'xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"';
const dmn = (body: string, attributes = '') => `<?xml version="1.0" encoding="UTF-8"?>\n<definitions ${NS} id="defs" name="Test" namespace="http://camunda.org/schema/1.0/dmn"${attributes}>${body}</definitions>`;
const table = (hitPolicy: string, body: string) => dmn(`<decision id="d" name="D"><decisionTable id="t" hitPolicy="${hitPolicy}">${body}</decisionTable></decision>`);
const input = '<input id="i1" label="Amount"><inputExpression id="ie1" typeRef="number"><text>amount</text></inputExpression></input>';

describe('compileDmn', () => {
  it('compiles the discount table (COLLECT SUM) as Camunda Modeler saves it', async () => {
    const compiled = await compileDmn(fixture('discount.dmn'));
    expect(compiled.problems).toEqual([]);
    expect(compiled).toMatchObject({ key: 'order-discounts', name: 'Order discounts', tooLarge: false });
    const discount = compiled.decisions.discount!;
    expect(discount).toMatchObject({
      kind: 'decisionTable', id: 'discount', name: 'Discount', resultName: 'discount', hitPolicy: 'COLLECT', aggregation: 'SUM',
      inputs: [
        { id: 'Input_1', label: 'Customer tier', expression: 'customer.tier', typeRef: 'string' },
        { id: 'InputClause_1xv6c2n', label: 'Order total (€)', expression: 'order.totalCents / 100', typeRef: 'number' },
        { id: 'InputClause_0gnm8qn', label: 'Order date', expression: 'order.date', typeRef: 'date' },
      ],
      outputs: [{ id: 'Output_1', name: 'discountPercent', label: 'Discount (%)', typeRef: 'number' }],
    });
    expect(discount.kind === 'decisionTable' && discount.rules[0]).toEqual({
      id: 'DecisionRule_gold', description: 'Gold customers always get 10 %', inputEntries: ['"gold"', '-', ''], outputEntries: ['10'],
    });
    expect(evaluateDecision(discount, { customer: { tier: 'gold' }, order: { totalCents: 600_000, date: '2026-01-10' } })).toBe(13);
    expect(evaluateDecision(discount, { customer: { tier: 'silver' }, order: { totalCents: 10_000, date: '2026-01-10' } })).toBe(7);
    expect(evaluateDecision(discount, { customer: { tier: 'bronze' }, order: { totalCents: 10_000, date: '2026-03-10' } })).toBeNull();
  });

  it('compiles the routing table (FIRST, two outputs)', async () => {
    const { decisions, problems } = await compileDmn(fixture('ticket-routing.dmn'));
    expect(problems).toEqual([]);
    const route = decisions['route-ticket']!;
    expect(evaluateDecision(route, { ticket: { category: 'outage', priority: 1 }, customer: { segment: 'key-account' } })).toEqual({ team: 'support-n2', dueWithin: 'PT4H' });
    expect(evaluateDecision(route, { ticket: { category: 'billing', priority: 2 }, customer: { segment: 'key-account' } })).toEqual({ team: 'key-accounts', dueWithin: 'P1D' });
    expect(evaluateDecision(route, { ticket: { category: 'billing', priority: 3 }, customer: { segment: 'key-account' } })).toEqual({ team: 'accounting', dueWithin: 'P3D' });
    expect(evaluateDecision(route, { ticket: { category: 'question' }, customer: {} })).toEqual({ team: 'support-n1', dueWithin: 'P2D' });
  });

  it('compiles the risk table (UNIQUE) with its required decision embedded, read under its variable name', async () => {
    const { decisions, problems } = await compileDmn(fixture('credit-risk.dmn'));
    expect(problems).toEqual([]);
    expect(Object.keys(decisions).sort()).toEqual(['payment-score', 'risk-level']);
    expect(decisions['payment-score']).toEqual({
      kind: 'literalExpression', id: 'payment-score', name: 'Payment score', resultName: 'paymentScore',
      expression: 'max(0, 100 - account.latePayments * 15 - (if account.ageYears < 1 then 20 else 0))',
    });
    const risk = decisions['risk-level']!;
    expect(risk.requiredDecisions).toEqual([decisions['payment-score']]);
    expect(risk.kind === 'decisionTable' && risk.outputs[0]!.allowedValues).toEqual(['high', 'medium', 'low']);
    expect(evaluateDecision(risk, { account: { latePayments: 0, ageYears: 3 }, amountCents: 500_000 })).toEqual({ risk: 'low', needsApproval: false });
    expect(evaluateDecision(risk, { account: { latePayments: 2, ageYears: 3 }, amountCents: 500_000 })).toEqual({ risk: 'medium', needsApproval: true });
    expect(evaluateDecision(risk, { account: { latePayments: 0, ageYears: 3 }, amountCents: 5_000_000 })).toEqual({ risk: 'high', needsApproval: true });
  });

  it('refuses what the BPMN parser refuses before parsing: size, DOCTYPE, not XML', async () => {
    const big = await compileDmn(fixture('discount.dmn'), { maxBytes: 1000 });
    expect(big).toMatchObject({ tooLarge: true, decisions: {}, problems: [{ rule: 'xml/too-large', message: expect.stringContaining('a decision definition may be at most 1 KB') }] });
    const doctype = await compileDmn(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${dmn('')}`);
    expect(doctype.problems).toEqual([{ elementId: null, rule: 'xml/doctype', message: expect.stringContaining('a DMN file does not need one') }]);
    expect((await compileDmn('{"decision": 1}')).problems[0]!.rule).toBe('xml/not-xml');
  });

  it('refuses a BPMN file or an older DMN version, saying which format it reads', async () => {
    const old = await compileDmn('<definitions xmlns="http://www.omg.org/spec/DMN/20151101/dmn.xsd" id="d"/>');
    expect(old.problems).toEqual([{ elementId: null, rule: 'xml/not-dmn', message: expect.stringContaining('DMN 1.3 namespace') }]);
  });

  it('reports unknown elements and malformed XML on their element', async () => {
    const unknown = await compileDmn(dmn('<decision id="d"><decisionTabel id="x"/></decision>'));
    expect(unknown.problems).toEqual([{ elementId: 'd', rule: 'xml/unknown-element', message: expect.stringContaining('Unknown element <decisionTabel>') }]);
    const malformed = await compileDmn(dmn('<decision id="d"><literalExpression id="e"><text>1</literalExpression></decision>'));
    expect(malformed.problems[0]).toMatchObject({ rule: 'xml/malformed' });
  });

  it('refuses boxed contexts, invocations, business knowledge models and decision services, naming each', async () => {
    const { decisions, problems } = await compileDmn(dmn(`
      <decision id="ctx" name="Context"><context id="c1"><contextEntry><variable name="v"/><literalExpression><text>1</text></literalExpression></contextEntry></context></decision>
      <decision id="inv"><knowledgeRequirement id="kr"><requiredKnowledge href="#bkm"/></knowledgeRequirement><invocation id="i1"><literalExpression><text>bkm</text></literalExpression></invocation></decision>
      <businessKnowledgeModel id="bkm" name="Fees"/>
      <decisionService id="svc" name="Service"/>`));
    expect(decisions).toEqual({});
    expect(problems).toEqual([
      { elementId: 'bkm', rule: 'dmn/unsupported', message: 'The business knowledge model "Fees" (bkm) is not supported: Relais runs decision tables and literal expressions. Put its logic in a decision.' },
      { elementId: 'svc', rule: 'dmn/unsupported', message: expect.stringContaining('decision service "Service" (svc)') },
      { elementId: 'c1', rule: 'dmn/unsupported', message: 'Decision "Context" (ctx) uses a boxed context, which Relais does not run: use a decision table or a literal expression.' },
      { elementId: 'i1', rule: 'dmn/unsupported', message: expect.stringContaining('uses a boxed invocation') },
    ]);
  });

  it('writes a FEEL syntax error in French, naming the decision, the rule and the column', async () => {
    const compiled = await compileDmnCoded(table('UNIQUE', `${input}<output id="o" name="y"/><rule id="r1"><inputEntry id="e1"><text>[1..</text></inputEntry><outputEntry id="oe1"><text>1</text></outputEntry></rule>`));
    expect(renderText(compiled.problems[0]!.message, 'fr')).toBe('Décision « D » (d), règle 1 (r1), entrée « Amount » : « [1.. » n\'est pas un test unaire FEEL valide : l\'expression est incomplète à la fin.');
  });

  it('reports FEEL syntax errors on the entry, with the rule and the column', async () => {
    const { problems } = await compileDmn(table('UNIQUE', `${input}<output id="o1" name="y"/>
      <rule id="r1"><inputEntry id="e1"><text>[1..</text></inputEntry><outputEntry id="oe1"><text>"a" +</text></outputEntry></rule>`));
    expect(problems).toEqual([
      { elementId: 'e1', rule: 'dmn/feel', message: 'Decision "D" (d), rule 1 (r1), input "Amount": "[1.." is not a valid FEEL unary test: the expression is incomplete at its end.' },
      { elementId: 'oe1', rule: 'dmn/feel', message: 'Decision "D" (d), rule 1 (r1), output "y": ""a" +" is not a valid FEEL expression: the expression is incomplete at its end.' },
    ]);
  });

  it('refuses another expression language (Camunda 7 JUEL)', async () => {
    const { problems } = await compileDmn(table('UNIQUE', `<input id="i1"><inputExpression id="ie1" expressionLanguage="juel"><text>\${amount}</text></inputExpression></input><output id="o1" name="y"/>`));
    expect(problems).toEqual([{ elementId: 'ie1', rule: 'dmn/expression-language', message: 'Decision "D" (d), input 1 is written in "juel"; Relais evaluates FEEL only. Rewrite it in FEEL.' }]);
  });

  it('needs output names for several outputs, allowed values for PRIORITY, one output for an aggregation', async () => {
    const twoOutputs = await compileDmn(table('UNIQUE', `${input}<output id="o1" label="A"/><output id="o2" name="b"/>`));
    expect(twoOutputs.problems).toEqual([{ elementId: 'o1', rule: 'dmn/output-name', message: expect.stringContaining('output 1 ("A") has no name') }]);
    const priority = await compileDmn(table('PRIORITY', `${input}<output id="o1" name="y"/>`));
    expect(priority.problems).toEqual([{ elementId: 'o1', rule: 'dmn/output-values', message: expect.stringContaining('highest priority first') }]);
    const sum = await compileDmn(dmn(`<decision id="d"><decisionTable id="t" hitPolicy="COLLECT" aggregation="SUM">${input}<output id="o1" name="a"/><output id="o2" name="b"/></decisionTable></decision>`));
    expect(sum.problems).toEqual([{ elementId: 't', rule: 'dmn/aggregation', message: expect.stringContaining('COLLECT SUM adds up a single output') }]);
  });

  it('reports a rule whose entries do not match the columns, and a missing input expression', async () => {
    const { problems } = await compileDmn(table('UNIQUE', `<input id="i1"><inputExpression id="ie1"><text></text></inputExpression></input><output id="o1" name="y"/>
      <rule id="r1"><outputEntry id="oe1"><text>1</text></outputEntry></rule>`));
    expect(problems.map((p) => [p.elementId, p.rule])).toEqual([['i1', 'dmn/input-expression'], ['r1', 'dmn/rule-shape']]);
  });

  it('reports required decisions that are missing or form a cycle', async () => {
    const lit = (id: string, requires: string[]) => `<decision id="${id}">${requires.map((r, i) => `<informationRequirement id="${id}-ir${i}"><requiredDecision href="#${r}"/></informationRequirement>`).join('')}<literalExpression id="${id}-e"><text>1</text></literalExpression></decision>`;
    const missing = await compileDmn(dmn(lit('a', ['elsewhere'])));
    expect(missing.problems).toEqual([{ elementId: 'a-ir0', rule: 'dmn/required-decision', message: 'Decision "a" requires the decision "elsewhere", which is not in this file.' }]);
    const cycle = await compileDmn(dmn(lit('a', ['b']) + lit('b', ['a'])));
    expect(cycle.problems).toEqual([{ elementId: 'a', rule: 'dmn/cycle', message: 'Decisions require each other in a cycle (a → b → a): a decision cannot need its own result.' }]);
  });

  it('refuses a file without decisions', async () => {
    expect((await compileDmn(dmn('<inputData id="x" name="X"/>'))).problems).toEqual([{ elementId: 'defs', rule: 'dmn/no-decision', message: expect.any(String) }]);
  });
});
