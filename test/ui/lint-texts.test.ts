import { BPMNLINT_CODES, lintConfig } from '../../domain/process/definition-linter';
import { lintMessages } from '../../domain/process/lint.messages';
import { LINT_CODES, LINT_TEXTS } from '../../ui/src/process/modeler/lint-texts';

/**
 * The modeler's live lint (ui/src/process/modeler/lint-texts.ts) says what the server says at
 * save (domain/process/lint.messages.ts): the same code for each of bpmnlint's reports, the same
 * French and English texts. The UI cannot import the server's catalogue, so this test keeps them one.
 */
describe('the live lint\'s texts', () => {
  // bpmnlint's own messages, one per case of each rule (node_modules/bpmnlint/rules).
  const reports: Array<[rule: string, message: string]> = [
    ['start-event-required', 'Process is missing start event'], ['start-event-required', 'Sub process is missing start event'],
    ['end-event-required', 'Process is missing end event'], ['end-event-required', 'Sub process is missing end event'],
    ['no-disconnected', 'Element is not connected'], ['no-implicit-start', 'Element is missing incoming connections'],
    ['no-implicit-end', 'Element is missing outgoing connections'], ['no-implicit-split', 'Flow splits implicitly'],
    ['no-gateway-join-fork', 'Gateway forks and joins'], ['event-based-gateway', 'Event-based gateway must have at least 2 outgoing sequence flows'],
    ['event-based-gateway', 'Sequence flow outgoing from event-based gateway must not have a condition'],
    ['single-event-definition', 'Event has multiple event definitions'], ['single-blank-start-event', 'Process has multiple blank start events'],
    ['sub-process-blank-start-event', 'Start event must be blank'],
    ['no-duplicate-sequence-flows', 'SequenceFlow is a duplicate'], ['no-duplicate-sequence-flows', 'Duplicate outgoing sequence flows'],
  ];

  it('lints live with the server\'s bpmnlint rules, each report under the server\'s code', () => {
    expect(Object.keys(LINT_CODES).sort()).toEqual(Object.keys(lintConfig().rules).filter((rule) => !rule.includes('/')).sort());
    expect(Object.keys(LINT_CODES).sort()).toEqual(Object.keys(BPMNLINT_CODES).sort());
    for (const [rule, message] of reports) expect(LINT_CODES[rule]!(message)).toBe(BPMNLINT_CODES[rule]!(message));
  });

  it('writes each code as the server\'s catalogue does, in French and in English', () => {
    const codes = new Set(reports.map(([rule, message]) => BPMNLINT_CODES[rule]!(message)));
    expect(Object.keys(LINT_TEXTS).sort()).toEqual([...codes].sort());
    for (const code of codes) expect(LINT_TEXTS[code]).toEqual(lintMessages[code as keyof typeof lintMessages]);
  });
});
