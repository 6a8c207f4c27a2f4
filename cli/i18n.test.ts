import { parseDateTime } from './dates';
import { CliError } from './exit-codes';
import { chooseLanguage, currentLanguage, environmentLanguage, languageFlag, tr } from './i18n';
import { parseAmount } from './money';
import { renderList } from './output';
import { required } from './prompt';

/** The CLI speaks French first, English to an English user: --lang, then RELAIS_LANG, then the locale. */
describe('the CLI\'s language', () => {
  afterEach(() => chooseLanguage([], {}));

  it('takes --lang first, then RELAIS_LANG, then the locale, French by default', () => {
    expect(chooseLanguage([], {})).toBe('fr');
    expect(chooseLanguage(['clients', 'list'], { LANG: 'en_GB.UTF-8' })).toBe('en');
    expect(chooseLanguage(['clients', 'list', '--lang', 'fr'], { LANG: 'en_GB.UTF-8' })).toBe('fr');
    expect(chooseLanguage(['--lang=en', 'whoami'], { RELAIS_LANG: 'fr' })).toBe('en');
    expect(currentLanguage()).toBe('en');
    expect(environmentLanguage({ LANG: 'fr_FR.UTF-8', RELAIS_LANG: 'en' })).toBe('en');
    expect(languageFlag(['events', 'create', '--', '--lang', 'en'])).toBeUndefined();
  });

  it('writes its refusals, prompts and lists in French by default, in English for en', async () => {
    chooseLanguage([], {});
    expect(() => parseAmount('douze', '--total')).toThrow('--total "douze" n\'est pas un montant en euros : écrivez-le comme 1500, 1500.50 ou « 1 500,50 € ».');
    expect(() => parseDateTime('demain', '--start')).toThrow(/^--start "demain" n'est pas une date et une heure : écrivez-la comme « 2026-06-04 13:00 » \(heure de Paris\)/);
    const missing = await required(undefined, { flag: '--name', label: tr('Nom complet', 'Full name'), parse: (t) => t }, false).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(CliError);
    expect((missing as CliError).message).toBe('--name manquant (nom complet).');
    expect(renderList([], [], { fr: ['tâche', 'tâches'], en: ['task', 'tasks'], feminine: true })).toBe('Aucune tâche.');

    chooseLanguage(['--lang', 'en'], {});
    expect(() => parseAmount('douze', '--total')).toThrow('--total "douze" is not an amount in euros: write it like 1500, 1500.50 or "1 500,50 €".');
    expect(renderList([], [], { fr: ['tâche', 'tâches'], en: ['task', 'tasks'], feminine: true })).toBe('No tasks.');
  });
});
