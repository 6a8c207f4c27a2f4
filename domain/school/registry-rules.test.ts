import { checkNir, maskedFromLastDigits } from './nir';
import { studentCreate, studentUpdate } from './student.schema';
import { makeNir, randomNir } from './student-samples';
import { MASKED_NIR_SQL } from './student-nir';
import { studentChanges } from './students';

describe('the registry’s rules (pure)', () => {
  const nir = makeNir({ sex: 2, year: 2003, month: 4, department: '35', commune: 238, order: 412 });

  it('makes valid NIRs from their parts, Corsica’s too, and at random', () => {
    expect(checkNir(nir)).toEqual({ ok: true, nir });
    expect(checkNir(makeNir({ sex: 1, year: 1999, month: 7, department: '2A', commune: 4, order: 12 })).ok).toBe(true);
    for (let i = 0; i < 50; i += 1) expect(checkNir(randomNir()).ok).toBe(true);
  });

  it.each<[string, string, { ok: boolean; message?: string }]>([
    ['spaced as people type it', `${nir.slice(0, 1)} ${nir.slice(1, 3)} ${nir.slice(3, 5)} ${nir.slice(5)}`, { ok: true }],
    ['with a wrong key', `${nir.slice(0, 13)}${nir.slice(13) === '01' ? '02' : '01'}`, { ok: false, message: 'school.registry.nir-key' }],
    ['too short', '2030435238', { ok: false, message: 'school.registry.nir-format' }],
    ['with letters', 'ABCDEFGHIJKLMNO', { ok: false, message: 'school.registry.nir-format' }],
  ])('checks a NIR %s', (_case, value, expected) => {
    const result = studentCreate.safeParse({ lastName: 'Le Goff', firstName: 'Emma', nir: value });
    if (expected.ok) expect(result.success && result.data.nir).toBe(nir);
    else expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['nir', expected.message]]);
  });

  it('stores phones in E.164 (France by default) and refuses what is not a French postal code', () => {
    const parsed = studentCreate.parse({ lastName: 'Kerbrat', firstName: 'Louis', nir, personalPhone: '06 78 21 45 63', professionalPhone: '+44 20 7946 0958' });
    expect(parsed).toMatchObject({ personalPhone: '+33678214563', professionalPhone: '+442079460958' });
    expect(studentUpdate.safeParse({ postalCode: '3500' }).error?.issues[0]?.message).toBe('school.registry.postal-code');
    expect(studentUpdate.safeParse({ status: 'graduated' }).success).toBe(false);
  });

  it('says which fields an import row changes, never the NIR (the key)', () => {
    const current = { lastName: 'Le Goff', firstName: 'Emma', city: 'Rennes', promotion: 2026, personalPhone: null };
    expect(studentChanges(current, { lastName: 'Le Goff', firstName: 'Emma', city: 'Rennes', promotion: 2026, nir })).toEqual([]);
    expect(studentChanges(current, { city: 'Nantes', personalPhone: '+33645128790', promotion: 2026 })).toEqual(['city', 'personalPhone']);
  });

  it('masks in SQL as it masks in code (eleven dots and the last four)', () => {
    expect(maskedFromLastDigits('4512')).toBe(`${'•'.repeat(11)}4512`);
    expect(MASKED_NIR_SQL).toContain("repeat('•', 15 - char_length(t.nir_last_digits))");
  });
});
