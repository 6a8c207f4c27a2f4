import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../test/support/paths';
import type { Plan } from '../../kernel/process/plan';
import { compileDefinition } from './definition-compiler';
import { lintDefinition, lintReport } from './definition-linter';
import { compileDmn } from './dmn-compiler';
import { parseDefinition } from './definition-parser';

async function compile(xml: string, version = 1): Promise<Plan> {
  const parsed = await parseDefinition(xml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const problems = await lintDefinition(parsed.definitions);
  if (problems.length) throw new Error(JSON.stringify(problems));
  return compileDefinition(parsed.definitions, version);
}

const fixture = (name: string) => fs.readFileSync(path.join(ROOT, 'test/fixtures/bpmn', name), 'utf8');

const RETRY = { maximumAttempts: 5, initialIntervalMs: 1000, backoffCoefficient: 2, maximumIntervalMs: 60_000 };
/** system.echo asks for 3 attempts; the rest of its policy is the default. */
const ECHO_RETRY = { ...RETRY, maximumAttempts: 3 };

describe('compileDefinition', () => {
  it('compiles a user task with a reminder and a decision into the exact plan', async () => {
    expect(await compile(fixture('order-approval.bpmn'), 4)).toEqual({
      processKey: 'order-approval',
      name: 'Order approval',
      version: 4,
      root: { id: 'order-approval', startNodeIds: ['OrderReceived'] },
      nodes: {
        OrderReceived: { id: 'OrderReceived', name: 'Order received', scope: 'order-approval', incoming: [], outgoing: ['Flow_1'], kind: 'startEvent', trigger: { type: 'none' } },
        RecordOrder: {
          id: 'RecordOrder', name: 'Record the order', scope: 'order-approval', incoming: ['Flow_1'], outgoing: ['Flow_2'],
          kind: 'serviceTask', activity: 'system.record', inputs: { label: 'Order received', data: '=order' }, resultVariable: 'recorded',
          retry: RETRY, timeoutMs: 60_000,
        },
        Approve: {
          id: 'Approve', name: 'Approve the order', scope: 'order-approval', incoming: ['Flow_2'], outgoing: ['Flow_3'],
          boundary: ['RemindApprovers'], outputs: { orderApproved: '=approved' },
          kind: 'userTask', formKey: 'core.approval', candidateRoles: ['manager', 'direction'], candidateUsers: [],
          dueDate: 'P2D', priority: '=if order.total > 1000 then 80 else 50',
        },
        RemindApprovers: {
          id: 'RemindApprovers', name: '4 hours', scope: 'order-approval', incoming: [], outgoing: ['Flow_R1'],
          kind: 'boundaryEvent', attachedTo: 'Approve', cancelActivity: false, trigger: { type: 'timer', duration: 'PT4H' },
        },
        SendReminder: {
          id: 'SendReminder', name: 'Remind the approvers', scope: 'order-approval', incoming: ['Flow_R1'], outgoing: ['Flow_R2'],
          kind: 'serviceTask', activity: 'system.echo', inputs: { orderId: '=order.id' }, retry: ECHO_RETRY, timeoutMs: 60_000,
        },
        ReminderSent: { id: 'ReminderSent', name: 'Reminder sent', scope: 'order-approval', incoming: ['Flow_R2'], outgoing: [], kind: 'endEvent', trigger: { type: 'none' } },
        Decision: {
          id: 'Decision', name: 'Approved?', scope: 'order-approval', incoming: ['Flow_3'], outgoing: ['Flow_Yes', 'Flow_No'],
          kind: 'exclusiveGateway', defaultFlow: 'Flow_No',
        },
        Approved: { id: 'Approved', name: 'Order approved', scope: 'order-approval', incoming: ['Flow_Yes'], outgoing: [], kind: 'endEvent', trigger: { type: 'none' } },
        Rejected: { id: 'Rejected', name: 'Order rejected', scope: 'order-approval', incoming: ['Flow_No'], outgoing: [], kind: 'endEvent', trigger: { type: 'none' } },
      },
      flows: {
        Flow_1: { id: 'Flow_1', source: 'OrderReceived', target: 'RecordOrder' },
        Flow_2: { id: 'Flow_2', source: 'RecordOrder', target: 'Approve' },
        Flow_R1: { id: 'Flow_R1', source: 'RemindApprovers', target: 'SendReminder' },
        Flow_R2: { id: 'Flow_R2', source: 'SendReminder', target: 'ReminderSent' },
        Flow_3: { id: 'Flow_3', source: 'Approve', target: 'Decision' },
        Flow_Yes: { id: 'Flow_Yes', name: 'yes', source: 'Decision', target: 'Approved', condition: '=orderApproved' },
        Flow_No: { id: 'Flow_No', name: 'no', source: 'Decision', target: 'Rejected' },
      },
    });
  });

  it('compiles every kind of node of the plan format', async () => {
    const P = 'all-elements';
    const plan = await compile(fixture('all-elements.bpmn'));
    expect(plan.root).toEqual({ id: P, startNodeIds: ['StartNone', 'StartMessage', 'StartTimer'] });
    expect(plan.nodes).toEqual({
      StartNone: { id: 'StartNone', name: 'Started by hand', scope: P, incoming: [], outgoing: ['F1'], kind: 'startEvent', trigger: { type: 'none' } },
      StartMessage: { id: 'StartMessage', name: 'Order placed', scope: P, incoming: [], outgoing: ['F2'], kind: 'startEvent', trigger: { type: 'message', messageName: 'order.placed' } },
      StartTimer: { id: 'StartTimer', name: 'New year', scope: P, incoming: [], outgoing: ['F3'], kind: 'startEvent', trigger: { type: 'timer', date: '2030-01-01T08:00:00Z' } },
      JoinStarts: { id: 'JoinStarts', scope: P, incoming: ['F1', 'F2', 'F3'], outgoing: ['F4'], kind: 'exclusiveGateway' },
      Split: { id: 'Split', scope: P, incoming: ['F4'], outgoing: ['F5', 'F8', 'F10'], kind: 'parallelGateway' },
      Notify: {
        id: 'Notify', name: 'Notify each recipient', scope: P, incoming: ['F5'], outgoing: ['F7'], boundary: ['NotifyFailed'],
        kind: 'serviceTask', activity: 'system.echo', inputs: { to: '=recipient' }, resultVariable: 'echo', retry: ECHO_RETRY, timeoutMs: 60_000,
        multiInstance: { sequential: true, collection: '=recipients', elementVariable: 'recipient', outputCollection: 'echoes', outputElement: '=echo' },
      },
      NotifyFailed: {
        id: 'NotifyFailed', name: 'Any error', scope: P, incoming: [], outgoing: ['F6'],
        kind: 'boundaryEvent', attachedTo: 'Notify', cancelActivity: true, trigger: { type: 'error' },
      },
      Failed: { id: 'Failed', name: 'Failed', scope: P, incoming: ['F6'], outgoing: [], kind: 'endEvent', trigger: { type: 'terminate' } },
      Review: {
        id: 'Review', name: 'Review', scope: P, incoming: ['F8'], outgoing: ['F9'], kind: 'userTask',
        inlineForm: { type: 'object', properties: { ok: { type: 'boolean' } } },
        candidateRoles: [], candidateUsers: ['3f0e9a3c-1d2b-4c5d-8e9f-0a1b2c3d4e5f'], assignee: '=reviewer', dueDate: '=deadline', priority: '70',
        multiInstance: { sequential: false, collection: '=reviewers', elementVariable: 'reviewer' },
      },
      Fulfil: {
        id: 'Fulfil', name: 'Fulfil each item', scope: P, incoming: ['F10'], outgoing: ['F13'], boundary: ['FulfilFailed'],
        kind: 'subProcess', scopeId: 'Fulfil',
        multiInstance: { sequential: false, collection: '=items', elementVariable: 'item', outputCollection: 'results', outputElement: '=packed' },
      },
      SubStart: { id: 'SubStart', scope: 'Fulfil', incoming: [], outgoing: ['SF1'], kind: 'startEvent', trigger: { type: 'none' } },
      Pack: {
        id: 'Pack', name: 'Pack', scope: 'Fulfil', incoming: ['SF1'], outgoing: ['SF2'], kind: 'serviceTask', activity: 'system.record',
        inputs: { label: 'Packed', data: '=item' }, resultVariable: 'packed', retry: RETRY, timeoutMs: 60_000,
      },
      Available: { id: 'Available', name: 'In stock?', scope: 'Fulfil', incoming: ['SF2'], outgoing: ['SF_Missing', 'SF_InStock'], kind: 'exclusiveGateway', defaultFlow: 'SF_InStock' },
      OutOfStock: { id: 'OutOfStock', name: 'Out of stock', scope: 'Fulfil', incoming: ['SF_Missing'], outgoing: [], kind: 'endEvent', trigger: { type: 'error', errorCode: 'OUT_OF_STOCK' } },
      Options: { id: 'Options', name: 'Options', scope: 'Fulfil', incoming: ['SF_InStock'], outgoing: ['SF_Fragile', 'SF_Insured', 'SF_Plain'], kind: 'inclusiveGateway', defaultFlow: 'SF_Plain' },
      Wrap: { id: 'Wrap', name: 'Wrap', scope: 'Fulfil', incoming: ['SF_Fragile'], outgoing: ['SF_Wrapped'], kind: 'serviceTask', activity: 'system.echo', inputs: {}, retry: ECHO_RETRY, timeoutMs: 60_000 },
      Insure: { id: 'Insure', name: 'Insure', scope: 'Fulfil', incoming: ['SF_Insured'], outgoing: ['SF_Insured2'], kind: 'serviceTask', activity: 'system.echo', inputs: {}, retry: ECHO_RETRY, timeoutMs: 60_000 },
      OptionsDone: { id: 'OptionsDone', scope: 'Fulfil', incoming: ['SF_Plain', 'SF_Wrapped', 'SF_Insured2'], outgoing: ['SF_End'], kind: 'inclusiveGateway' },
      SubEnd: { id: 'SubEnd', scope: 'Fulfil', incoming: ['SF_End'], outgoing: [], kind: 'endEvent', trigger: { type: 'none' } },
      FulfilFailed: {
        id: 'FulfilFailed', name: 'Out of stock', scope: P, incoming: [], outgoing: ['F11'],
        kind: 'boundaryEvent', attachedTo: 'Fulfil', cancelActivity: true, trigger: { type: 'error', errorCode: 'OUT_OF_STOCK' },
      },
      Escalate: {
        id: 'Escalate', name: 'Decide what to do', scope: P, incoming: ['F11'], outgoing: ['F12'],
        kind: 'userTask', formKey: 'core.approval', candidateRoles: ['manager'], candidateUsers: [],
      },
      FulfilDone: { id: 'FulfilDone', scope: P, incoming: ['F12', 'F13'], outgoing: ['F14'], kind: 'exclusiveGateway' },
      Join: { id: 'Join', scope: P, incoming: ['F7', 'F9', 'F14'], outgoing: ['F15'], kind: 'parallelGateway' },
      Wait: { id: 'Wait', scope: P, incoming: ['F15'], outgoing: ['F16', 'F18'], kind: 'eventBasedGateway' },
      Paid: {
        id: 'Paid', name: 'Payment received', scope: P, incoming: ['F16'], outgoing: ['F17'], outputs: { paidAmount: '=amount' },
        kind: 'intermediateCatchEvent', trigger: { type: 'message', messageName: 'payment.received', correlationKey: '=orderId' },
      },
      Timeout: { id: 'Timeout', name: '7 days', scope: P, incoming: ['F18'], outgoing: ['F19'], kind: 'intermediateCatchEvent', trigger: { type: 'timer', duration: 'P7D' } },
      Unpaid: { id: 'Unpaid', name: 'Unpaid', scope: P, incoming: ['F19'], outgoing: [], kind: 'endEvent', trigger: { type: 'none' } },
      Bill: {
        id: 'Bill', name: 'Invoice', scope: P, incoming: ['F17'], outgoing: ['F21'], boundary: ['CancelOrder'],
        kind: 'callActivity', calledProcessKey: 'invoicing', inputs: { orderId: '=orderId' }, outputs: { invoiceNumber: '=invoiceNumber' },
      },
      CancelOrder: {
        id: 'CancelOrder', name: 'Order cancelled', scope: P, incoming: [], outgoing: ['F20'],
        kind: 'boundaryEvent', attachedTo: 'Bill', cancelActivity: true,
        // The key is set on the bpmn:message: every event of that message uses it.
        trigger: { type: 'message', messageName: 'order.cancelled', correlationKey: '=orderId' },
      },
      Cancelled: { id: 'Cancelled', name: 'Cancelled', scope: P, incoming: ['F20'], outgoing: [], kind: 'endEvent', trigger: { type: 'terminate' } },
      Pause: { id: 'Pause', name: 'Pause', scope: P, incoming: ['F21'], outgoing: ['F22'], kind: 'intermediateCatchEvent', trigger: { type: 'timer', duration: '=pauseDuration' } },
      Done: { id: 'Done', name: 'Done', scope: P, incoming: ['F22'], outgoing: [], kind: 'endEvent', trigger: { type: 'none' } },
    });
    // Conditions are always FEEL: one written without "=" gets it.
    // The flow's name travels with it: the monitor says why a branch was taken with it.
    expect(plan.flows.SF_Missing).toEqual({ id: 'SF_Missing', name: 'no', source: 'Available', target: 'OutOfStock', condition: '=item.stock = 0' });
    expect(plan.flows.SF_Fragile!.condition).toBe('=item.fragile');
    expect(Object.keys(plan.flows)).toHaveLength(32);
    expect(Object.values(plan.flows).filter((f) => f.condition).map((f) => f.id)).toEqual(['SF_Missing', 'SF_Fragile', 'SF_Insured']);
    // Every flow's ends are nodes of the plan, and every node lists the flows that name it.
    for (const flow of Object.values(plan.flows)) {
      expect(plan.nodes[flow.source]!.outgoing).toContain(flow.id);
      expect(plan.nodes[flow.target]!.incoming).toContain(flow.id);
    }
  });

  it('compiles the executable process of a collaboration only', async () => {
    const plan = await compile(fixture('collaboration.bpmn'));
    expect(plan.processKey).toBe('shop-order');
    expect(plan.root).toEqual({ id: 'shop-order', startNodeIds: ['OrderArrives'] });
    expect(Object.keys(plan.nodes)).toEqual(['OrderArrives', 'Ship', 'Shipped']);
    expect(plan.nodes.OrderArrives).toMatchObject({ kind: 'startEvent', trigger: { type: 'message', messageName: 'shop.order' } });
  });

  it('is plain JSON: it survives a round trip unchanged', async () => {
    const plan = await compile(fixture('all-elements.bpmn'));
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
  });
});

describe('compileDefinition of the elements modelers draw', () => {
  const RETRY3 = { ...RETRY, maximumAttempts: 3 };
  const ECHO = { activity: 'system.echo', inputs: {}, retry: RETRY3, timeoutMs: 60_000 };

  it('passes plain and manual tasks and none throw events through, and turns a link into a flow to the catch event of the same name', async () => {
    const plan = await compile(fixture('drawn-elements.bpmn'));
    expect(plan.processKey).toBe('_6-1');
    expect(plan.nodes.Plain).toMatchObject({ kind: 'passThrough', bpmnType: 'bpmn:Task' });
    expect(plan.nodes.Manual).toMatchObject({ kind: 'passThrough', bpmnType: 'bpmn:ManualTask' });
    expect(plan.nodes.Milestone).toMatchObject({ kind: 'passThrough', bpmnType: 'bpmn:IntermediateThrowEvent', outgoing: ['F4'] });
    expect(plan.nodes.GoOn).toMatchObject({ kind: 'passThrough', outgoing: ['GoOn:link'] });
    expect(plan.nodes.Resume).toMatchObject({ kind: 'passThrough', bpmnType: 'bpmn:IntermediateCatchEvent', incoming: ['GoOn:link'], outgoing: ['F5'] });
    expect(plan.flows['GoOn:link']).toEqual({ id: 'GoOn:link', source: 'GoOn', target: 'Resume' });
  });

  it('runs the activity of a send task and of a message end event as a service task that remembers what was drawn', async () => {
    const plan = await compile(fixture('drawn-elements.bpmn'));
    expect(plan.nodes.Notify).toEqual({ id: 'Notify', name: 'Notify', scope: '_6-1', incoming: ['F5'], outgoing: ['F6'], bpmnType: 'bpmn:SendTask', kind: 'serviceTask', ...ECHO });
    expect(plan.nodes.Done).toEqual({ id: 'Done', name: 'Confirmed', scope: '_6-1', incoming: ['F12'], outgoing: [], bpmnType: 'bpmn:EndEvent', kind: 'serviceTask', ...ECHO });
  });

  it('compiles receive tasks (with boundary events), FEEL script tasks, loop cardinality with a completion condition, and multi-instance call activities', async () => {
    const plan = await compile(fixture('drawn-elements.bpmn'));
    expect(plan.nodes.Wait).toMatchObject({ kind: 'receiveTask', boundary: ['TooLong'], trigger: { type: 'message', messageName: 'reply', correlationKey: '=orderId' } });
    expect(plan.nodes.Total).toMatchObject({ kind: 'scriptTask', expression: '=sum(order.lines.amount)', resultVariable: 'total' });
    expect(plan.nodes.Tries).toMatchObject({ kind: 'serviceTask', multiInstance: { sequential: true, loopCardinality: '=3', completionCondition: '=done = true' } });
    expect(plan.nodes.Each).toMatchObject({ kind: 'callActivity', calledProcessKey: 'ship-line', multiInstance: { sequential: false, collection: '=order.lines', elementVariable: 'line' } });
  });

  it('reads standard potentialOwner and humanPerformer assignments as candidates and assignee', async () => {
    const plan = await compile(fixture('drawn-elements.bpmn'));
    expect(plan.nodes.Approve).toMatchObject({ kind: 'userTask', candidateRoles: ['manager', 'direction'], candidateUsers: ['u-42'], assignee: 'u-7' });
  });

  it('reads Camunda 8 (zeebe:) task definitions, mappings, subscriptions, assignments, forms, loops, scripts and called elements', async () => {
    const plan = await compile(fixture('zeebe-elements.bpmn'));
    expect(plan.nodes.Record).toMatchObject({ kind: 'serviceTask', activity: 'system.echo', inputs: { orderId: '=order.id' }, outputs: { recorded: '=orderId' } });
    expect(plan.nodes.Paid).toMatchObject({ trigger: { type: 'message', messageName: 'paid', correlationKey: '=orderId' } });
    expect(plan.nodes.Approve).toMatchObject({
      kind: 'userTask', formKey: 'core.approval', candidateRoles: ['manager', 'direction'], candidateUsers: ['u-1'], assignee: '=boss',
      multiInstance: { sequential: false, collection: '=reviewers', elementVariable: 'reviewer', outputCollection: 'verdicts', outputElement: '=approved' },
    });
    expect(plan.nodes.Count).toMatchObject({ kind: 'scriptTask', expression: '=count(verdicts[item = true])', resultVariable: 'yes' });
    // propagateAllChildVariables="false": nothing of the child comes back but what is mapped.
    expect(plan.nodes.Ship).toMatchObject({ kind: 'callActivity', calledProcessKey: 'ship-order', outputs: {} });
  });
});

describe('compileDefinition of signals, escalations, event sub-processes, compensation and timer cycles', () => {
  const P = 'events';
  const ECHO = { activity: 'system.echo', inputs: {}, retry: { ...RETRY, maximumAttempts: 3 }, timeoutMs: 60_000 };

  it('compiles each into the exact plan node', async () => {
    const plan = await compile(fixture('event-elements.bpmn'));
    expect(plan.root).toEqual({ id: P, startNodeIds: ['Start', 'Opened'] });
    const { nodes } = plan;
    expect(nodes.Opened).toEqual({ id: 'Opened', name: 'Orders open', scope: P, incoming: [], outgoing: ['F2'], kind: 'startEvent', trigger: { type: 'signal', signalName: 'orders.open' } });
    // The compensation boundary event names the handler of its host, which no flow reaches.
    expect(nodes.Book).toEqual({ id: 'Book', name: 'Book', scope: P, incoming: ['F3'], outgoing: ['F4'], boundary: ['BookUndo'], kind: 'serviceTask', ...ECHO, compensatedBy: 'CancelBooking' });
    expect(nodes.BookUndo).toEqual({ id: 'BookUndo', scope: P, incoming: [], outgoing: [], kind: 'boundaryEvent', attachedTo: 'Book', cancelActivity: true, trigger: { type: 'compensation' } });
    expect(nodes.CancelBooking).toEqual({ id: 'CancelBooking', name: 'Cancel the booking', scope: P, incoming: [], outgoing: [], isForCompensation: true, kind: 'serviceTask', ...ECHO });
    expect(nodes.Late).toEqual({ id: 'Late', name: 'Late', scope: 'Work', incoming: ['W1'], outgoing: ['W2'], kind: 'intermediateThrowEvent', trigger: { type: 'escalation', escalationCode: 'late' } });
    expect(nodes.Escalated).toEqual({
      id: 'Escalated', name: 'Escalated', scope: P, incoming: [], outgoing: ['F5'], kind: 'boundaryEvent', attachedTo: 'Work', cancelActivity: false, trigger: { type: 'escalation', escalationCode: 'late' },
    });
    expect(nodes.TellLate).toEqual({ id: 'TellLate', name: 'Tell everyone', scope: P, incoming: ['F5'], outgoing: [], kind: 'endEvent', trigger: { type: 'signal', signalName: 'order.late' } });
    expect(nodes.Go).toEqual({ id: 'Go', name: 'Go', scope: P, incoming: ['F6'], outgoing: ['F7'], kind: 'intermediateCatchEvent', trigger: { type: 'signal', signalName: 'go' } });
    expect(nodes.UndoBooking).toEqual({
      id: 'UndoBooking', name: 'Undo the booking', scope: P, incoming: ['F7'], outgoing: ['F8'], kind: 'intermediateThrowEvent', trigger: { type: 'compensation', activityRef: 'Book' },
    });
    expect(nodes.Approve).toMatchObject({ kind: 'userTask', boundary: ['Remind', 'Stop'] });
    expect(nodes.Remind).toEqual({
      id: 'Remind', name: 'Every 10 minutes', scope: P, incoming: [], outgoing: ['F9'], kind: 'boundaryEvent', attachedTo: 'Approve', cancelActivity: false, trigger: { type: 'timer', cycle: 'R3/PT10M' },
    });
    expect(nodes.Stop).toEqual({ id: 'Stop', name: 'Stop', scope: P, incoming: [], outgoing: ['F10'], kind: 'boundaryEvent', attachedTo: 'Approve', cancelActivity: true, trigger: { type: 'signal', signalName: 'stop' } });
    expect(nodes.UndoAll).toEqual({ id: 'UndoAll', name: 'Undo everything', scope: P, incoming: ['F11'], outgoing: [], kind: 'endEvent', trigger: { type: 'compensation' } });
  });

  it('compiles event sub-processes: no flows, their nodes in their own scope, the start event carrying the trigger and whether it interrupts', async () => {
    const { nodes } = await compile(fixture('event-elements.bpmn'));
    expect(nodes.OnCancel).toEqual({ id: 'OnCancel', name: 'On cancel', scope: P, incoming: [], outgoing: [], kind: 'subProcess', scopeId: 'OnCancel', triggeredByEvent: true });
    expect(nodes.Cancelled).toEqual({
      id: 'Cancelled', name: 'Cancelled', scope: 'OnCancel', incoming: [], outgoing: ['C1'], kind: 'startEvent', trigger: { type: 'message', messageName: 'order.cancelled' }, interrupting: true,
    });
    expect(nodes.CancelEnd).toMatchObject({ scope: 'OnCancel', kind: 'endEvent' });
    expect(nodes.EveryHour).toEqual({
      id: 'EveryHour', name: 'Every hour', scope: 'Hourly', incoming: [], outgoing: ['H1'], kind: 'startEvent', trigger: { type: 'timer', cycle: 'R/PT1H' }, interrupting: false,
    });
    expect(nodes.OutOfStock).toEqual({
      id: 'OutOfStock', name: 'Out of stock', scope: 'OnError', incoming: [], outgoing: ['E1'], kind: 'startEvent', trigger: { type: 'error', errorCode: 'OUT' }, interrupting: true,
    });
    // Only start events of embedded event sub-processes say whether they interrupt.
    expect(nodes.Start).not.toHaveProperty('interrupting');
    expect(nodes.WorkStart).not.toHaveProperty('interrupting');
  });

  it('compiles the Camunda example whose reminder repeats (MIWG C.9.1) once its job types are Relais activities', async () => {
    const xml = fs.readFileSync(path.join(ROOT, 'test/fixtures/miwg/C.9.1.bpmn'), 'utf8').replaceAll('type="email"', 'type="system.echo"');
    const plan = await compile(xml);
    expect(plan.nodes.BoundaryEvent_1).toMatchObject({
      kind: 'boundaryEvent', attachedTo: 'ReceiveTask_WaitForDocument', cancelActivity: false, trigger: { type: 'timer', cycle: 'R6/P1D' },
    });
  });

  it('embeds the decision a business rule task evaluates (relais: or zeebe:calledDecision), and runs the activity of one implemented by a job type', async () => {
    const dmn = (name: string) => compileDmn(fs.readFileSync(path.join(ROOT, 'test/fixtures/dmn', name), 'utf8'));
    const decisions = { ...(await dmn('ticket-routing.dmn')).decisions, ...(await dmn('discount.dmn')).decisions };
    const xml = fixture('lint-business-rule-task.bpmn')
      .replace(/<bpmn:sequenceFlow id="F3"[\s\S]*<bpmn:sequenceFlow id="F8"[^>]*\/>/, '<bpmn:sequenceFlow id="F3" sourceRef="Discount" targetRef="Worker" />');
    const parsed = await parseDefinition(xml);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const report = await lintReport(parsed.definitions, { decisionIds: Object.keys(decisions) });
    expect(report).toEqual({ errors: [], warnings: [] });
    const { nodes } = compileDefinition(parsed.definitions, 1, decisions);
    const P2 = 'business-rules';
    expect(nodes.Route).toEqual({
      id: 'Route', name: 'Route the ticket', scope: P2, incoming: ['F1'], outgoing: ['F2'],
      kind: 'businessRuleTask', decisionId: 'route-ticket', decision: decisions['route-ticket'], resultVariable: 'routing',
    });
    expect(nodes.Discount).toEqual({
      id: 'Discount', name: 'Discount', scope: P2, incoming: ['F2'], outgoing: ['F3'], outputs: { rate: '=discount.rate' },
      kind: 'businessRuleTask', decisionId: 'discount', decision: decisions.discount, resultVariable: 'discount',
    });
    expect(nodes.Worker).toMatchObject({ kind: 'serviceTask', activity: 'system.echo', bpmnType: 'bpmn:BusinessRuleTask' });
    expect(() => compileDefinition(parsed.definitions, 1, {})).toThrow(/Business rule task Route names no deployed decision/);
  });
});
