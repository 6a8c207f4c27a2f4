import { renderText } from '../i18n/messages';
import { checkRequestedValue, toE164, type CorrectableField } from './correction-fields';

describe('a correction request’s requested value', () => {
  const accepted: Array<[CorrectableField, string, string]> = [
    ['lastName', '  Le  Goff ', 'Le Goff'],
    ['firstName', 'Jean-Pierre', 'Jean-Pierre'],
    ['nir', '2 95 05 35 238 456 73', '295053523845673'],
    ['status', 'alumni', 'alumni'],
    ['promotion', '2027', '2027'],
    ['cursus', 'Master Finance', 'Master Finance'],
    ['postalCode', '35000', '35000'],
    ['personalPhone', '06 12 34 56 78', '+33612345678'],
    ['personalPhone', '+44 20 7946 0958', '+442079460958'],
    ['email', 'Emma.Leroy@Exemple.FR', 'emma.leroy@exemple.fr'],
  ];
  it.each(accepted)('accepts %s « %s » as « %s »', (field, raw, normalised) => {
    expect(checkRequestedValue(field, raw)).toEqual({ ok: true, value: normalised });
  });

  const refused: Array<[CorrectableField, string, string]> = [
    ['lastName', '', 'doit être au moins une lettre, 100 caractères au plus'],
    ['nir', '295053523845627', 'n’est pas un numéro de sécurité sociale valide (15 caractères, clé de contrôle)'],
    ['status', 'diplômé', 'doit être prospect, en fonction ou alumni'],
    ['promotion', '27', 'doit être une année de promotion, comme 2027'],
    ['postalCode', '3500', 'doit être un code postal à 5 chiffres, comme 35000'],
    ['personalPhone', '12 34', 'doit être un numéro de téléphone, comme 06 12 34 56 78 ou +33 6 12 34 56 78'],
    ['email', 'emma@', 'doit être une adresse e-mail, comme prenom.nom@exemple.fr'],
  ];
  it.each(refused)('refuses %s « %s » in French', (field, raw, message) => {
    const checked = checkRequestedValue(field, raw);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(renderText(checked.message, 'fr')).toBe(message);
  });

  it('writes phone numbers as E.164', () => {
    expect(toE164('0033 6 12 34 56 78')).toBe('+33612345678');
    expect(toE164('0612')).toBeNull();
  });
});
