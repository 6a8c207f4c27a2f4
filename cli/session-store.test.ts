import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configDir, SessionStore, type Session } from './session-store';

describe('the session store', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-cli-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const session: Session = { url: 'http://localhost:3000', accessToken: 'a.b.c', refreshToken: 't.r', email: 'sales@epic-events.demo', tenant: 'epic-events', userId: 'u1' };

  it('lives in the platform\'s user configuration directory unless RELAIS_CONFIG_DIR says otherwise', () => {
    expect(configDir({ RELAIS_CONFIG_DIR: '/tmp/x' }, 'linux', '/home/jo')).toBe('/tmp/x');
    expect(configDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/jo')).toBe(path.join('/cfg', 'relais'));
    expect(configDir({}, 'linux', '/home/jo')).toBe(path.join('/home/jo', '.config', 'relais'));
    expect(configDir({}, 'darwin', '/Users/jo')).toBe(path.join('/Users/jo', '.config', 'relais'));
    expect(configDir({ APPDATA: 'C:\\Users\\jo\\AppData\\Roaming' }, 'win32', 'C:\\Users\\jo')).toBe(path.join('C:\\Users\\jo\\AppData\\Roaming', 'relais'));
  });

  it('writes the credentials readable by their owner only, and reads them back', () => {
    const store = new SessionStore(path.join(dir, 'nested', 'relais'));
    expect(store.read()).toBeUndefined();
    store.write(session);
    expect(store.read()).toEqual(session);
    if (process.platform !== 'win32') {
      expect(fs.statSync(store.file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(store.dir).mode & 0o777).toBe(0o700);
    }
    store.write({ ...session, accessToken: 'new' });
    expect(store.read()?.accessToken).toBe('new');
    expect(fs.readdirSync(store.dir)).toEqual(['credentials.json']);
    store.clear();
    expect(store.read()).toBeUndefined();
    store.clear();
  });

  it('treats a damaged file as no session rather than crashing', () => {
    const store = new SessionStore(dir);
    fs.writeFileSync(store.file, '{"url": "http://x", "accessTo');
    expect(store.read()).toBeUndefined();
    fs.writeFileSync(store.file, '{"url": 3}');
    expect(store.read()).toBeUndefined();
  });

  it('lets one refresh run at a time, and takes over a lock left by a killed command', async () => {
    const store = new SessionStore(dir);
    const order: string[] = [];
    const slow = store.withLock(async () => {
      order.push('first in');
      await new Promise((r) => setTimeout(r, 150));
      order.push('first out');
    });
    await new Promise((r) => setTimeout(r, 20));
    await store.withLock(async () => { order.push('second'); });
    await slow;
    expect(order).toEqual(['first in', 'first out', 'second']);

    fs.writeFileSync(path.join(dir, 'credentials.lock'), '99999');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(path.join(dir, 'credentials.lock'), old, old);
    await expect(store.withLock(async () => 'taken over', 1_000)).resolves.toBe('taken over');
    expect(fs.existsSync(path.join(dir, 'credentials.lock'))).toBe(false);
  });
});
