import { checkNir, maskNir, nirKey, nirLookupHash, normaliseNir } from './nir';

describe('NIR (French social security number)', () => {
  it.each([
    ['1 85 05 78 006 084 91', '185057800608491'],
    ['1.85.05.78.006.084-91', '185057800608491'],
    ['2 90 12 2a 004 123 45', '290122A00412345'],
  ])('normalises what people type (%s)', (raw, expected) => {
    expect(normaliseNir(raw)).toBe(expected);
  });

  it('computes the control key as 97 minus the body modulo 97', () => {
    expect(nirKey('1850578006084')).toBe('91');
  });

  it('accepts a number whose key matches, written with spaces', () => {
    expect(checkNir('1 85 05 78 006 084 91')).toEqual({ ok: true, nir: '185057800608491' });
  });

  it('counts Corsica\'s 2A as 19 and 2B as 18 for the key', () => {
    const body2A = '290122A004123';
    const body2B = '290122B004123';
    expect(checkNir(`${body2A}${nirKey(body2A)}`).ok).toBe(true);
    expect(checkNir(`${body2B}${nirKey(body2B)}`).ok).toBe(true);
    expect(nirKey(body2A)).toBe((97n - (2901219004123n % 97n)).toString().padStart(2, '0'));
    expect(nirKey(body2B)).toBe((97n - (2901218004123n % 97n)).toString().padStart(2, '0'));
  });

  it.each([
    ['185057800608492', 'nir-key'],
    ['18505780060849', 'nir-format'],
    ['585057800608491', 'nir-format'],
    ['1850578006084AB', 'nir-format'],
    ['', 'nir-format'],
  ])('rejects %s (%s)', (raw, reason) => {
    expect(checkNir(raw)).toEqual({ ok: false, reason });
  });

  it('masks all but the last four characters', () => {
    expect(maskNir('185057800608491')).toBe('•••••••••••8491');
  });

  it('hashes the same NIR alike in one organisation and differently in another, whatever its spacing', () => {
    const secret = 'x'.repeat(40);
    const a = nirLookupHash('185057800608491', secret, 'tenant-a');
    expect(nirLookupHash('1 85 05 78 006 084 91', secret, 'tenant-a')).toBe(a);
    expect(nirLookupHash('185057800608491', secret, 'tenant-b')).not.toBe(a);
    expect(a).not.toContain('185057800608491');
  });
});
