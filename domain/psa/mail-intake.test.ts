import { answeredIds, replyTextOf, ticketTagOf, ticketTitleOf } from './mail-intake';
import { intakeAddressOf, messageIdOf, slugOfIntakeAddress } from './mail-intake-store';

describe('mail intake: reading a mail', () => {
  it('names the organisation by the intake address\'s subdomain, and nothing else', () => {
    expect(slugOfIntakeAddress('support@msp.relais.local', 'relais.local')).toBe('msp');
    expect(slugOfIntakeAddress('Helpdesk@MSP.Relais.Local', 'relais.local')).toBe('msp');
    expect(slugOfIntakeAddress('support@relais.local', 'relais.local')).toBeNull();
    expect(slugOfIntakeAddress('support@a.b.relais.local', 'relais.local')).toBeNull();
    expect(slugOfIntakeAddress('support@msp.relais.local.evil.example', 'relais.local')).toBeNull();
    expect(intakeAddressOf('msp', 'relais.local')).toBe('support@msp.relais.local');
  });

  it('identifies a mail by its Message-ID, else by a digest of its bytes', () => {
    expect(messageIdOf(Buffer.from('Subject: a\r\nMessage-ID:\r\n <abc@x.example>\r\n\r\nbody'))).toBe('<abc@x.example>');
    const anonymous = messageIdOf(Buffer.from('Subject: a\r\n\r\nbody'));
    expect(anonymous).toMatch(/^<[0-9a-f]{64}@relais\.inbound>$/);
    expect(messageIdOf(Buffer.from('Subject: a\r\n\r\nbody'))).toBe(anonymous);
  });

  it('makes a ticket title of a subject without its reply prefixes and tag, and reads the tag', () => {
    expect(ticketTitleOf('RE: TR: [#42] Imprimante')).toBe('Imprimante');
    expect(ticketTitleOf('   ')).toBe('(sans objet)');
    expect(ticketTagOf('Re: [#42] Imprimante')).toBe(42);
    expect(ticketTagOf('Imprimante #42')).toBeNull();
  });

  it('keeps what the sender wrote above the quoted history', () => {
    expect(replyTextOf('Merci, ça marche.\n\nLe 3 déc. 2026 à 10:00, Support <s@x> a écrit :\n> ancien')).toBe('Merci, ça marche.');
    expect(replyTextOf('Thanks\nOn Tue, 3 Dec 2026, Support wrote:\n> old')).toBe('Thanks');
    expect(replyTextOf('> only quoted')).toBe('> only quoted');
  });

  it('lists the Message-IDs a mail answers, nearest first, without duplicates', () => {
    expect(answeredIds({ inReplyTo: '<c@x>', references: ['<a@x>', '<b@x>', '<c@x>'] })).toEqual(['<c@x>', '<b@x>', '<a@x>']);
    expect(answeredIds({ inReplyTo: undefined, references: '<a@x> <b@x>' })).toEqual(['<b@x>', '<a@x>']);
  });
});
