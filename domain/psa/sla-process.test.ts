import fs from 'node:fs';
import path from 'node:path';
import { renderText } from '../i18n/messages';
import { compileDefinition } from '../process/definition-compiler';
import { lintReport } from '../process/definition-linter';
import { parseDefinition } from '../process/definition-parser';

const FILE = path.resolve(__dirname, '../../workflows/psa/ticket-to-invoice.bpmn');

describe('the shipped process psa.ticket-to-invoice', () => {
  it('parses, lints without a problem or a warning and compiles, its SLA timers non-interrupting boundaries of the handling', async () => {
    const xml = fs.readFileSync(FILE, 'utf8').replace(/\{roles:[^}]+\}/g, 'admin,manager,technician');
    const parsed = await parseDefinition(xml);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const report = await lintReport(parsed.definitions, { roleKeys: ['admin', 'manager', 'technician'] });
    expect([...report.errors, ...report.warnings].map((p) => `${p.elementId} ${p.rule} ${renderText(p.message, 'en')}`)).toEqual([]);
    const plan = compileDefinition(parsed.definitions, 1);
    expect(plan.processKey).toBe('psa.ticket-to-invoice');
    const boundaries = Object.values(plan.nodes).filter((n) => n.kind === 'boundaryEvent' && n.attachedTo === 'Handling');
    const timers = boundaries.filter((n) => n.kind === 'boundaryEvent' && n.trigger.type === 'timer');
    expect(timers.map((n) => n.id).sort()).toEqual(['ResolutionBreach', 'ResolutionFirst', 'ResolutionSecond', 'ResponseBreach', 'ResponseFirst', 'ResponseSecond']);
    expect(timers.every((n) => n.kind === 'boundaryEvent' && n.cancelActivity === false)).toBe(true);
  });
});
