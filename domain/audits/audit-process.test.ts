import fs from 'node:fs';
import path from 'node:path';
import { renderText } from '../i18n/messages';
import { compileDefinition } from '../process/definition-compiler';
import { lintReport } from '../process/definition-linter';
import { parseDefinition } from '../process/definition-parser';

const FILE = path.resolve(__dirname, '../../workflows/audits/audit-to-anonymise.bpmn');

describe('the shipped process audits.audit-to-anonymise', () => {
  it('parses, lints without a problem or a warning and compiles: one capture task per site, the review loop, the postponement loop', async () => {
    const parsed = await parseDefinition(fs.readFileSync(FILE, 'utf8'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const report = await lintReport(parsed.definitions, { roleKeys: ['mission-lead', 'auditor', 'administration'] });
    expect([...report.errors, ...report.warnings].map((p) => `${p.elementId} ${p.rule} ${renderText(p.message, 'en')}`)).toEqual([]);
    const plan = compileDefinition(parsed.definitions, 1);
    expect(plan.processKey).toBe('audits.audit-to-anonymise');
    const capture = plan.nodes.CaptureSite!;
    expect(capture.kind === 'userTask' && capture.multiInstance).toMatchObject({ collection: '=mission.sites', elementVariable: 'siteId' });
    expect(plan.nodes.ReviewOutcome!.kind).toBe('eventBasedGateway');
    expect(plan.nodes.AwaitAnonymisation!.kind).toBe('eventBasedGateway');
  });
});
