import { computed, reactive, shallowRef } from 'vue';
import type { Me } from '@/api/auth.api';
import { i18n } from '@/plugins/i18n';
import { useSessionStore } from '@/stores/session';
import { captureTransport, fetchMissionSnapshot } from './capture.api';
import { CAPTURE_DB_PREFIX, destroyCaptureStore, openCaptureStore, type ClosableCaptureStore } from './sync/idb-store';
import { SyncEngine, type ConflictChoice, type FlushResult } from './sync/sync-engine';
import type { Fields, LocalKind, LocalRecord, MissionSnapshot } from './sync/types';

/**
 * The capture screen's state (ADR 0036): the person's local copy, its sync loop, and what the
 * screen shows (the mission's records read from the local copy, the sync state). One at a time.
 */
const OWNER_KEY = 'relais.capture.owner';
const PULLED: readonly LocalKind[] = ['inventory', 'observations', 'findings', 'uploads'];

export const captureState = reactive({
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  syncing: false,
  pending: 0,
  conflicts: 0,
  errors: 0,
  /** The server could not be reached although the browser says it is online. */
  unreachable: false,
  ready: false,
});
export const captureRecords = shallowRef<LocalRecord[]>([]);
export const captureMission = shallowRef<MissionSnapshot | null>(null);

let store: ClosableCaptureStore | null = null;
let engine: SyncEngine | null = null;
let ownerName: string | null = null;
let missionId: string | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

export type SyncStatus = 'offline' | 'syncing' | 'conflict' | 'error' | 'pending' | 'synced';
export const syncStatus = computed<SyncStatus>(() => {
  if (!captureState.online || captureState.unreachable) return 'offline';
  if (captureState.conflicts > 0) return 'conflict';
  if (captureState.errors > 0) return 'error';
  if (captureState.syncing) return 'syncing';
  return captureState.pending > 0 ? 'pending' : 'synced';
});

async function refresh(): Promise<void> {
  if (!store || !missionId) return;
  const records = await store.listRecords(missionId);
  captureRecords.value = records.filter((r) => !r.deleted).sort((a, b) => b.changedAt - a.changedAt);
  const queue = await store.outbox();
  captureState.pending = queue.length;
  captureState.conflicts = queue.filter((e) => e.blocked === 'conflict').length;
  captureState.errors = queue.filter((e) => e.blocked === 'error').length;
}

function schedule(result: FlushResult): void {
  if (timer) clearTimeout(timer);
  timer = null;
  captureState.unreachable = result.offline && captureState.online;
  if (result.retryAt !== null && captureState.online) timer = setTimeout(() => void sync(), Math.max(0, result.retryAt - Date.now()));
}

/** Sends the queue (after each change, when the network comes back, when a back-off ends). */
export async function sync(retryNow = false): Promise<void> {
  if (!engine) return;
  captureState.syncing = true;
  try {
    const result = await (retryNow ? engine.retryNow() : engine.flush());
    // Changes made during the pass: one more.
    const again = result.offline ? result : await engine.flush();
    schedule(again);
    // Reloaded offline, the page opened without the session: the server answers again, it comes back.
    const session = useSessionStore();
    if (!again.offline && !session.me) void session.loadMe();
  } finally {
    captureState.syncing = false;
    await refresh();
  }
}

async function pullServer(): Promise<void> {
  if (!engine || !store || !missionId || !captureState.online) return;
  try {
    const snapshot = await fetchMissionSnapshot(missionId);
    await store.putMission(snapshot);
    captureMission.value = snapshot;
    await engine.pull(missionId, PULLED);
    await refresh();
  } catch {
    // Offline or refused: the local copy is what there is.
  }
}

function onOnline(): void {
  captureState.online = true;
  void sync(true).then(pullServer);
}
function onOffline(): void {
  captureState.online = false;
}

/**
 * Opens the capture of a mission: the signed-in person's local copy, or (a reload while offline,
 * no session yet) the copy of the last person who captured on this browser.
 */
export async function startCapture(id: string, me: Me | null): Promise<'ready' | 'no-copy'> {
  const owner = me ? `${me.tenant.id}:${me.user.id}` : localStorage.getItem(OWNER_KEY);
  if (!owner) return 'no-copy';
  if (owner !== ownerName) {
    store?.close();
    store = await openCaptureStore(CAPTURE_DB_PREFIX + owner);
    engine = new SyncEngine(store, captureTransport);
    ownerName = owner;
    localStorage.setItem(OWNER_KEY, owner);
  }
  missionId = id;
  captureMission.value = (await store!.getMission(id)) ?? null;
  await refresh();
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  captureState.online = navigator.onLine;
  captureState.ready = true;
  if (captureState.online) {
    await pullServer();
    void sync();
  }
  return 'ready';
}

export function stopCapture(): void {
  window.removeEventListener('online', onOnline);
  window.removeEventListener('offline', onOffline);
  if (timer) clearTimeout(timer);
  timer = null;
  missionId = null;
  captureState.ready = false;
}

/** Saves a record here (a creation without `id`), then tries to send it. */
export async function saveRecord(kind: LocalKind, fields: Fields, id?: string, file?: { bytes: ArrayBuffer; type: string; name: string }): Promise<LocalRecord> {
  const record = await engine!.save(kind, missionId!, fields, id, file);
  await refresh();
  void sync();
  return record;
}

export async function removeRecord(kind: LocalKind, id: string): Promise<void> {
  await engine!.remove(kind, id);
  await refresh();
  void sync();
}

export async function resolveConflict(kind: LocalKind, id: string, choice: ConflictChoice): Promise<void> {
  await engine!.resolve(kind, id, choice);
  await refresh();
  void sync();
}

export async function retryRecord(kind: LocalKind, id: string): Promise<void> {
  await engine!.retry(kind, id);
  await sync();
}

export async function discardRecord(kind: LocalKind, id: string): Promise<void> {
  await engine!.discard(kind, id);
  await refresh();
}

/** A record read masked from a list, in clear from the server (online only), to edit it. */
export async function unmaskRecord(kind: LocalKind, id: string): Promise<LocalRecord> {
  const record = await engine!.unmask(kind, missionId!, id);
  await refresh();
  return record;
}

export async function localFile(id: string): Promise<{ bytes: ArrayBuffer; type: string; name: string } | undefined> {
  return store?.getFile(id);
}

/**
 * Sign-out on a shared tablet: what is still queued is sent if the network allows, then the
 * person's local copy and its key are destroyed (ADR 0036).
 */
export async function forgetCaptureData(me: Me | null): Promise<void> {
  const owner = me ? `${me.tenant.id}:${me.user.id}` : localStorage.getItem(OWNER_KEY);
  if (!owner) return;
  if (ownerName !== owner && localStorage.getItem(OWNER_KEY) !== owner) {
    await destroyCaptureStore(CAPTURE_DB_PREFIX + owner);
    return;
  }
  if (!store || ownerName !== owner) {
    store?.close();
    store = await openCaptureStore(CAPTURE_DB_PREFIX + owner);
    engine = new SyncEngine(store, captureTransport);
    ownerName = owner;
  }
  if (navigator.onLine) await engine!.flush().catch(() => undefined);
  stopCapture();
  store.close();
  store = null;
  engine = null;
  ownerName = null;
  captureRecords.value = [];
  captureMission.value = null;
  localStorage.removeItem(OWNER_KEY);
  await destroyCaptureStore(CAPTURE_DB_PREFIX + owner);
}

/**
 * The sign-out's warning when changes of the person's would be lost: those still queued after one
 * more attempt to send them (offline, in conflict, refused). Null when nothing would be.
 */
export async function signOutWarning(me: Me | null): Promise<string | null> {
  const owner = me ? `${me.tenant.id}:${me.user.id}` : localStorage.getItem(OWNER_KEY);
  if (!owner || owner !== ownerName || !store || !engine) return null;
  if (navigator.onLine) await engine.flush().catch(() => undefined);
  const left = (await store.outbox()).length;
  return left ? i18n.global.t('audits.capture.logoutWarning', left) : null;
}
