import { chooseTemplate, withDisplayName, type MailVariant } from './mail-variant';

describe('mail variant: which template a mail uses', () => {
  const variant = (templateId: string | null): MailVariant => ({ source: 'telecom.brand', templateId, senderName: 'Connextoo' });

  it('uses the organisation\'s template when no module answers, noting nothing', () => {
    expect(chooseTemplate(null, undefined)).toEqual({ use: 'default', note: null });
  });

  it('uses the variant\'s template when it exists and is a mail template', () => {
    expect(chooseTemplate(variant('t-1'), { channel: 'mail' })).toEqual({ use: 'variant', note: { source: 'telecom.brand', templateId: 't-1', fallback: false } });
  });

  it('falls back to the organisation\'s template when the variant\'s is missing or not a mail, and says so', () => {
    expect(chooseTemplate(variant('t-gone'), undefined)).toEqual({ use: 'default', note: { source: 'telecom.brand', templateId: 't-gone', fallback: true } });
    expect(chooseTemplate(variant('t-sms'), { channel: 'sms' })).toMatchObject({ use: 'default', note: { fallback: true } });
  });

  it('keeps the organisation\'s template when the variant only changes the sender', () => {
    expect(chooseTemplate(variant(null), undefined)).toEqual({ use: 'default', note: { source: 'telecom.brand', templateId: null, fallback: false } });
  });
});

describe('mail variant: the sender\'s display name', () => {
  it('puts the name before the organisation\'s address, quoted', () => {
    expect(withDisplayName('SoftWhere <noreply@softwhere.test>', 'Connextoo')).toBe('"Connextoo" <noreply@softwhere.test>');
    expect(withDisplayName('noreply@softwhere.test', 'BreizhTel "Pro"')).toBe('"BreizhTel \\"Pro\\"" <noreply@softwhere.test>');
  });

  it('keeps the organisation\'s sender without a name, and never lets a line break through', () => {
    expect(withDisplayName('SoftWhere <noreply@softwhere.test>', null)).toBe('SoftWhere <noreply@softwhere.test>');
    expect(withDisplayName('noreply@x.test', 'A\r\nBcc: someone@evil.test')).toBe('"A Bcc: someone@evil.test" <noreply@x.test>');
  });
});
