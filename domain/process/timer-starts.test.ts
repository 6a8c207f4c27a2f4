import { buildPlan } from '../../test/support/plans';
import { timerCycleBusinessKey, timerCycles, timerCycleWorkflowId, timerStarts } from './timer-starts';

describe('timerStarts', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');
  const plan = (trigger: Record<string, unknown>) => ({ ...buildPlan('p', [
    { id: 'manual', kind: 'startEvent' },
    { id: 'clock', kind: 'startEvent', trigger: { type: 'timer', ...trigger } },
    { id: 'end', kind: 'endEvent' },
  ], [['a', 'manual', 'end'], ['b', 'clock', 'end']]), version: 3 });

  it('starts at a date, keyed by start event and version', () => {
    expect(timerStarts(plan({ date: '2026-12-01T08:00:00+01:00' }), now)).toEqual([{ startAt: 'clock', delayMs: Date.parse('2026-12-01T07:00:00Z') - now, businessKey: 'timer:clock:v3' }]);
  });

  it('starts a duration after the deploy, FEEL included; a past date starts at once', () => {
    expect(timerStarts(plan({ duration: 'PT15M' }), now)[0]!.delayMs).toBe(15 * 60_000);
    expect(timerStarts(plan({ duration: '=duration("P1D")' }), now)[0]!.delayMs).toBe(86_400_000);
    expect(timerStarts(plan({ date: '2020-01-01T00:00:00Z' }), now)[0]!.delayMs).toBe(0);
  });

  it('ignores processes without a timer start event', () => {
    expect(timerStarts(buildPlan('q', [{ id: 's', kind: 'startEvent' }, { id: 'e', kind: 'endEvent' }], [['f', 's', 'e']]), now)).toEqual([]);
  });
});

describe('timerCycles', () => {
  const plan = (trigger: Record<string, unknown>) => ({ ...buildPlan('p', [
    { id: 'clock', kind: 'startEvent', name: 'Chaque matin', trigger: { type: 'timer', ...trigger } },
    { id: 'end', kind: 'endEvent' },
  ], [['b', 'clock', 'end']]), version: 2 });

  it('lists the timer start events with a cycle (FEEL evaluated), and leaves them out of the one-off starts', () => {
    expect(timerCycles(plan({ cycle: 'R3/PT1H' }))).toEqual([{ startAt: 'clock', cycle: 'R3/PT1H' }]);
    expect(timerCycles(plan({ cycle: '="0 9 * * " + "MON-FRI"' }))).toEqual([{ startAt: 'clock', cycle: '0 9 * * MON-FRI' }]);
    expect(timerStarts(plan({ cycle: 'R/P1D' }), 0)).toEqual([]);
    expect(timerCycles(plan({ duration: 'PT1H' }))).toEqual([]);
  });

  it('refuses a cycle the scheduler could not read, naming the event', () => {
    // The refusal is a catalogue message; its French text is err.message.
    expect(() => timerCycles(plan({ cycle: '="every day"' }))).toThrow(/^Le début programmé « Chaque matin » : « every day » n'est ni .* Corrigez son cycle, puis déployez à nouveau\.$/);
  });

  it('names the scheduler per key and event, and each firing by its time', () => {
    expect(timerCycleWorkflowId('t1', 'weekly', 'clock')).toBe('t1/weekly/timer-cycle:clock');
    expect(timerCycleBusinessKey('clock', Date.parse('2026-12-01T08:00:00Z'))).toBe('timer:clock:2026-12-01T08:00:00.000Z');
  });
});
