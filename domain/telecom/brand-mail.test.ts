import { brandMailVariant } from './brand-mail';

describe('a brand\'s mail variant', () => {
  const branding = { mailTemplates: { 'telecom.service-notice': 'tpl-own' }, mailSenderName: 'Connextoo' };

  it('answers the brand\'s own template for a key it overrides, and its sender', () => {
    expect(brandMailVariant(branding, 'telecom.service-notice')).toEqual({ source: 'telecom.brand', templateId: 'tpl-own', senderName: 'Connextoo' });
  });

  it('answers only the sender for another key or a mail without template', () => {
    expect(brandMailVariant(branding, 'billing.reminder')).toEqual({ source: 'telecom.brand', templateId: null, senderName: 'Connextoo' });
    expect(brandMailVariant(branding, null)).toMatchObject({ templateId: null, senderName: 'Connextoo' });
  });

  it('answers nothing for a client without brand, or a brand with neither template nor sender', () => {
    expect(brandMailVariant(undefined, 'telecom.service-notice')).toBeNull();
    expect(brandMailVariant({ mailTemplates: {}, mailSenderName: null }, 'telecom.service-notice')).toBeNull();
  });
});
