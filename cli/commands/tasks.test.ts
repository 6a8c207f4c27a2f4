import { parseValue, taskData } from './tasks';
import { chooseLanguage } from '../i18n';

describe('task form data on the command line', () => {
  // The CLI's texts are read here in English (--lang en); cli/i18n.test.ts reads them in French.
  beforeAll(() => chooseLanguage(['--lang', 'en']));
  afterAll(() => chooseLanguage([], {}));

  it('reads JSON values and keeps anything else as text', () => {
    expect(parseValue('true')).toBe(true);
    expect(parseValue('250000')).toBe(250_000);
    expect(parseValue('-1.5')).toBe(-1.5);
    expect(parseValue('null')).toBeNull();
    expect(parseValue('{"a": 1}')).toEqual({ a: 1 });
    expect(parseValue('"012"')).toBe('012');
    expect(parseValue('Rupture de stock')).toBe('Rupture de stock');
    expect(parseValue('06 12 34 56 78')).toBe('06 12 34 56 78');
    expect(parseValue('{broken')).toBe('{broken');
  });

  it('merges --data with key=value pairs, the pairs winning', () => {
    expect(taskData('{"approved": false, "comment": "x"}', ['approved=true', 'note=a=b'])).toEqual({ approved: true, comment: 'x', note: 'a=b' });
    expect(taskData(undefined, [])).toEqual({});
  });

  it('names what is wrong', () => {
    expect(() => taskData('{nope', [])).toThrow('--data is not valid JSON');
    expect(() => taskData('[1]', [])).toThrow('--data must be a JSON object');
    expect(() => taskData(undefined, ['approved'])).toThrow('"approved" is not key=value');
  });
});
