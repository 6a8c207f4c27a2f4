import { DecisionError, evaluateDecision, traceDecision, type DecisionPlan, type DecisionTablePlan, type HitPolicy } from './decision-table';
import { FeelError } from './feel';

/** A table from rows: each row is its input entries then its output entries. */
function table(
  hitPolicy: HitPolicy,
  inputs: Array<string | { expression: string; typeRef: string }>,
  outputs: Array<string | { name: string; allowedValues?: Array<string | number>; defaultEntry?: string }>,
  rows: string[][],
  more: Partial<DecisionTablePlan> = {},
): DecisionTablePlan {
  const outs = outputs.map((o, i) => (typeof o === 'string' ? { id: `out${i}`, name: o } : { id: `out${i}`, ...o }));
  return {
    kind: 'decisionTable', id: 'd', name: 'Decision', resultName: 'd', hitPolicy,
    inputs: inputs.map((input, i) => (typeof input === 'string' ? { id: `in${i}`, expression: input } : { id: `in${i}`, ...input })),
    outputs: outs,
    rules: rows.map((row, r) => ({ id: `r${r + 1}`, inputEntries: row.slice(0, inputs.length), outputEntries: row.slice(inputs.length) })),
    ...more,
  };
}

describe('evaluateDecision', () => {
  describe('input entries (FEEL unary tests)', () => {
    const category = table('FIRST', ['amount'], ['category'], [
      ['< 0', '"negative"'],
      ['[1..5]', '"small"'],
      ['(5..100)', '"medium"'],
      ['null', '"missing"'],
      ['-', '"large"'],
    ]);
    it.each([
      [-3, 'negative'], [1, 'small'], [5, 'small'], [6, 'medium'], [100, 'large'], [null, 'missing'],
    ])('amount %p → %p', (amount, expected) => {
      expect(evaluateDecision(category, { amount })).toBe(expected);
    });

    const region = table('UNIQUE', ['country'], ['team'], [
      ['"FR","BE"', '"francophone"'],
      ['not("FR","BE")', '"international"'],
    ]);
    it('lists of strings and not(…)', () => {
      expect(evaluateDecision(region, { country: 'BE' })).toBe('francophone');
      expect(evaluateDecision(region, { country: 'DE' })).toBe('international');
    });

    it('an empty entry matches anything, like "-"', () => {
      expect(evaluateDecision(table('UNIQUE', ['a', 'b'], ['x'], [['', '1', '"one"']]), { a: 'whatever', b: 1 })).toBe('one');
    });

    it('an input expression reads nested variables and may compute', () => {
      const t = table('UNIQUE', ['order.lines * order.unitPrice'], ['big'], [['>= 1000', 'true'], ['< 1000', 'false']]);
      expect(evaluateDecision(t, { order: { lines: 10, unitPrice: 150 } })).toBe(true);
    });

    it('a missing variable is null: only null or "-" entries match it', () => {
      const t = table('FIRST', ['customer.segment'], ['route'], [['"gold"', '"vip"'], ['null', '"unknown"']]);
      expect(evaluateDecision(t, {})).toBe('unknown');
    });

    it('dates: a FEEL date, or an ISO string in a date column', () => {
      const byFeel = table('FIRST', ['date(orderDate)'], ['season'], [['< date("2025-01-01")', '"old"'], ['[date("2025-01-01")..date("2025-12-31")]', '"current"']]);
      expect(evaluateDecision(byFeel, { orderDate: '2025-06-01' })).toBe('current');
      const byType = table('FIRST', [{ expression: 'orderDate', typeRef: 'date' }], ['season'], [['< date("2025-01-01")', '"old"'], ['-', '"current"']]);
      expect(evaluateDecision(byType, { orderDate: '2024-12-31' })).toBe('old');
      expect(() => evaluateDecision(byType, { orderDate: 'tomorrow' })).toThrow(/expects a date, but its value is "tomorrow"/);
    });

    it('a malformed entry is a FeelError naming the rule and the input', () => {
      const t = table('UNIQUE', ['x'], ['y'], [['[1..', '1']]);
      expect(() => evaluateDecision(t, { x: 1 })).toThrow(FeelError);
      expect(() => evaluateDecision(t, { x: 1 })).toThrow(/Decision "Decision" \(d\): rule r1, input "x"/);
    });
  });

  describe('outputs', () => {
    it('several outputs give a context by output name; an empty output entry is null', () => {
      const t = table('UNIQUE', ['tier'], ['discount', 'approver'], [['"gold"', '0.1', '"sales-manager"'], ['"silver"', '0.05', '']]);
      expect(evaluateDecision(t, { tier: 'gold' })).toEqual({ discount: 0.1, approver: 'sales-manager' });
      expect(evaluateDecision(t, { tier: 'silver' })).toEqual({ discount: 0.05, approver: null });
    });

    it('output entries are FEEL over the variables', () => {
      const t = table('UNIQUE', ['id'], ['label'], [['-', '"Order " + string(id)']]);
      expect(evaluateDecision(t, { id: 42 })).toBe('Order 42');
    });

    it('no matching rule: null, or the outputs\' default entries', () => {
      const t = table('UNIQUE', ['x'], ['y'], [['1', '"one"']]);
      expect(evaluateDecision(t, { x: 2 })).toBeNull();
      const withDefault = table('UNIQUE', ['x'], [{ name: 'y', defaultEntry: '"other"' }], [['1', '"one"']]);
      expect(evaluateDecision(withDefault, { x: 2 })).toBe('other');
      expect(evaluateDecision(table('COLLECT', ['x'], ['y'], [['1', '1']]), { x: 2 })).toBeNull();
    });
  });

  describe('hit policies', () => {
    const rows = [['>= 0', '"a"'], ['>= 10', '"b"'], ['>= 100', '"c"']];

    it('UNIQUE: one match gives its output; two are an error naming both rules', () => {
      const t = table('UNIQUE', ['n'], ['y'], rows);
      expect(evaluateDecision(t, { n: 5 })).toBe('a');
      let error: unknown;
      try {
        evaluateDecision(t, { n: 50 });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DecisionError);
      expect(error).toBeInstanceOf(FeelError);
      expect((error as Error).message).toBe('Decision "Decision" (d): hit policy UNIQUE allows one matching rule, but 2 match (r1, r2). Make their input entries exclusive, or choose the FIRST or PRIORITY hit policy.');
    });

    it('FIRST: the first matching rule in table order', () => {
      expect(evaluateDecision(table('FIRST', ['n'], ['y'], rows), { n: 500 })).toBe('a');
    });

    it('ANY: matching rules must agree', () => {
      const t = table('ANY', ['n'], ['y'], [['>= 0', '"ok"'], ['>= 10', '"ok"'], ['>= 100', '"no"']]);
      expect(evaluateDecision(t, { n: 50 })).toBe('ok');
      expect(() => evaluateDecision(t, { n: 500 })).toThrow('hit policy ANY needs every matching rule to give the same output, but r1 and r3 differ.');
    });

    it('PRIORITY and OUTPUT ORDER: by the output\'s allowed values', () => {
      const outputs = [{ name: 'risk', allowedValues: ['high', 'medium', 'low'] }];
      const priorityRows = [['>= 0', '"low"'], ['>= 100', '"high"'], ['>= 10', '"medium"']];
      expect(evaluateDecision(table('PRIORITY', ['n'], outputs, priorityRows), { n: 50 })).toBe('medium');
      expect(evaluateDecision(table('PRIORITY', ['n'], outputs, priorityRows), { n: 500 })).toBe('high');
      expect(evaluateDecision(table('OUTPUT ORDER', ['n'], outputs, priorityRows), { n: 500 })).toEqual(['high', 'medium', 'low']);
    });

    it('RULE ORDER: every match in table order', () => {
      expect(evaluateDecision(table('RULE ORDER', ['n'], ['y'], rows), { n: 50 })).toEqual(['a', 'b']);
    });

    it('COLLECT: the list, or its SUM, MIN, MAX or COUNT', () => {
      const numbers = [['>= 0', '5'], ['>= 10', '10'], ['>= 100', '20'], ['>= 0', '']];
      expect(evaluateDecision(table('COLLECT', ['n'], ['y'], numbers), { n: 50 })).toEqual([5, 10, null]);
      expect(evaluateDecision(table('COLLECT', ['n'], ['y'], numbers, { aggregation: 'SUM' }), { n: 500 })).toBe(35);
      expect(evaluateDecision(table('COLLECT', ['n'], ['y'], numbers, { aggregation: 'MIN' }), { n: 500 })).toBe(5);
      expect(evaluateDecision(table('COLLECT', ['n'], ['y'], numbers, { aggregation: 'MAX' }), { n: 500 })).toBe(20);
      expect(evaluateDecision(table('COLLECT', ['n'], ['y'], numbers, { aggregation: 'COUNT' }), { n: 500 })).toBe(4);
      const t = table('COLLECT', ['n'], ['y'], [['-', '"x"']], { aggregation: 'SUM' });
      expect(() => evaluateDecision(t, { n: 1 })).toThrow('COLLECT SUM needs numbers, but a matching rule gives "x".');
    });

    it('COLLECT of several outputs: a list of contexts', () => {
      const t = table('COLLECT', ['n'], ['code', 'amount'], [['>= 0', '"A"', '1'], ['>= 10', '"B"', '2']]);
      expect(evaluateDecision(t, { n: 10 })).toEqual([{ code: 'A', amount: 1 }, { code: 'B', amount: 2 }]);
    });
  });

  describe('required decisions', () => {
    const score: DecisionPlan = { kind: 'literalExpression', id: 'score', resultName: 'score', expression: 'age / 10 + (if defaulted then 5 else 0)' };
    const risk: DecisionPlan = {
      ...table('UNIQUE', ['score'], ['risk'], [['< 5', '"low"'], ['>= 5', '"high"']]),
      id: 'risk', name: 'Risk', resultName: 'risk', requiredDecisions: [score],
    };

    it('are evaluated first; their result is read under their result name', () => {
      expect(evaluateDecision(risk, { age: 30, defaulted: false })).toBe('low');
      const { result, decisions } = traceDecision(risk, { age: 30, defaulted: true });
      expect(result).toBe('high');
      expect(decisions).toEqual([{ decisionId: 'score', matchedRules: [], result: 8 }, { decisionId: 'risk', matchedRules: ['r2'], result: 'high' }]);
    });

    it('a decision shared by two others runs once', () => {
      const top: DecisionPlan = { kind: 'literalExpression', id: 'top', resultName: 'top', expression: 'risk + "/" + string(score)', requiredDecisions: [risk, score] };
      const { result, decisions } = traceDecision(top, { age: 20, defaulted: false });
      expect(result).toBe('low/2');
      expect(decisions.map((d) => d.decisionId)).toEqual(['score', 'risk', 'top']);
    });
  });
});
