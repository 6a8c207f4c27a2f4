import fs from 'node:fs';
import path from 'node:path';
import { compileDmn } from '../../domain/process/dmn-compiler';
import { cancelProcessSignal, processMessageSignal } from '../../workflows/engine/contract';
import { engineHarness } from '../support/engine-harness';
import { buildPlan } from '../support/plans';

/**
 * BPMN execution semantics, one small diagram per construct, on the real
 * Temporal server: each test asserts the exact element path (from the
 * element history the instance keeps), the variables and the final state.
 */
describe('BPMN conformance of the interpreter', () => {
  const h = engineHarness('conformance');
  const record = (id: string, label = id, scope?: string) => ({ id, kind: 'serviceTask' as const, activity: 'system.record', inputs: { label }, ...(scope ? { scope } : {}) });
  const task = (id: string, extra: Record<string, unknown> = {}) => ({ id, kind: 'userTask' as const, candidateRoles: ['manager'], ...extra });

  it('inclusive join: an outer join waits for the tokens of a nested inclusive split and fires once', async () => {
    const plan = buildPlan('c-nested-inclusive', [
      { id: 'start', kind: 'startEvent' },
      { id: 'outer', kind: 'inclusiveGateway' },
      { id: 'inner', kind: 'inclusiveGateway' },
      record('a'), record('b'), record('c'),
      { id: 'innerJoin', kind: 'inclusiveGateway' },
      task('review'),
      { id: 'outerJoin', kind: 'inclusiveGateway' },
      record('after'),
      { id: 'end', kind: 'endEvent' },
    ], [
      ['f1', 'start', 'outer'], ['o1', 'outer', 'inner', '=true'], ['o2', 'outer', 'review', '=true'],
      ['i1', 'inner', 'a', '=true'], ['i2', 'inner', 'b', '=true'], ['i3', 'inner', 'c', '=true'],
      ['ja', 'a', 'innerJoin'], ['jb', 'b', 'innerJoin'], ['jc', 'c', 'innerJoin'], ['j1', 'innerJoin', 'outerJoin'],
      ['j2', 'review', 'outerJoin'], ['f2', 'outerJoin', 'after'], ['f3', 'after', 'end'],
    ]);
    const { workflowId } = await h.start(plan);
    h.record('r-nested-inclusive', workflowId);
    await h.until(async () => (await h.journal(workflowId)).length === 3, 'the three inner branches');
    const waiting = await h.until(async () => {
      const state = await h.state(workflowId);
      return state.activeElements.includes('outerJoin') ? state : undefined;
    }, 'the outer join waiting');
    expect(waiting.completedElements.innerJoin).toBe(1);
    expect(await h.journal(workflowId)).not.toContain('after');
    await h.complete(workflowId, 'review');
    expect((await h.result(workflowId)).status).toBe('completed');
    expect((await h.journal(workflowId)).filter((l) => l === 'after')).toEqual(['after']);
    const path = await h.path(workflowId);
    expect(path.filter((e) => e === 'outerJoin')).toEqual(['outerJoin']);
    expect(path.filter((e) => e === 'innerJoin')).toEqual(['innerJoin']);
    expect(path.at(-1)).toBe('end');
  });

  it('inclusive join: merges the branches of a parallel split, waiting for the slow one', async () => {
    const plan = buildPlan('c-inclusive-merge', [
      { id: 'start', kind: 'startEvent' }, { id: 'split', kind: 'parallelGateway' },
      record('quick'), task('slow'),
      { id: 'merge', kind: 'inclusiveGateway' }, record('after'), { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'split'], ['f2', 'split', 'quick'], ['f3', 'split', 'slow'], ['f4', 'quick', 'merge'], ['f5', 'slow', 'merge'], ['f6', 'merge', 'after'], ['f7', 'after', 'end']]);
    const { workflowId } = await h.start(plan);
    await h.until(async () => (await h.state(workflowId)).activeElements.includes('merge'), 'the quick token at the merge');
    expect(await h.journal(workflowId)).toEqual(['quick']);
    await h.complete(workflowId, 'slow');
    await h.result(workflowId);
    expect(await h.journal(workflowId)).toEqual(['quick', 'after']);
    // A split starts its other branches first, then its token goes on by the first flow.
    expect(await h.path(workflowId)).toEqual(['start', 'split', 'slow', 'quick', 'merge', 'after', 'end']);
  });

  it('inclusive join: a branch that ends at its own end event does not hold the join, the others do', async () => {
    const plan = buildPlan('c-inclusive-own-end', [
      { id: 'start', kind: 'startEvent' }, { id: 'split', kind: 'inclusiveGateway' },
      { id: 'early', kind: 'endEvent' }, task('check'), record('auto'),
      { id: 'join', kind: 'inclusiveGateway' }, record('after'), { id: 'end', kind: 'endEvent' },
    ], [
      ['f1', 'start', 'split'], ['s1', 'split', 'early', '=true'], ['s2', 'split', 'check', '=true'], ['s3', 'split', 'auto', '=true'],
      ['j1', 'check', 'join'], ['j2', 'auto', 'join'], ['f2', 'join', 'after'], ['f3', 'after', 'end'],
    ]);
    const { workflowId } = await h.start(plan);
    await h.until(async () => (await h.state(workflowId)).activeElements.includes('join'), 'the automatic branch waiting');
    expect((await h.state(workflowId)).status).toBe('running');
    await h.complete(workflowId, 'check');
    expect((await h.result(workflowId)).status).toBe('completed');
    expect(await h.journal(workflowId)).toEqual(['auto', 'after']);
    const elements = (await h.state(workflowId)).elements;
    expect(elements.find((e) => e.elementId === 'split')!.takenFlows).toEqual(['s1', 's2', 's3']);
    expect(elements.filter((e) => e.elementId === 'join')).toHaveLength(1);
  });

  it('a parallel join that can never complete leaves the instance visibly waiting at the join', async () => {
    const plan = buildPlan('c-stuck-join', [
      { id: 'start', kind: 'startEvent' }, { id: 'choose', kind: 'exclusiveGateway', defaultFlow: 'x2' },
      record('a'), record('b'), { id: 'join', kind: 'parallelGateway' }, { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'choose'], ['x1', 'choose', 'a', '=true'], ['x2', 'choose', 'b'], ['f2', 'a', 'join'], ['f3', 'b', 'join'], ['f4', 'join', 'end']]);
    const { workflowId, instanceId, handle } = await h.start(plan);
    await h.until(async () => (await h.journal(workflowId)).length === 1, 'branch a');
    const state = await h.until(async () => {
      const s = await h.state(workflowId);
      return s.activeElements.includes('join') ? s : undefined;
    }, 'the token at the join');
    expect(state.status).toBe('running');
    await new Promise((r) => setTimeout(r, 1000));
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect((await h.admin('processInstances').where({ id: instanceId }).first('status')).status).toBe('running');
    await handle.signal(cancelProcessSignal, { reason: 'test', userId: null });
    expect((await h.result(workflowId)).status).toBe('cancelled');
  });

  it('a non-interrupting boundary timer opens a path that lives on after its host task completes', async () => {
    const plan = buildPlan('c-sla-reminder', [
      { id: 'start', kind: 'startEvent' }, task('handle'),
      { id: 'sla', kind: 'boundaryEvent', attachedTo: 'handle', cancelActivity: false, trigger: { type: 'timer', duration: 'PT1S' } },
      task('remind'), { id: 'end', kind: 'endEvent' }, { id: 'reminded', kind: 'endEvent' },
    ], [['f1', 'start', 'handle'], ['f2', 'handle', 'end'], ['b1', 'sla', 'remind'], ['b2', 'remind', 'reminded']]);
    const { workflowId } = await h.start(plan);
    h.record('r-boundary-timer', workflowId);
    await h.until(() => h.admin('tasks').where({ workflowId, elementId: 'remind', status: 'open' }).first(), 'the reminder task');
    await h.complete(workflowId, 'handle');
    await h.until(async () => (await h.state(workflowId)).completedElements.end === 1, 'the host path ended');
    const state = await h.state(workflowId);
    expect(state.status).toBe('running');
    expect(state.activeElements).toEqual(['remind']);
    await h.complete(workflowId, 'remind');
    expect((await h.result(workflowId)).status).toBe('completed');
    expect((await h.path(workflowId)).sort()).toEqual(['end', 'handle', 'remind', 'reminded', 'sla', 'start']);
  });

  it('a terminate end event inside a sub-process ends only the sub-process; the flow after it continues', async () => {
    const plan = buildPlan('c-terminate-scope', [
      { id: 'start', kind: 'startEvent' }, { id: 'sub', kind: 'subProcess', scopeId: 'sub' },
      { id: 's-start', kind: 'startEvent', scope: 'sub' }, { id: 's-split', kind: 'parallelGateway', scope: 'sub' },
      { id: 's-stop', kind: 'endEvent', scope: 'sub', trigger: { type: 'terminate' } }, { ...task('s-wait'), scope: 'sub' },
      { id: 's-end', kind: 'endEvent', scope: 'sub' }, record('after'), { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'sub'], ['f2', 'sub', 'after'], ['f3', 'after', 'end'], ['s1', 's-start', 's-split'], ['s2', 's-split', 's-wait'], ['s3', 's-split', 's-stop'], ['s4', 's-wait', 's-end']]);
    const { workflowId, instanceId } = await h.start(plan);
    h.record('r-terminate-sub-process', workflowId);
    expect((await h.result(workflowId)).status).toBe('completed');
    expect(await h.journal(workflowId)).toEqual(['after']);
    const path = await h.path(workflowId);
    expect(path).toContain('s-stop');
    expect(path).toContain('after');
    expect(path.at(-1)).toBe('end');
    const waited = (await h.state(workflowId)).elements.find((e) => e.elementId === 's-wait');
    if (waited) expect(waited.outcome).toBe('terminated');
    const tasks = await h.admin('tasks').where({ instanceId }).select('status');
    expect(tasks.every((t: { status: string }) => t.status === 'cancelled')).toBe(true);
  });

  it('an error end event in a called process reaches the error boundary of the call activity', async () => {
    h.plans['c-child-error'] = buildPlan('c-child-error', [
      { id: 'c-start', kind: 'startEvent' }, { id: 'c-fail', kind: 'endEvent', trigger: { type: 'error', errorCode: 'REFUSED' } },
    ], [['c1', 'c-start', 'c-fail']]);
    const plan = buildPlan('c-parent-error', [
      { id: 'start', kind: 'startEvent' }, { id: 'call', kind: 'callActivity', calledProcessKey: 'c-child-error' },
      { id: 'refused', kind: 'boundaryEvent', attachedTo: 'call', cancelActivity: true, trigger: { type: 'error', errorCode: 'REFUSED' } },
      record('handled'), { id: 'end', kind: 'endEvent' }, { id: 'end-refused', kind: 'endEvent' },
    ], [['f1', 'start', 'call'], ['f2', 'call', 'end'], ['b1', 'refused', 'handled'], ['b2', 'handled', 'end-refused']]);
    const { workflowId } = await h.start(plan);
    h.record('r-call-activity-error', workflowId);
    expect((await h.result(workflowId)).status).toBe('completed');
    expect(await h.journal(workflowId)).toEqual(['handled']);
    expect(await h.path(workflowId)).toEqual(['start', 'call:interrupted', 'refused', 'handled', 'end-refused']);
    const child = await h.admin('processInstances').where({ workflowId: `${workflowId}/call/1` }).first('status');
    expect(child.status).toBe('completed');
    expect(await h.admin('processIncidents').where({ workflowId: `${workflowId}/call/1` })).toEqual([]);
  });

  it('an activity raises a declared business error: a boundary error event catches it, else an incident names the code', async () => {
    const plan = buildPlan('c-activity-error', [
      { id: 'start', kind: 'startEvent' },
      { id: 'stock', kind: 'serviceTask', activity: 'system.require', inputs: { holds: '=quantity > 0', errorCode: '=code', message: 'Rupture de stock' } },
      { id: 'out', kind: 'boundaryEvent', attachedTo: 'stock', cancelActivity: true, trigger: { type: 'error', errorCode: 'NO_STOCK' } },
      record('backorder'), { id: 'end', kind: 'endEvent' }, { id: 'end-backorder', kind: 'endEvent' },
    ], [['f1', 'start', 'stock'], ['f2', 'stock', 'end'], ['b1', 'out', 'backorder'], ['b2', 'backorder', 'end-backorder']]);
    const caught = await h.start(plan, { quantity: 0, code: 'NO_STOCK' });
    await h.result(caught.workflowId);
    expect(await h.path(caught.workflowId)).toEqual(['start', 'stock:interrupted', 'out', 'backorder', 'end-backorder']);
    const fine = await h.start(plan, { quantity: 2, code: 'NO_STOCK' });
    await h.result(fine.workflowId);
    expect(await h.path(fine.workflowId)).toEqual(['start', 'stock', 'end']);
    const uncaught = await h.start(plan, { quantity: 0, code: 'BLOCKED' });
    const incident = await h.until(() => h.admin('processIncidents').where({ instanceId: uncaught.instanceId, status: 'open' }).first(), 'the incident');
    expect(incident.elementId).toBe('stock');
    expect(incident.message).toMatch(/BLOCKED/);
    await uncaught.handle.signal(cancelProcessSignal, { reason: 'test', userId: null });
    expect((await h.result(uncaught.workflowId)).status).toBe('cancelled');
  });

  it('passes through plain tasks, computes FEEL script tasks and waits in receive tasks', async () => {
    const plan = buildPlan('c-script-receive', [
      { id: 'start', kind: 'startEvent' }, { id: 'manual', kind: 'passThrough', bpmnType: 'bpmn:ManualTask' },
      { id: 'sum', kind: 'scriptTask', expression: '=a + b', resultVariable: 'total' },
      { id: 'wait', kind: 'receiveTask', trigger: { type: 'message', messageName: 'go' } }, { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'manual'], ['f2', 'manual', 'sum'], ['f3', 'sum', 'wait'], ['f4', 'wait', 'end']]);
    const { workflowId, handle } = await h.start(plan, { a: 2, b: 40 });
    await h.until(() => h.admin('messageSubscriptions').where({ workflowId, elementId: 'wait' }).first(), 'the subscription');
    await handle.signal(processMessageSignal, { name: 'go', correlationKey: workflowId.split('/')[2]!, variables: { by: 'ops' } });
    const result = await h.result(workflowId);
    expect(result.variables).toMatchObject({ total: 42, by: 'ops' });
    const elements = (await h.state(workflowId)).elements;
    expect(elements.map((e) => [e.elementId, e.type])).toEqual([['start', 'startEvent'], ['manual', 'bpmn:ManualTask'], ['sum', 'scriptTask'], ['wait', 'receiveTask'], ['end', 'endEvent']]);
  });

  it('multi-instance by cardinality stops when its completion condition holds', async () => {
    const plan = buildPlan('c-mi-completion', [
      { id: 'start', kind: 'startEvent' },
      { id: 'try', kind: 'serviceTask', activity: 'system.record', inputs: { label: '=string(loopCounter)' }, multiInstance: { sequential: true, loopCardinality: '=5', completionCondition: '=numberOfCompletedInstances >= 2' } },
      { ...task('vote'), multiInstance: { sequential: false, collection: '=voters', elementVariable: 'voter', completionCondition: '=numberOfCompletedInstances >= 1' } },
      { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'try'], ['f2', 'try', 'vote'], ['f3', 'vote', 'end']]);
    const { workflowId, instanceId } = await h.start(plan, { voters: ['ana', 'bob', 'chloé'] });
    await h.until(async () => (await h.admin('tasks').where({ instanceId, elementId: 'vote', status: 'open' })).length === 3, 'three votes');
    expect(await h.journal(workflowId)).toEqual(['1', '2']);
    await h.complete(workflowId, 'vote', { yes: true });
    expect((await h.result(workflowId)).status).toBe('completed');
    const votes = await h.admin('tasks').where({ instanceId, elementId: 'vote' }).select('status');
    expect(votes.map((v: { status: string }) => v.status).sort()).toEqual(['cancelled', 'cancelled', 'completed']);
    const inner = (await h.state(workflowId)).elements.filter((e) => e.elementId === 'vote' && e.loopCounter !== null);
    expect(inner.map((e) => e.outcome).sort()).toEqual(['completed', 'interrupted', 'interrupted']);
  });

  it('a multi-instance asked for more than 1,000 instances stops at an incident instead of exhausting the worker', async () => {
    const plan = buildPlan('c-mi-too-many', [
      { id: 'start', kind: 'startEvent' },
      { id: 'each', kind: 'scriptTask', expression: '=loopCounter', multiInstance: { sequential: false, loopCardinality: '=count' } },
      { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'each'], ['f2', 'each', 'end']]);
    const { instanceId, handle, workflowId } = await h.start(plan, { count: 100_000_000 });
    const incident = await h.until(() => h.admin('processIncidents').where({ instanceId, status: 'open' }).first(), 'the incident');
    expect(incident.elementId).toBe('each');
    expect(incident.message).toMatch(/at most 1000/);
    await handle.signal(cancelProcessSignal, { reason: 'test', userId: null });
    expect((await h.result(workflowId)).status).toBe('cancelled');
  });

  it('runs a multi-instance call activity, one child per item, collecting their results', async () => {
    h.plans['c-mi-child'] = buildPlan('c-mi-child', [
      { id: 'c-start', kind: 'startEvent' }, { id: 'c-double', kind: 'scriptTask', expression: '=n * 2', resultVariable: 'doubled' }, { id: 'c-end', kind: 'endEvent' },
    ], [['c1', 'c-start', 'c-double'], ['c2', 'c-double', 'c-end']]);
    const plan = buildPlan('c-mi-call', [
      { id: 'start', kind: 'startEvent' },
      { id: 'call', kind: 'callActivity', calledProcessKey: 'c-mi-child', inputs: { n: '=item' }, multiInstance: { sequential: false, collection: '=items', elementVariable: 'item', outputCollection: 'doubles', outputElement: '=doubled' } },
      { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'call'], ['f2', 'call', 'end']]);
    const { workflowId } = await h.start(plan, { items: [1, 2, 3] });
    h.record('r-call-activity-multi-instance', workflowId);
    expect((await h.result(workflowId)).variables.doubles).toEqual([2, 4, 6]);
    expect(await h.admin('processInstances').where('workflowId', 'like', `${workflowId}/call/%`).count('* as n').first()).toEqual({ n: 3 });
  });

  it('a business rule task evaluates its DMN decision table (FIRST hit policy) and routes on the result', async () => {
    const dmn = await compileDmn(fs.readFileSync(path.join(__dirname, '../fixtures/dmn/ticket-routing.dmn'), 'utf8'));
    expect(dmn.problems).toEqual([]);
    const plan = buildPlan('c-business-rule', [
      { id: 'start', kind: 'startEvent' },
      { id: 'route', kind: 'businessRuleTask', decisionId: 'route-ticket', decision: dmn.decisions['route-ticket'], resultVariable: 'routing' },
      { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'route'], ['f2', 'route', 'end']]);
    const outage = await h.start(plan, { ticket: { category: 'outage', priority: 3 }, customer: { segment: 'smb' } });
    expect((await h.result(outage.workflowId)).variables.routing).toMatchObject({ team: 'support-n2', dueWithin: 'PT4H' });
    expect(await h.path(outage.workflowId)).toEqual(['start', 'route', 'end']);
  });

  it('a boundary timer whose expression fails opens an incident on the boundary event instead of being swallowed', async () => {
    const plan = buildPlan('c-watcher-error', [
      { id: 'start', kind: 'startEvent' }, task('work'),
      { id: 'late', kind: 'boundaryEvent', attachedTo: 'work', cancelActivity: true, trigger: { type: 'timer', duration: '=delay' } },
      { id: 'end', kind: 'endEvent' }, { id: 'end-late', kind: 'endEvent' },
    ], [['f1', 'start', 'work'], ['f2', 'work', 'end'], ['b1', 'late', 'end-late']]);
    const { instanceId, handle, workflowId } = await h.start(plan, { delay: 'soon' });
    const incident = await h.until(() => h.admin('processIncidents').where({ instanceId, status: 'open' }).first(), 'the incident');
    expect(incident.elementId).toBe('late');
    expect(incident.message).toMatch(/soon/);
    await handle.signal(cancelProcessSignal, { reason: 'test', userId: null });
    expect((await h.result(workflowId)).status).toBe('cancelled');
  });
});

describe('BPMN conformance: event sub-processes, escalation, cycles, compensation, signals', () => {
  const h = engineHarness('conformance-events');
  const record = (id: string, label = id, scope?: string) => ({ id, kind: 'serviceTask' as const, activity: 'system.record', inputs: { label }, ...(scope ? { scope } : {}) });
  const task = (id: string, extra: Record<string, unknown> = {}) => ({ id, kind: 'userTask' as const, candidateRoles: ['manager'], ...extra });
  const esp = (id: string, start: Record<string, unknown>, inner: Array<Record<string, unknown> & { id: string; kind: string }>) => [
    { id, kind: 'subProcess', scopeId: id, triggeredByEvent: true },
    { id: `${id}-start`, kind: 'startEvent', scope: id, ...start },
    ...inner.map((n) => ({ ...n, scope: id })),
    { id: `${id}-end`, kind: 'endEvent', scope: id },
  ];

  it('an interrupting message event sub-process stops the process\'s tokens and completes it', async () => {
    const plan = buildPlan('e-esp-interrupting', [
      { id: 'start', kind: 'startEvent' }, task('work'), { id: 'end', kind: 'endEvent' },
      ...esp('cancelled', { trigger: { type: 'message', messageName: 'client-cancelled' } }, [record('refund')]),
    ] as never, [['f1', 'start', 'work'], ['f2', 'work', 'end'], ['e1', 'cancelled-start', 'refund'], ['e2', 'refund', 'cancelled-end']]);
    const { workflowId, handle, instanceId } = await h.start(plan);
    h.record('r-event-sub-process-interrupting', workflowId);
    await h.until(() => h.admin('messageSubscriptions').where({ workflowId, elementId: 'cancelled-start' }).first(), 'the event sub-process subscription');
    await handle.signal(processMessageSignal, { name: 'client-cancelled', correlationKey: workflowId.split('/')[2]! });
    expect((await h.result(workflowId)).status).toBe('completed');
    expect(await h.journal(workflowId)).toEqual(['refund']);
    expect(await h.path(workflowId)).toEqual(['start', 'work:interrupted', 'cancelled', 'cancelled-start', 'refund', 'cancelled-end']);
    expect((await h.admin('tasks').where({ instanceId }).first('status')).status).toBe('cancelled');
  });

  it('a non-interrupting event sub-process runs beside the process, once per message', async () => {
    const plan = buildPlan('e-esp-non-interrupting', [
      { id: 'start', kind: 'startEvent' }, task('work'), { id: 'end', kind: 'endEvent' },
      ...esp('note', { trigger: { type: 'message', messageName: 'note-added' }, interrupting: false }, [record('log-note', '=text')]),
    ] as never, [['f1', 'start', 'work'], ['f2', 'work', 'end'], ['e1', 'note-start', 'log-note'], ['e2', 'log-note', 'note-end']]);
    const { workflowId, handle } = await h.start(plan);
    h.record('r-event-sub-process-non-interrupting', workflowId);
    const key = workflowId.split('/')[2]!;
    await h.until(() => h.admin('messageSubscriptions').where({ workflowId, elementId: 'note-start' }).first(), 'the subscription');
    await handle.signal(processMessageSignal, { name: 'note-added', correlationKey: key, variables: { text: 'first' } });
    await h.until(async () => (await h.journal(workflowId)).length === 1, 'the first note');
    await h.until(() => h.admin('messageSubscriptions').where({ workflowId, elementId: 'note-start' }).first(), 'the subscription again');
    await handle.signal(processMessageSignal, { name: 'note-added', correlationKey: key, variables: { text: 'second' } });
    await h.until(async () => (await h.journal(workflowId)).length === 2, 'the second note');
    await h.complete(workflowId, 'work');
    expect((await h.result(workflowId)).status).toBe('completed');
    expect(await h.journal(workflowId)).toEqual(['first', 'second']);
    expect((await h.path(workflowId)).filter((e) => e === 'note')).toHaveLength(2);
  });

  it('an error event sub-process catches an error thrown in its scope', async () => {
    const plan = buildPlan('e-esp-error', [
      { id: 'start', kind: 'startEvent' },
      { id: 'check', kind: 'serviceTask', activity: 'system.require', inputs: { holds: '=false', errorCode: 'INVALID' } },
      { id: 'end', kind: 'endEvent' },
      ...esp('invalid', { trigger: { type: 'error', errorCode: 'INVALID' } }, [record('notify')]),
    ] as never, [['f1', 'start', 'check'], ['f2', 'check', 'end'], ['e1', 'invalid-start', 'notify'], ['e2', 'notify', 'invalid-end']]);
    const { workflowId } = await h.start(plan);
    expect((await h.result(workflowId)).status).toBe('completed');
    expect(await h.path(workflowId)).toEqual(['start', 'check:interrupted', 'invalid', 'invalid-start', 'notify', 'invalid-end']);
  });

  it('an escalation inside a sub-process reaches a non-interrupting boundary while the sub-process goes on', async () => {
    const plan = buildPlan('e-escalation', [
      { id: 'start', kind: 'startEvent' }, { id: 'sub', kind: 'subProcess', scopeId: 'sub' },
      { id: 's-start', kind: 'startEvent', scope: 'sub' },
      { id: 's-raise', kind: 'intermediateThrowEvent', scope: 'sub', trigger: { type: 'escalation', escalationCode: 'LATE' } },
      record('s-go-on', 's-go-on', 'sub'), { id: 's-end', kind: 'endEvent', scope: 'sub' },
      { id: 'late', kind: 'boundaryEvent', attachedTo: 'sub', cancelActivity: false, trigger: { type: 'escalation', escalationCode: 'LATE' } },
      record('tell-manager'), { id: 'end', kind: 'endEvent' }, { id: 'told', kind: 'endEvent' },
    ], [['f1', 'start', 'sub'], ['f2', 'sub', 'end'], ['s1', 's-start', 's-raise'], ['s2', 's-raise', 's-go-on'], ['s3', 's-go-on', 's-end'], ['b1', 'late', 'tell-manager'], ['b2', 'tell-manager', 'told']]);
    const { workflowId } = await h.start(plan);
    expect((await h.result(workflowId)).status).toBe('completed');
    expect((await h.journal(workflowId)).sort()).toEqual(['s-go-on', 'tell-manager']);
    const path = await h.path(workflowId);
    expect(path).toContain('late');
    expect(path).toContain('sub');
  });

  it('an escalation caught by an interrupting boundary stops the sub-process', async () => {
    const plan = buildPlan('e-escalation-interrupting', [
      { id: 'start', kind: 'startEvent' }, { id: 'sub', kind: 'subProcess', scopeId: 'sub' },
      { id: 's-start', kind: 'startEvent', scope: 'sub' }, { id: 's-split', kind: 'parallelGateway', scope: 'sub' },
      { ...task('s-wait'), scope: 'sub' }, { id: 's-raise', kind: 'endEvent', scope: 'sub', trigger: { type: 'escalation', escalationCode: 'STOP' } },
      { id: 's-end', kind: 'endEvent', scope: 'sub' },
      { id: 'stopped', kind: 'boundaryEvent', attachedTo: 'sub', cancelActivity: true, trigger: { type: 'escalation' } },
      { id: 'end', kind: 'endEvent' }, { id: 'end-stopped', kind: 'endEvent' },
    ], [['f1', 'start', 'sub'], ['f2', 'sub', 'end'], ['s1', 's-start', 's-split'], ['s2', 's-split', 's-wait'], ['s3', 's-split', 's-raise'], ['s4', 's-wait', 's-end'], ['b1', 'stopped', 'end-stopped']]);
    const { workflowId, instanceId } = await h.start(plan);
    expect((await h.result(workflowId)).status).toBe('completed');
    expect(await h.path(workflowId)).toEqual(['start', 'sub:interrupted', 's-start', 's-split', 's-raise', 's-wait:interrupted', 'stopped', 'end-stopped']);
    // The escalation may stop the waiting task before or after its row is opened: never left open.
    expect((await h.admin('tasks').where({ instanceId }).select('status')).every((t: { status: string }) => t.status === 'cancelled')).toBe(true);
  });

  it('a non-interrupting boundary timer cycle fires once per period, as many times as it says', async () => {
    const plan = buildPlan('e-cycle', [
      { id: 'start', kind: 'startEvent' }, task('work'),
      { id: 'remind', kind: 'boundaryEvent', attachedTo: 'work', cancelActivity: false, trigger: { type: 'timer', cycle: 'R3/PT1S' } },
      record('reminder', '=string(now())'), { id: 'end', kind: 'endEvent' }, { id: 'reminded', kind: 'endEvent' },
    ], [['f1', 'start', 'work'], ['f2', 'work', 'end'], ['b1', 'remind', 'reminder'], ['b2', 'reminder', 'reminded']]);
    const { workflowId } = await h.start(plan);
    h.record('r-boundary-timer-cycle', workflowId);
    await h.until(async () => (await h.journal(workflowId)).length === 3, 'three reminders');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await h.journal(workflowId)).toHaveLength(3);
    await h.complete(workflowId, 'work');
    expect((await h.result(workflowId)).status).toBe('completed');
    expect((await h.path(workflowId)).filter((e) => e === 'remind')).toHaveLength(3);
  });

  it('a cron cycle on a non-interrupting boundary fires at each match until its host completes', async () => {
    const plan = buildPlan('e-cron', [
      { id: 'start', kind: 'startEvent' }, task('work'),
      { id: 'tick', kind: 'boundaryEvent', attachedTo: 'work', cancelActivity: false, trigger: { type: 'timer', cycle: '* * * * * *' } },
      record('ticked', '=string(now())'), { id: 'end', kind: 'endEvent' }, { id: 'ticked-end', kind: 'endEvent' },
    ], [['f1', 'start', 'work'], ['f2', 'work', 'end'], ['b1', 'tick', 'ticked'], ['b2', 'ticked', 'ticked-end']]);
    const { workflowId } = await h.start(plan);
    await h.until(async () => (await h.journal(workflowId)).length >= 2, 'two ticks');
    await h.complete(workflowId, 'work');
    expect((await h.result(workflowId)).status).toBe('completed');
    const ticks = (await h.state(workflowId)).elements.filter((e) => e.elementId === 'tick');
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    // Each firing is on a whole second, one after the other.
    const seconds = ticks.map((t) => Date.parse(t.startedAt) / 1000);
    expect(seconds.every((s, i) => i === 0 || s > seconds[i - 1]!)).toBe(true);
  });

  it('a compensation throw undoes the completed activities in reverse order (a saga)', async () => {
    const plan = buildPlan('e-saga', [
      { id: 'start', kind: 'startEvent' },
      { id: 'book', kind: 'serviceTask', activity: 'system.record', inputs: { label: 'book' }, compensatedBy: 'unbook' },
      { id: 'charge', kind: 'serviceTask', activity: 'system.record', inputs: { label: 'charge' }, compensatedBy: 'refund' },
      { id: 'confirm', kind: 'serviceTask', activity: 'system.require', inputs: { holds: '=ok', errorCode: 'REFUSED' } },
      { id: 'c-book', kind: 'boundaryEvent', attachedTo: 'book', cancelActivity: true, trigger: { type: 'compensation' } },
      { id: 'c-charge', kind: 'boundaryEvent', attachedTo: 'charge', cancelActivity: true, trigger: { type: 'compensation' } },
      { id: 'unbook', kind: 'serviceTask', activity: 'system.record', inputs: { label: 'unbook' }, isForCompensation: true },
      { id: 'refund', kind: 'serviceTask', activity: 'system.record', inputs: { label: 'refund' }, isForCompensation: true },
      { id: 'refused', kind: 'boundaryEvent', attachedTo: 'confirm', cancelActivity: true, trigger: { type: 'error', errorCode: 'REFUSED' } },
      { id: 'undo', kind: 'intermediateThrowEvent', trigger: { type: 'compensation' } },
      { id: 'end', kind: 'endEvent' }, { id: 'end-undone', kind: 'endEvent' },
    ], [['f1', 'start', 'book'], ['f2', 'book', 'charge'], ['f3', 'charge', 'confirm'], ['f4', 'confirm', 'end'], ['b1', 'refused', 'undo'], ['b2', 'undo', 'end-undone']]);
    const failed = await h.start(plan, { ok: false });
    h.record('r-compensation', failed.workflowId);
    expect((await h.result(failed.workflowId)).status).toBe('completed');
    expect(await h.journal(failed.workflowId)).toEqual(['book', 'charge', 'refund', 'unbook']);
    // The handlers run inside the compensation throw, most recent first.
    expect(await h.path(failed.workflowId)).toEqual(['start', 'book', 'charge', 'confirm:interrupted', 'refused', 'undo', 'refund', 'unbook', 'end-undone']);
    const fine = await h.start(plan, { ok: true });
    await h.result(fine.workflowId);
    expect(await h.journal(fine.workflowId)).toEqual(['book', 'charge']);
  });

  it('a signal thrown by one instance reaches the instances of the tenant waiting for it', async () => {
    const waiting = buildPlan('e-signal-wait', [
      { id: 'start', kind: 'startEvent' }, { id: 'go', kind: 'intermediateCatchEvent', trigger: { type: 'signal', signalName: 'catalogue-updated' } },
      record('refreshed'), { id: 'end', kind: 'endEvent' },
    ], [['f1', 'start', 'go'], ['f2', 'go', 'refreshed'], ['f3', 'refreshed', 'end']]);
    const thrower = buildPlan('e-signal-throw', [
      { id: 'start', kind: 'startEvent' }, { id: 'announce', kind: 'endEvent', trigger: { type: 'signal', signalName: 'catalogue-updated' } },
    ], [['f1', 'start', 'announce']]);
    const a = await h.start(waiting);
    const b = await h.start(waiting);
    for (const w of [a, b]) await h.until(() => h.admin('signalSubscriptions').where({ workflowId: w.workflowId }).first(), 'the signal subscription');
    const t = await h.start(thrower);
    h.record('r-signal-wait', a.workflowId);
    h.record('r-signal-throw', t.workflowId);
    expect((await h.result(t.workflowId)).status).toBe('completed');
    for (const w of [a, b]) {
      expect((await h.result(w.workflowId)).status).toBe('completed');
      expect(await h.journal(w.workflowId)).toEqual(['refreshed']);
    }
  });
});
