import { ExitCode, exitCodeForStatus } from './exit-codes';
import { problemError } from './http';
import { chooseLanguage } from './i18n';

describe('exit codes', () => {
  // The CLI's texts are read here in English (--lang en); cli/i18n.test.ts reads them in French.
  beforeAll(() => chooseLanguage(['--lang', 'en']));
  afterAll(() => chooseLanguage([], {}));

  it('are the documented numbers', () => {
    expect(ExitCode).toEqual({ OK: 0, UNEXPECTED: 1, USAGE: 2, NOT_LOGGED_IN: 3, FORBIDDEN: 4, NOT_FOUND: 5, CONFLICT: 6, UNREACHABLE: 7 });
  });

  it.each([
    [400, 2], [422, 2], [401, 3], [403, 4], [404, 5], [409, 6], [412, 6], [428, 1], [429, 1], [500, 1], [503, 1],
  ])('an API answer %i exits %i', (status, code) => {
    expect(exitCodeForStatus(status)).toBe(code);
  });

  it('names the fields of a validation problem by their flags', () => {
    const error = problemError(400, {
      type: 'https://relais.dev/problems/validation', title: 'Invalid request', status: 400, detail: 'Invalid request: fullName is required',
      errors: [{ field: 'fullName', message: 'is required' }, { field: 'phone', message: 'is not a valid phone number' }, { field: 'other', message: 'x' }],
    }, { fullName: '--name', phone: '--phone' });
    expect(error.exitCode).toBe(2);
    expect(error.status).toBe(400);
    expect(error.problems).toEqual([
      { field: 'fullName (--name)', message: 'is required' },
      { field: 'phone (--phone)', message: 'is not a valid phone number' },
      { field: 'other', message: 'x' },
    ]);
  });

  it('keeps the API\'s explanation for permissions, absence and conflicts', () => {
    expect(problemError(403, { detail: 'You may not create this event-contract' })).toMatchObject({ exitCode: 4, message: 'You may not create this event-contract' });
    expect(problemError(404, { detail: 'The client was not found' })).toMatchObject({ exitCode: 5 });
    expect(problemError(412, { detail: 'changed' }).message).toMatch(/Someone else changed this record/);
    expect(problemError(500, { detail: 'Quote request abc' }).message).toBe('The Relais API failed (500): Quote request abc');
  });
});
