import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { newDeviceKey, sealerFor, type Sealed, type Sealer } from './crypto';
import type { CaptureStore, LocalKind, LocalRecord, MissionSnapshot, OutboxEntry } from './types';

/**
 * The capture's local copy in IndexedDB (through `idb`), one database per person and organisation
 * (`relais-capture:<tenant id>:<user id>`). Only keys and the mission's id are in clear; every value
 * (records, queued changes, files, the mission's title and sites) is sealed with the device key.
 */
interface CaptureDb extends DBSchema {
  meta: { key: string; value: CryptoKey };
  records: { key: string; value: { key: string; missionId: string; sealed: Sealed }; indexes: { missionId: string } };
  outbox: { key: number; value: { seq?: number; sealed: Sealed } };
  files: { key: string; value: { sealed: Sealed; meta: Sealed } };
  missions: { key: string; value: { id: string; sealed: Sealed } };
}

export const CAPTURE_DB_PREFIX = 'relais-capture:';

export interface ClosableCaptureStore extends CaptureStore {
  close(): void;
}

const recordKey = (kind: LocalKind, id: string) => `${kind}:${id}`;

export async function openCaptureStore(name: string): Promise<ClosableCaptureStore> {
  const db: IDBPDatabase<CaptureDb> = await openDB<CaptureDb>(name, 1, {
    upgrade(database) {
      database.createObjectStore('meta');
      database.createObjectStore('records', { keyPath: 'key' }).createIndex('missionId', 'missionId');
      database.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      database.createObjectStore('files');
      database.createObjectStore('missions', { keyPath: 'id' });
    },
  });
  let key = await db.get('meta', 'key');
  if (!key) {
    key = await newDeviceKey();
    await db.put('meta', key, 'key');
  }
  const sealer: Sealer = sealerFor(key);

  return {
    async getRecord(kind, id) {
      const row = await db.get('records', recordKey(kind, id));
      return row ? sealer.open<LocalRecord>(row.sealed) : undefined;
    },
    async putRecord(record) {
      const sealed = await sealer.seal(record);
      await db.put('records', { key: recordKey(record.kind, record.id), missionId: record.missionId, sealed });
    },
    async deleteRecord(kind, id) {
      await db.delete('records', recordKey(kind, id));
    },
    async listRecords(missionId) {
      const rows = await db.getAllFromIndex('records', 'missionId', missionId);
      return Promise.all(rows.map((row) => sealer.open<LocalRecord>(row.sealed)));
    },
    async enqueue(entry) {
      const { seq: _seq, ...rest } = entry;
      return db.add('outbox', { sealed: await sealer.seal(rest) }) as Promise<number>;
    },
    async outbox() {
      const rows = await db.getAll('outbox');
      return Promise.all(rows.map(async (row) => ({ ...(await sealer.open<OutboxEntry>(row.sealed)), seq: row.seq })));
    },
    async updateEntry(entry) {
      const { seq, ...rest } = entry;
      // Only an entry still queued: one a concurrent pass sent meanwhile stays sent.
      const sealed = await sealer.seal(rest);
      // Sealed before the transaction: awaiting anything else would let IndexedDB commit it early.
      const tx = db.transaction('outbox', 'readwrite');
      if (await tx.store.get(seq!)) await tx.store.put({ seq, sealed });
      await tx.done;
    },
    async removeEntry(seq) {
      await db.delete('outbox', seq);
    },
    async putFile(id, file) {
      const [sealed, meta] = await Promise.all([sealer.sealBytes(file.bytes), sealer.seal({ type: file.type, name: file.name })]);
      await db.put('files', { sealed, meta }, id);
    },
    async getFile(id) {
      const row = await db.get('files', id);
      if (!row) return undefined;
      const meta = await sealer.open<{ type: string; name: string }>(row.meta);
      return { ...meta, bytes: await sealer.openBytes(row.sealed) };
    },
    async deleteFile(id) {
      await db.delete('files', id);
    },
    async putMission(mission) {
      await db.put('missions', { id: mission.id, sealed: await sealer.seal(mission) });
    },
    async getMission(id) {
      const row = await db.get('missions', id);
      return row ? sealer.open<MissionSnapshot>(row.sealed) : undefined;
    },
    close: () => db.close(),
  };
}

/** Destroys a person's local copy and its key (sign-out). */
export function destroyCaptureStore(name: string): Promise<void> {
  return deleteDB(name, { blocked: () => undefined });
}
