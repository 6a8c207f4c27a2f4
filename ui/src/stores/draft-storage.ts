/** Unsaved drafts, per browser tab, so a reload or a crash never loses typing. */
export interface Draft {
  /** The version the user was editing: sent as If-Match, so a stale draft cannot overwrite silently. */
  baseVersion: number;
  /** Typed text by field name. */
  fields: Record<string, string>;
}

/** Drafts kept in sessionStorage under `prefix` + the record id. */
export function createDraftStorage(prefix: string) {
  return {
    read(id: string): Draft | null {
      try {
        const raw = sessionStorage.getItem(prefix + id);
        if (!raw) return null;
        const draft = JSON.parse(raw) as Draft;
        return typeof draft.baseVersion === 'number' && draft.fields && typeof draft.fields === 'object' ? draft : null;
      } catch {
        return null;
      }
    },
    write(id: string, draft: Draft | null): void {
      if (draft && Object.keys(draft.fields).length) sessionStorage.setItem(prefix + id, JSON.stringify(draft));
      else sessionStorage.removeItem(prefix + id);
    },
    clearAll(): void {
      for (const key of Object.keys(sessionStorage)) if (key.startsWith(prefix)) sessionStorage.removeItem(key);
    },
  };
}

/** Unsaved account drafts. */
export const draftStorage = createDraftStorage('relais.account-draft.');
