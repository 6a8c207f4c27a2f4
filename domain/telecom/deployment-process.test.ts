import fs from 'node:fs';
import { renderText } from '../i18n/messages';
import { compileDefinition } from '../process/definition-compiler';
import { lintReport } from '../process/definition-linter';
import { parseDefinition } from '../process/definition-parser';
import { DEPLOYMENT_PROCESS_FILE } from './deployment-process';

describe('the shipped process telecom.study-deploy-bill-check', () => {
  it('parses, lints without a problem or a warning and compiles: compensations on entering each side, one wait per operator order, the abandonment', async () => {
    // Installing writes the organisation's roles granted telecom.deployment.update in place of the placeholder (db/seeds/shipped-processes.ts).
    const parsed = await parseDefinition(fs.readFileSync(DEPLOYMENT_PROCESS_FILE, 'utf8').replaceAll('{roles:telecom.deployment.update}', 'direction,manager,support-n2'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const report = await lintReport(parsed.definitions, { roleKeys: ['direction', 'manager', 'support-n2'] });
    expect([...report.errors, ...report.warnings].map((p) => `${p.elementId} ${p.rule} ${renderText(p.message, 'en')}`)).toEqual([]);
    const plan = compileDefinition(parsed.definitions, 1);
    expect(plan.processKey).toBe('telecom.study-deploy-bill-check');
    expect(plan.nodes.EnterSupplier!.compensatedBy).toBe('UndoSupplier');
    expect(plan.nodes.EnterBilling!.compensatedBy).toBe('UndoBilling');
    const orders = plan.nodes.AwaitOrders!;
    expect(orders.kind === 'subProcess' && orders.multiInstance).toMatchObject({ collection: '=supplier.waitingOrders', elementVariable: 'orderId' });
    expect(plan.nodes.AwaitOrder!.kind).toBe('eventBasedGateway');
  });

  it('orders the actions supplier first, refuses a line of another account, an action without its line and bad params', async () => {
    const { planActions, compensationsFor } = await import('./deployment-rules');
    const acc = '00000000-0000-4000-8000-000000000001';
    const l1 = '00000000-0000-4000-8000-0000000000a1';
    const l2 = '00000000-0000-4000-8000-0000000000a2';
    const lines = new Map([
      [l1, { id: l1, accountId: acc, status: 'pending' as const, number: '+33612345678' }],
      [l2, { id: l2, accountId: 'other', status: 'active' as const, number: '+33612345679' }],
    ]);
    const ok = planActions(acc, [l1], [{ kind: 'create-service', lineId: l1, params: {} }, { kind: 'create-line', lineId: l1, params: {} }], lines);
    expect('actions' in ok && ok.actions.map((a) => `${a.position}:${a.kind}`)).toEqual(['0:create-line', '1:create-service']);
    const bad = planActions(acc, [l2], [{ kind: 'terminate-line', params: {} }, { kind: 'add-fee', params: { label: 'x' } }, { kind: 'modify-line', lineId: l1, params: { planId: acc } }], lines);
    expect('problems' in bad && bad.problems.map((p) => p.field)).toEqual(['lineIds[0]', 'actions[0].lineId', 'actions[1].params']);
    const terminated = new Map([[l1, { ...lines.get(l1)!, status: 'terminated' as const }]]);
    const refused = planActions(acc, [], [{ kind: 'modify-line', lineId: l1, params: { planId: acc } }], terminated);
    expect('problems' in refused && renderText(refused.problems[0]!.message, 'fr')).toContain('résiliée');
    expect('problems' in planActions(acc, [], [], lines)).toBe(true);
    const undo = compensationsFor([
      { position: 0, side: 'supplier', kind: 'create-line', status: 'done', externalRefs: {} },
      { position: 1, side: 'supplier', kind: 'modify-line', status: 'done', externalRefs: {} },
      { position: 2, side: 'billing', kind: 'create-service', status: 'done', externalRefs: { serviceId: 's1' } },
      { position: 3, side: 'billing', kind: 'add-fee', status: 'done', externalRefs: { serviceId: 's2' } },
      { position: 4, side: 'billing', kind: 'add-option', status: 'failed', externalRefs: {} },
    ] as const, 'billing');
    expect(undo.map((a) => `${a.position}:${a.compensation}`)).toEqual(['2:cancel-service']);
    expect(compensationsFor([{ position: 0, side: 'supplier', kind: 'create-line', status: 'done', externalRefs: {} }, { position: 1, side: 'supplier', kind: 'create-line', status: 'waiting', externalRefs: {} }] as const, 'supplier').map((a) => a.position)).toEqual([1, 0]);
  });
});
