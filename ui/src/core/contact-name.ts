import type { Contact } from '@/api/accounts.api';

/** "Sylvie Morvan", or "—" for a contact with no name. */
export function contactName(c: Pick<Contact, 'firstName' | 'lastName'>): string {
  return [c.firstName, c.lastName].filter(Boolean).join(' ') || '—';
}
