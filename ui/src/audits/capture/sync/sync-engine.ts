import { backoffDelay, isTransient } from './backoff';
import { fromRow } from './kinds';
import {
  isTransportFailure, type CaptureStore, type CaptureTransport, type Fields, type LocalKind, type LocalRecord, type OutboxEntry, type ServerRow,
} from './types';

/** What a pass over the queue ended with. */
export interface FlushResult {
  /** Changes the server accepted in this pass. */
  sent: number;
  /** Changes still queued (waiting, blocked by a conflict or an error). */
  pending: number;
  conflicts: number;
  errors: number;
  /** The network or the server failed: the queue waits until `retryAt`. */
  offline: boolean;
  retryAt: number | null;
}

export type ConflictChoice = 'mine' | 'theirs' | { fields: Fields };

const keyOf = (kind: LocalKind, id: string) => `${kind}:${id}`;

/**
 * The offline capture's write path and sync loop (ADR 0036). Every change is written to the local
 * copy and appended to the outbox first; `flush` sends the outbox in order. Creations carry the
 * client's id, so a creation sent twice (a lost answer) answers the same row: retries never
 * duplicate. An update names the version it is based on; a 412 keeps the change and asks the person
 * (`resolve`). A failure of the network or the server stops the pass and backs off; a refusal
 * (4xx) blocks that record's changes only, with the server's message.
 */
export class SyncEngine {
  private running: Promise<FlushResult> | null = null;

  constructor(
    private readonly store: CaptureStore,
    private readonly transport: CaptureTransport,
    private readonly now: () => number = Date.now,
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  /** Creates (no `id`) or changes a record here and queues it; answers the record. */
  async save(kind: LocalKind, missionId: string, fields: Fields, id?: string, file?: { bytes: ArrayBuffer; type: string; name: string }): Promise<LocalRecord> {
    const existing = id ? await this.store.getRecord(kind, id) : undefined;
    if (existing?.masked) throw new Error('masked record: read its detail before editing it');
    const recordId = existing?.id ?? id ?? this.newId();
    if (file) await this.store.putFile(recordId, file);
    const record: LocalRecord = {
      kind, id: recordId, missionId, fields: { ...existing?.fields, ...fields }, version: existing?.version ?? null,
      state: existing?.state === 'conflict' ? 'conflict' : 'pending', theirs: existing?.theirs, changedAt: this.now(),
    };
    await this.store.putRecord(record);
    const queued = (await this.store.outbox()).some((e) => e.kind === kind && e.recordId === recordId);
    // Every change is its own entry, in order: a creation being sent is never changed under the sender's feet.
    await this.store.enqueue({
      kind, missionId, recordId, op: existing && (existing.version !== null || queued) ? 'update' : 'create', fields: record.fields, attempts: 0, nextAttemptAt: 0,
    });
    return record;
  }

  /** Removes a record here and queues its deletion (a record never sent is simply forgotten). */
  async remove(kind: LocalKind, id: string): Promise<void> {
    const record = await this.store.getRecord(kind, id);
    if (!record) return;
    const queued = (await this.store.outbox()).filter((e) => e.kind === kind && e.recordId === id);
    if (record.version === null && !this.running && queued.every((e) => e.attempts === 0)) {
      for (const entry of queued) await this.store.removeEntry(entry.seq!);
      await this.store.deleteRecord(kind, id);
      await this.store.deleteFile(id);
      return;
    }
    await this.store.putRecord({ ...record, deleted: true, state: 'pending', changedAt: this.now() });
    await this.store.enqueue({ kind, missionId: record.missionId, recordId: id, op: 'delete', attempts: 0, nextAttemptAt: 0 });
  }

  /** Sends what is due now; one pass at a time (a second call shares the running pass). */
  flush(): Promise<FlushResult> {
    this.running ??= this.pass().finally(() => { this.running = null; });
    return this.running;
  }

  /** The network came back: what waited for its back-off is due now. */
  async retryNow(): Promise<FlushResult> {
    for (const entry of await this.store.outbox()) {
      if (!entry.blocked && entry.nextAttemptAt > 0) await this.store.updateEntry({ ...entry, nextAttemptAt: 0 });
    }
    return this.flush();
  }

  private async pass(): Promise<FlushResult> {
    const result: FlushResult = { sent: 0, pending: 0, conflicts: 0, errors: 0, offline: false, retryAt: null };
    const stopped = new Set<string>();
    for (const entry of await this.store.outbox()) {
      const key = keyOf(entry.kind, entry.recordId);
      if (entry.blocked) {
        stopped.add(key);
        if (entry.blocked === 'conflict') result.conflicts++; else result.errors++;
        continue;
      }
      // The queue keeps its order: once a change waits, every later one waits too.
      if (result.offline || stopped.has(key) || entry.nextAttemptAt > this.now()) {
        if (!result.offline && !stopped.has(key)) { result.offline = true; result.retryAt = entry.nextAttemptAt; }
        continue;
      }
      const outcome = await this.send(entry);
      if (outcome === 'sent') result.sent++;
      else if (outcome === 'retry') { result.offline = true; result.retryAt = this.now() + backoffDelay(entry.attempts + 1); }
      else { stopped.add(key); if (outcome === 'conflict') result.conflicts++; else result.errors++; }
    }
    result.pending = (await this.store.outbox()).length;
    return result;
  }

  private async send(entry: OutboxEntry): Promise<'sent' | 'retry' | 'conflict' | 'error'> {
    const record = await this.store.getRecord(entry.kind, entry.recordId);
    try {
      let row: ServerRow | null = null;
      if (entry.op === 'create') {
        const file = entry.kind === 'uploads' ? await this.store.getFile(entry.recordId) : undefined;
        row = await this.createOnce(entry, file);
      } else if (entry.op === 'update') {
        row = await this.transport.update(entry.kind, entry.missionId, entry.recordId, entry.fields ?? {}, record?.version ?? 0);
      } else {
        await this.transport.remove(entry.kind, entry.missionId, entry.recordId).catch((e: unknown) => {
          if (!(isTransportFailure(e) && e.status === 404)) throw e;
        });
      }
      await this.store.removeEntry(entry.seq!);
      await this.afterSent(entry, record, row);
      return 'sent';
    } catch (e) {
      const status = isTransportFailure(e) ? e.status : 0;
      if (isTransient(status)) {
        const attempts = entry.attempts + 1;
        await this.store.updateEntry({ ...entry, attempts, nextAttemptAt: this.now() + backoffDelay(attempts), error: undefined });
        return 'retry';
      }
      const problem = isTransportFailure(e) ? e.problem : undefined;
      const current = problem?.current as ServerRow | undefined;
      if (status === 412 && entry.op === 'update' && current && record) {
        await this.store.updateEntry({ ...entry, blocked: 'conflict' });
        await this.store.putRecord({ ...record, state: 'conflict', theirs: { fields: fromRow(entry.kind, current), version: current.version } });
        return 'conflict';
      }
      const message = problem?.detail ?? problem?.title ?? `HTTP ${status}`;
      await this.store.updateEntry({ ...entry, blocked: 'error', error: message });
      if (record) await this.store.putRecord({ ...record, state: 'error', error: message });
      return 'error';
    }
  }

  /**
   * A creation: the same id again answers the row already written (200). A 409 says the server
   * holds that id with other content: our own creation arrived earlier and was changed since; the
   * row in clear gives its version, and the queued updates follow from it.
   */
  private async createOnce(entry: OutboxEntry, file?: { bytes: ArrayBuffer; type: string; name: string }): Promise<ServerRow> {
    try {
      return await this.transport.create(entry.kind, entry.missionId, entry.recordId, entry.fields ?? {}, file);
    } catch (e) {
      if (isTransportFailure(e) && e.status === 409) return this.transport.detail(entry.kind, entry.missionId, entry.recordId);
      throw e;
    }
  }

  private async afterSent(entry: OutboxEntry, record: LocalRecord | undefined, row: ServerRow | null): Promise<void> {
    if (!record) return;
    const left = (await this.store.outbox()).some((e) => e.kind === entry.kind && e.recordId === entry.recordId);
    if (entry.op === 'delete') {
      if (!left) { await this.store.deleteRecord(entry.kind, entry.recordId); await this.store.deleteFile(entry.recordId); }
      return;
    }
    const latest = (await this.store.getRecord(entry.kind, entry.recordId)) ?? record;
    const extra: Fields = entry.kind === 'findings' && row && typeof row.severity === 'string' ? { severity: row.severity } : {};
    await this.store.putRecord({
      ...latest, version: row?.version ?? latest.version, state: left ? latest.state : 'synced', error: undefined,
      fields: { ...latest.fields, ...extra },
    });
  }

  /**
   * Settles a conflict: keep mine (sent again over their version), keep theirs (my queued changes
   * dropped), or the fields chosen one by one (sent over their version).
   */
  async resolve(kind: LocalKind, id: string, choice: ConflictChoice): Promise<FlushResult> {
    const record = await this.store.getRecord(kind, id);
    if (!record?.theirs) return this.flush();
    const queued = (await this.store.outbox()).filter((e) => e.kind === kind && e.recordId === id);
    for (const entry of queued) await this.store.removeEntry(entry.seq!);
    const { theirs } = record;
    if (choice === 'theirs') {
      await this.store.putRecord({ ...record, fields: { ...record.fields, ...theirs.fields }, version: theirs.version, state: 'synced', theirs: undefined, changedAt: this.now() });
      return this.flush();
    }
    const fields = choice === 'mine' ? record.fields : { ...record.fields, ...choice.fields };
    await this.store.putRecord({ ...record, fields, version: theirs.version, state: 'pending', theirs: undefined, changedAt: this.now() });
    await this.store.enqueue({ kind, missionId: record.missionId, recordId: id, op: 'update', fields, attempts: 0, nextAttemptAt: 0 });
    return this.flush();
  }

  /** Sends again the changes of a record the server refused (after the person corrected it). */
  async retry(kind: LocalKind, id: string): Promise<FlushResult> {
    for (const entry of (await this.store.outbox()).filter((e) => e.kind === kind && e.recordId === id && e.blocked === 'error')) {
      await this.store.updateEntry({ ...entry, blocked: undefined, error: undefined, attempts: 0, nextAttemptAt: 0 });
    }
    const record = await this.store.getRecord(kind, id);
    if (record?.state === 'error') await this.store.putRecord({ ...record, state: 'pending', error: undefined });
    return this.flush();
  }

  /** Drops a change the server refused (the record goes back to the server's copy at the next pull). */
  async discard(kind: LocalKind, id: string): Promise<void> {
    const record = await this.store.getRecord(kind, id);
    for (const entry of (await this.store.outbox()).filter((e) => e.kind === kind && e.recordId === id)) await this.store.removeEntry(entry.seq!);
    if (record && record.version === null) { await this.store.deleteRecord(kind, id); await this.store.deleteFile(id); }
    else if (record) await this.store.putRecord({ ...record, state: 'synced', error: undefined });
  }

  /**
   * Brings the server's rows of a mission here: new ones (masked, from the list), and the ones
   * changed by someone else (in clear, from their detail) unless changes of mine wait for them.
   * Records synced here and gone from the server are forgotten.
   */
  async pull(missionId: string, kinds: readonly LocalKind[]): Promise<void> {
    const local = await this.store.listRecords(missionId);
    for (const kind of kinds) {
      const rows = await this.transport.list(kind, missionId);
      const seen = new Set(rows.map((r) => r.id));
      for (const row of rows) {
        const mine = local.find((r) => r.kind === kind && r.id === row.id);
        if (mine && (mine.state !== 'synced' || (mine.version ?? 0) >= row.version)) continue;
        const clear = mine && !mine.masked ? await this.transport.detail(kind, missionId, row.id) : row;
        await this.store.putRecord({
          kind, id: row.id, missionId, fields: fromRow(kind, clear), version: clear.version, state: 'synced',
          masked: clear.masked === true, changedAt: mine?.changedAt ?? (Date.parse(String(row.createdAt ?? '')) || 0),
        });
      }
      for (const gone of local.filter((r) => r.kind === kind && r.state === 'synced' && r.version !== null && !seen.has(r.id))) {
        await this.store.deleteRecord(kind, gone.id);
      }
    }
  }

  /** The record in clear from the server (to edit a masked one), kept here. */
  async unmask(kind: LocalKind, missionId: string, id: string): Promise<LocalRecord> {
    const row = await this.transport.detail(kind, missionId, id);
    const existing = await this.store.getRecord(kind, id);
    const record: LocalRecord = { kind, id, missionId, fields: fromRow(kind, row), version: row.version, state: 'synced', changedAt: existing?.changedAt ?? this.now() };
    await this.store.putRecord(record);
    return record;
  }
}
