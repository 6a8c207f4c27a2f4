import { DEFAULT_MARKETING_PURPOSE, marketingPurposeOf } from './template-kinds';

describe('marketingPurposeOf: the consent purpose a marketing template needs', () => {
  it.each([
    ['school.internship-offer', 'school.sms-info'],
    ['contact.message', DEFAULT_MARKETING_PURPOSE],
    ['unknown.kind', DEFAULT_MARKETING_PURPOSE],
    [null, DEFAULT_MARKETING_PURPOSE],
  ])('%s → %s', (kind, purpose) => {
    expect(marketingPurposeOf(kind)).toBe(purpose);
  });

  it('defaults to comms.marketing', () => {
    expect(DEFAULT_MARKETING_PURPOSE).toBe('comms.marketing');
  });
});
