import type { ConsentPurpose } from '../modules/vertical-module';

/**
 * What people consent to about communications (docs/adr/0024): marketing by e-mail and by SMS, each channel on
 * its own. CNIL: a prospect's consent is kept three years after it is given unless renewed; the soft opt-in
 * (an existing client, similar products, art. L34-5 CPCE) counts as a grant when recorded as such.
 */
export const COMMS_CONSENT_PURPOSES: ConsentPurpose[] = [
  {
    key: 'comms.marketing',
    label: { fr: 'Offres et actualités commerciales', en: 'Offers and commercial news' },
    description: {
      fr: 'Recevoir nos offres, invitations et actualités par e-mail ou par SMS. Vous pouvez retirer votre accord à tout moment.',
      en: 'Receive our offers, invitations and news by e-mail or SMS. You may withdraw at any time.',
    },
    channels: ['mail', 'sms'],
    subjects: ['contact'],
    validity: 'P3Y',
    softOptIn: true,
  },
];
