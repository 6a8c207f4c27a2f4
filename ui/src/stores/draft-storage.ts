/** Unsaved account drafts, per browser tab, so a reload or a crash never loses typing. */
export interface Draft {
  /** The version the user was editing: sent as If-Match, so a stale draft cannot overwrite silently. */
  baseVersion: number;
  /** Typed text by field name. */
  fields: Record<string, string>;
}

const PREFIX = 'relais.account-draft.';

export const draftStorage = {
  read(accountId: string): Draft | null {
    try {
      const raw = sessionStorage.getItem(PREFIX + accountId);
      if (!raw) return null;
      const draft = JSON.parse(raw) as Draft;
      return typeof draft.baseVersion === 'number' && draft.fields && typeof draft.fields === 'object' ? draft : null;
    } catch {
      return null;
    }
  },
  write(accountId: string, draft: Draft | null): void {
    if (draft && Object.keys(draft.fields).length) sessionStorage.setItem(PREFIX + accountId, JSON.stringify(draft));
    else sessionStorage.removeItem(PREFIX + accountId);
  },
  clearAll(): void {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
  },
};
