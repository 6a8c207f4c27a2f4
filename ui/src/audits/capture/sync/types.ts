/**
 * The offline capture's local model (ADR 0036): what the tablet keeps in IndexedDB and the queue
 * of changes it still has to send. Plain types, no browser API: the sync engine and its tests use them.
 */

/** The captured kinds, as in the API's paths (`/audits/missions/{id}/<kind>`). */
export const LOCAL_KINDS = ['inventory', 'observations', 'findings', 'uploads'] as const;
export type LocalKind = (typeof LOCAL_KINDS)[number];

/** The values the forms edit, by field (strings, numbers, null). */
export type Fields = Record<string, string | number | null>;

/**
 * synced: the server has this version; pending: changes wait in the outbox; conflict: the server
 * refused a change because someone else changed the record (412); error: the server refused it (4xx).
 */
export type RecordState = 'synced' | 'pending' | 'conflict' | 'error';

export interface LocalRecord {
  kind: LocalKind;
  id: string;
  missionId: string;
  fields: Fields;
  /** The server's version this copy is based on; null until the creation reached it. */
  version: number | null;
  state: RecordState;
  /** Read from a list, where the sensitive fields come masked: shown, not edited offline. */
  masked?: boolean;
  /** Removed here, the deletion not yet sent. */
  deleted?: boolean;
  /** On a conflict: the server's row as it is now. */
  theirs?: { fields: Fields; version: number };
  /** On an error: the server's message. */
  error?: string;
  /** When it was last changed here (ms): the lists show the newest first. */
  changedAt: number;
}

export type OutboxOp = 'create' | 'update' | 'delete';

/** One change waiting to be sent, in the order it was made. */
export interface OutboxEntry {
  /** Order of the queue (IndexedDB's auto-increment key). */
  seq?: number;
  kind: LocalKind;
  missionId: string;
  recordId: string;
  op: OutboxOp;
  /** create/update: every editable field as typed (a PATCH sends them all). */
  fields?: Fields;
  attempts: number;
  /** Not sent again before this time (ms): the back-off after a failure. */
  nextAttemptAt: number;
  /** Waiting for the person: a conflict to settle, or a refusal to read. */
  blocked?: 'conflict' | 'error';
  error?: string;
}

/** What the tablet keeps of a mission to show it offline (its title, client and sites). */
export interface MissionSnapshot {
  id: string;
  number?: number;
  title: string;
  accountName?: string;
  status?: string;
  sites: { siteId: string; siteName: string; city: string | null }[];
}

/** The local copy (IndexedDB in the browser): every call is one transaction. */
export interface CaptureStore {
  getRecord(kind: LocalKind, id: string): Promise<LocalRecord | undefined>;
  putRecord(record: LocalRecord): Promise<void>;
  deleteRecord(kind: LocalKind, id: string): Promise<void>;
  listRecords(missionId: string): Promise<LocalRecord[]>;
  /** Adds a change at the end of the queue; answers its `seq`. */
  enqueue(entry: OutboxEntry): Promise<number>;
  /** The queue in the order the changes were made. */
  outbox(): Promise<OutboxEntry[]>;
  updateEntry(entry: OutboxEntry): Promise<void>;
  removeEntry(seq: number): Promise<void>;
  putFile(id: string, file: { bytes: ArrayBuffer; type: string; name: string }): Promise<void>;
  getFile(id: string): Promise<{ bytes: ArrayBuffer; type: string; name: string } | undefined>;
  deleteFile(id: string): Promise<void>;
  putMission(mission: MissionSnapshot): Promise<void>;
  getMission(id: string): Promise<MissionSnapshot | undefined>;
}

/** A server row as the API answers it (`version` and the kind's fields). */
export type ServerRow = { id: string; version: number; masked?: boolean } & Record<string, unknown>;

/** How the engine reaches the API; a failure throws `{ status, problem }` (the UI's ApiError; status 0: no network). */
export interface CaptureTransport {
  create(kind: LocalKind, missionId: string, id: string, fields: Fields, file?: { bytes: ArrayBuffer; type: string; name: string }): Promise<ServerRow>;
  update(kind: LocalKind, missionId: string, id: string, fields: Fields, version: number): Promise<ServerRow>;
  remove(kind: LocalKind, missionId: string, id: string): Promise<void>;
  /** The row in clear (`GET …/{kind}/{id}`). */
  detail(kind: LocalKind, missionId: string, id: string): Promise<ServerRow>;
  /** The mission's rows of a kind (masked). */
  list(kind: LocalKind, missionId: string): Promise<ServerRow[]>;
}

export interface TransportFailure {
  status: number;
  problem?: Record<string, unknown> & { detail?: string; title?: string };
}

export function isTransportFailure(e: unknown): e is TransportFailure {
  return typeof e === 'object' && e !== null && typeof (e as { status?: unknown }).status === 'number';
}
