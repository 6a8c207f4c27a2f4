import 'fake-indexeddb/auto';
import { backoffDelay } from '../../ui/src/audits/capture/sync/backoff';
import { destroyCaptureStore, openCaptureStore, type ClosableCaptureStore } from '../../ui/src/audits/capture/sync/idb-store';
import { differingFields, fromRow, toBody } from '../../ui/src/audits/capture/sync/kinds';
import { SyncEngine } from '../../ui/src/audits/capture/sync/sync-engine';
import type { CaptureTransport, Fields, LocalKind, ServerRow } from '../../ui/src/audits/capture/sync/types';

const MISSION = '00000000-0000-4000-8000-000000000001';
const SITE = '00000000-0000-4000-8000-0000000000a1';

/** The capture API as its contract says (domain/audits/capture.schema.ts), in memory, with a network switch. */
class FakeServer implements CaptureTransport {
  rows = new Map<string, ServerRow & { body: string }>();
  online = true;
  calls: string[] = [];
  /** Answers the next calls with these statuses (then normally). */
  failNext: number[] = [];

  private gate(call: string): void {
    this.calls.push(call);
    if (!this.online) throw { status: 0, problem: { title: 'Network error' } };
    const status = this.failNext.shift();
    if (status) throw { status, problem: { title: `HTTP ${status}`, detail: 'Refusé par le serveur' } };
  }

  async create(kind: LocalKind, _missionId: string, id: string, fields: Fields): Promise<ServerRow> {
    this.gate(`POST ${kind}`);
    const body = JSON.stringify(toBody(kind, fields));
    const existing = this.rows.get(id);
    if (existing) {
      if (existing.body !== body) throw { status: 409, problem: { title: 'Conflit' } };
      return existing;
    }
    const row = { id, version: 1, ...toBody(kind, fields), body };
    this.rows.set(id, row);
    return row;
  }

  async update(kind: LocalKind, _missionId: string, id: string, fields: Fields, version: number): Promise<ServerRow> {
    this.gate(`PATCH ${kind} v${version}`);
    const existing = this.rows.get(id)!;
    if (existing.version !== version) throw { status: 412, problem: { title: 'Modifié entre-temps', current: existing } };
    const row = { ...existing, ...toBody(kind, fields), version: existing.version + 1 };
    row.body = JSON.stringify(toBody(kind, fields));
    this.rows.set(id, row);
    return row;
  }

  async remove(kind: LocalKind, _missionId: string, id: string): Promise<void> {
    this.gate(`DELETE ${kind}`);
    this.rows.delete(id);
  }

  async detail(kind: LocalKind, _missionId: string, id: string): Promise<ServerRow> {
    this.gate(`GET ${kind}/id`);
    return this.rows.get(id)!;
  }

  async list(kind: LocalKind): Promise<ServerRow[]> {
    this.gate(`GET ${kind}`);
    return [...this.rows.values()].map((r) => ({ ...r, masked: true }));
  }

  /** Another auditor changes a row on the server. */
  changeAsSomeoneElse(id: string, fields: Record<string, unknown>): void {
    const row = this.rows.get(id)!;
    this.rows.set(id, { ...row, ...fields, version: row.version + 1 });
  }
}

const item = (serial: string): Fields => ({ siteId: SITE, type: 'server', brand: 'Dell', model: 'R740', serial, location: 'Baie 2', networkAddress: '10.0.0.12', owner: null, notes: null });

describe('Offline capture: the forms\' fields as the capture API\'s bodies (domain/audits/capture.schema.ts)', () => {
  it('sends a finding\'s rating as its method says, blanks as null, and reads the row back', () => {
    const base = { siteId: SITE, title: ' SMBv1 activé ', description: '', risk: null, recommendation: 'Désactiver SMBv1' };
    expect(toBody('findings', { ...base, method: 'cvss', cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', likelihood: 3, impact: 4 }, 'id-1')).toEqual({
      id: 'id-1', siteId: SITE, title: 'SMBv1 activé', description: null, risk: null, recommendation: 'Désactiver SMBv1',
      rating: { method: 'cvss', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
    });
    expect(toBody('findings', { ...base, method: 'grid', likelihood: 3, impact: 4 }).rating).toEqual({ method: 'grid', likelihood: 3, impact: 4 });
    expect(toBody('inventory', { siteId: SITE, type: 'printer', serial: '  ', owner: 'M. Riou' })).toEqual({
      siteId: SITE, type: 'printer', brand: null, model: null, serial: null, location: null, networkAddress: null, owner: 'M. Riou', notes: null,
    });
    const row = { id: 'f', version: 2, title: 'SMBv1', severityMethod: 'grid', likelihood: 3, impact: 4, severity: 'critical', cvssVector: null };
    expect(fromRow('findings', row)).toMatchObject({ title: 'SMBv1', method: 'grid', likelihood: 3, impact: 4, severity: 'critical' });
    expect(differingFields('inventory', { location: 'Baie 3', owner: '' }, { location: 'Baie 3 ', owner: null, brand: 'HPE' })).toEqual(['brand']);
  });
});

describe('Offline capture: the outbox and its sync loop (ADR 0036)', () => {
  let store: ClosableCaptureStore;
  let server: FakeServer;
  let clock: number;
  let engine: SyncEngine;
  let n = 0;

  beforeEach(async () => {
    n++;
    store = await openCaptureStore(`relais-capture:test:${n}`);
    server = new FakeServer();
    clock = 1_000_000;
    let ids = 0;
    engine = new SyncEngine(store, server, () => clock, () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`);
  });

  afterEach(async () => {
    store.close();
    await destroyCaptureStore(`relais-capture:test:${n}`);
  });

  it('writes locally first, sends the queue in the order it was made, and ends synced', async () => {
    server.online = false;
    const a = await engine.save('inventory', MISSION, item('SN-1'));
    await engine.save('observations', MISSION, { siteId: SITE, body: 'Salle serveur non fermée à clé', peopleMet: null });
    await engine.save('inventory', MISSION, { serial: 'SN-1b' }, a.id);
    const offline = await engine.flush();
    expect(offline).toMatchObject({ sent: 0, pending: 3, offline: true });
    expect((await store.listRecords(MISSION)).map((r) => r.state)).toEqual(['pending', 'pending']);

    server.online = true;
    const result = await engine.retryNow();
    expect(result).toMatchObject({ sent: 3, pending: 0, offline: false, conflicts: 0 });
    expect(server.calls.filter((c) => !c.startsWith('GET'))).toEqual(['POST inventory', 'POST inventory', 'POST observations', 'PATCH inventory v1']);
    expect(server.rows.get(a.id)).toMatchObject({ serial: 'SN-1b', version: 2 });
    expect(await store.getRecord('inventory', a.id)).toMatchObject({ state: 'synced', version: 2 });
  });

  it('backs off after failures (1 s, 2 s, 4 s… 60 s) and keeps the queue until then', async () => {
    expect([1, 2, 3, 7, 20].map(backoffDelay)).toEqual([1_000, 2_000, 4_000, 60_000, 60_000]);
    server.failNext = [503];
    await engine.save('observations', MISSION, { siteId: SITE, body: 'Pas de MFA sur le VPN', peopleMet: null });
    const first = await engine.flush();
    expect(first).toMatchObject({ sent: 0, pending: 1, offline: true, retryAt: clock + 1_000 });
    // Not due yet: nothing is sent.
    expect(await engine.flush()).toMatchObject({ sent: 0, pending: 1 });
    expect(server.calls).toEqual(['POST observations']);
    clock += 1_000;
    expect(await engine.flush()).toMatchObject({ sent: 1, pending: 0 });
  });

  it('replays a creation whose answer was lost without duplicating it (same client id)', async () => {
    const record = await engine.save('findings', MISSION, { siteId: SITE, title: 'SMBv1 activé', description: null, risk: null, recommendation: null, method: 'grid', cvssVector: null, likelihood: 3, impact: 4 });
    // The server wrote the row, then the answer was lost: the queue still holds the creation.
    await server.create('findings', MISSION, record.id, record.fields);
    server.calls = [];
    expect(await engine.flush()).toMatchObject({ sent: 1, pending: 0 });
    expect(server.calls).toEqual(['POST findings']);
    expect(server.rows.size).toBe(1);
    expect(await store.getRecord('findings', record.id)).toMatchObject({ state: 'synced', version: 1 });
  });

  it('takes a 409 on a replayed creation (changed since) as created, and sends the queued change over its version', async () => {
    const record = await engine.save('inventory', MISSION, item('SN-2'));
    await server.create('inventory', MISSION, record.id, item('SN-other'));
    await engine.save('inventory', MISSION, { location: 'Bureau 12' }, record.id);
    expect(await engine.flush()).toMatchObject({ sent: 2, pending: 0 });
    expect(server.rows.get(record.id)).toMatchObject({ location: 'Bureau 12', serial: 'SN-2', version: 2 });
    expect(server.rows.size).toBe(1);
  });

  it('turns a 412 into a conflict showing mine and theirs, without blocking other records', async () => {
    const record = await engine.save('inventory', MISSION, item('SN-3'));
    await engine.flush();
    server.changeAsSomeoneElse(record.id, { location: 'Local technique', owner: 'M. Riou' });
    await engine.save('inventory', MISSION, { location: 'Baie 3' }, record.id);
    const other = await engine.save('observations', MISSION, { siteId: SITE, body: 'Onduleur en défaut', peopleMet: null });
    const result = await engine.flush();
    expect(result).toMatchObject({ conflicts: 1, pending: 1, sent: 1 });
    expect(server.rows.get(other.id)).toBeDefined();
    const conflicted = await store.getRecord('inventory', record.id);
    expect(conflicted).toMatchObject({ state: 'conflict', fields: { location: 'Baie 3' }, theirs: { version: 2, fields: { location: 'Local technique', owner: 'M. Riou' } } });
    // A later flush does not send it again until the person answers.
    server.calls = [];
    await engine.flush();
    expect(server.calls).toEqual([]);
  });

  it('settles a conflict: keep mine, keep theirs, or field by field', async () => {
    const setUp = async (serial: string) => {
      const r = await engine.save('inventory', MISSION, item(serial));
      await engine.flush();
      server.changeAsSomeoneElse(r.id, { location: 'Local technique', owner: 'M. Riou' });
      await engine.save('inventory', MISSION, { location: 'Baie 3', brand: 'HPE' }, r.id);
      await engine.flush();
      return r.id;
    };
    const mine = await setUp('SN-M');
    expect(await engine.resolve('inventory', mine, 'mine')).toMatchObject({ conflicts: 0, pending: 0 });
    expect(server.rows.get(mine)).toMatchObject({ location: 'Baie 3', brand: 'HPE', owner: null, version: 3 });

    const theirs = await setUp('SN-T');
    await engine.resolve('inventory', theirs, 'theirs');
    expect(server.rows.get(theirs)).toMatchObject({ location: 'Local technique', brand: 'Dell', version: 2 });
    expect(await store.getRecord('inventory', theirs)).toMatchObject({ state: 'synced', version: 2, fields: { location: 'Local technique', owner: 'M. Riou' } });

    const merged = await setUp('SN-F');
    await engine.resolve('inventory', merged, { fields: { location: 'Local technique', owner: 'M. Riou', brand: 'HPE' } });
    expect(server.rows.get(merged)).toMatchObject({ location: 'Local technique', owner: 'M. Riou', brand: 'HPE', version: 3 });
    expect((await store.outbox()).length).toBe(0);
  });

  it('blocks a refused change with the server\'s message, lets it be sent again or dropped', async () => {
    server.failNext = [422];
    const record = await engine.save('observations', MISSION, { siteId: SITE, body: 'x', peopleMet: null });
    expect(await engine.flush()).toMatchObject({ errors: 1, pending: 1 });
    expect(await store.getRecord('observations', record.id)).toMatchObject({ state: 'error', error: 'Refusé par le serveur' });
    expect(await engine.retry('observations', record.id)).toMatchObject({ sent: 1, errors: 0 });

    server.failNext = [422];
    const dropped = await engine.save('observations', MISSION, { siteId: SITE, body: 'y', peopleMet: null });
    await engine.flush();
    await engine.discard('observations', dropped.id);
    expect(await store.getRecord('observations', dropped.id)).toBeUndefined();
    expect((await store.outbox()).length).toBe(0);
  });

  it('keeps the queue and the records across a reopening (a reload), sealed at rest', async () => {
    server.online = false;
    const record = await engine.save('inventory', MISSION, item('SN-SECRET-4821'));
    store.close();
    store = await openCaptureStore(`relais-capture:test:${n}`);
    engine = new SyncEngine(store, server, () => clock);
    expect(await store.getRecord('inventory', record.id)).toMatchObject({ state: 'pending', fields: { serial: 'SN-SECRET-4821' } });
    expect(await store.outbox()).toHaveLength(1);
    // What IndexedDB holds is ciphertext: the serial is nowhere in clear.
    const raw = await new Promise<unknown[]>((resolve) => {
      const open = indexedDB.open(`relais-capture:test:${n}`);
      open.onsuccess = () => { const req = open.result.transaction('records').objectStore('records').getAll(); req.onsuccess = () => { resolve(req.result); open.result.close(); }; };
    });
    expect(JSON.stringify(raw)).not.toContain('SN-SECRET');
    expect(Buffer.from((raw[0] as { sealed: { data: ArrayBuffer } }).sealed.data).toString('latin1')).not.toContain('SN-SECRET');
    server.online = true;
    expect(await engine.flush()).toMatchObject({ sent: 1, pending: 0 });
  });

  it('deletes: a record never sent is forgotten, a sent one is deleted on the server', async () => {
    const never = await engine.save('observations', MISSION, { siteId: SITE, body: 'brouillon', peopleMet: null });
    await engine.remove('observations', never.id);
    expect((await store.outbox()).length).toBe(0);
    const sent = await engine.save('observations', MISSION, { siteId: SITE, body: 'envoyée', peopleMet: null });
    await engine.flush();
    await engine.remove('observations', sent.id);
    await engine.flush();
    expect(server.rows.has(sent.id)).toBe(false);
    expect(await store.listRecords(MISSION)).toEqual([]);
  });

  it('pulls the server\'s rows: new ones masked, ones changed by someone else in clear, mine pending untouched', async () => {
    const mine = await engine.save('inventory', MISSION, item('SN-5'));
    await engine.flush();
    server.changeAsSomeoneElse(mine.id, { location: 'Salle 4' });
    server.rows.set('00000000-0000-4000-8000-0000000000f1', { id: '00000000-0000-4000-8000-0000000000f1', version: 1, siteId: SITE, type: 'printer', serial: '••••21', body: '' });
    await engine.pull(MISSION, ['inventory']);
    expect(await store.getRecord('inventory', mine.id)).toMatchObject({ version: 2, masked: false, fields: { location: 'Salle 4' } });
    expect(await store.getRecord('inventory', '00000000-0000-4000-8000-0000000000f1')).toMatchObject({ masked: true, fields: { serial: '••••21' } });
  });
});
