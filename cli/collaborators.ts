import { CliError, ExitCode, usageError } from './exit-codes';
import type { Api } from './http';
import { isUuid } from './records';
import { tr } from './i18n';

export interface Collaborator {
  id: string;
  displayName: string;
  email: string;
  roles: string[];
}

/** The signed-in user's id: stored at login, else asked from the API. */
export async function myId(api: Api): Promise<string> {
  const stored = api.currentSession?.userId;
  if (stored) return stored;
  const me = await api.get<{ user: { id: string } }>('/auth/me');
  return me.body.user.id;
}

/** Epic Events' departments as French names them. */
const DEPARTMENTS = { sales: 'commercial', support: 'support', management: 'gestion' } as const;

const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().trim();

/**
 * A collaborator from what people know of them: "me", "none" (nobody), an id,
 * an email or a name (accents and case ignored), looked up among the
 * organisation's members of `role`.
 */
export async function resolveCollaborator(api: Api, who: string, role: 'sales' | 'support' | 'management', flag: string): Promise<string | null> {
  const text = who.trim();
  if (/^(none|null|nobody|personne)$/i.test(text)) return null;
  if (/^me$/i.test(text)) return myId(api);
  if (isUuid(text)) return text;
  const list = await api.get<{ items: Collaborator[] }>('/events/collaborators', { query: { role } });
  const wanted = fold(text);
  const matches = list.body.items.filter((c) => fold(c.email) === wanted || fold(c.displayName) === wanted);
  const partial = matches.length ? matches : list.body.items.filter((c) => fold(c.displayName).includes(wanted));
  if (partial.length === 1) return partial[0]!.id;
  const known = list.body.items.map((c) => `${c.displayName} <${c.email}>`).join(', ') || tr('personne', 'nobody');
  const department = tr(DEPARTMENTS[role], role);
  if (partial.length === 0) {
    throw new CliError(tr(
      `${flag} "${who}" : aucun collaborateur ${department} n'a ce nom ni cet e-mail. Collaborateurs ${department} : ${known}.`,
      `${flag} "${who}": no ${role} collaborator has this name or email. ${role} collaborators: ${known}.`,
    ), ExitCode.NOT_FOUND);
  }
  const names = partial.map((c) => c.displayName).join(', ');
  throw usageError(
    tr(`${flag} "${who}" désigne plusieurs collaborateurs ${department} (${names}) : donnez l'e-mail.`, `${flag} "${who}" matches several ${role} collaborators (${names}): give the email.`),
    [{ field: flag, message: tr('est ambigu', 'is ambiguous') }],
  );
}
