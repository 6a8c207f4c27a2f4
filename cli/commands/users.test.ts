import { ExitCode } from '../exit-codes';
import { parseRoles } from './users';
import { chooseLanguage } from '../i18n';

describe('users --role', () => {
  // The CLI's texts are read here in English (--lang en); cli/i18n.test.ts reads them in French.
  beforeAll(() => chooseLanguage(['--lang', 'en']));
  afterAll(() => chooseLanguage([], {}));

  it('takes repeated flags and comma lists, once each, in lower case', () => {
    expect(parseRoles(['sales', 'Support, sales', ' management ,'])).toEqual(['sales', 'support', 'management']);
    expect(parseRoles([])).toEqual([]);
  });

  it('refuses what cannot be a role key (exit 2)', () => {
    expect(() => parseRoles(['sales;support'])).toThrow(expect.objectContaining({ exitCode: ExitCode.USAGE, message: expect.stringContaining('"sales;support" is not a role key') }));
  });
});
