import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What `relais login` keeps between commands. Tokens are secrets: the file is readable by its owner only. */
export interface Session {
  url: string;
  accessToken: string;
  refreshToken: string;
  email: string;
  tenant?: string;
  /** For Sentry (the only user attribute reported) and to answer `whoami` offline. */
  userId?: string;
}

/** Where the credentials live: RELAIS_CONFIG_DIR, else the platform's user configuration directory. */
export function configDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (env.RELAIS_CONFIG_DIR) return path.resolve(env.RELAIS_CONFIG_DIR);
  if (platform === 'win32') return path.join(env.APPDATA || path.join(home, 'AppData', 'Roaming'), 'relais');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'relais');
}

export class SessionStore {
  readonly file: string;
  private readonly lockFile: string;

  constructor(readonly dir = configDir()) {
    this.file = path.join(dir, 'credentials.json');
    this.lockFile = path.join(dir, 'credentials.lock');
  }

  /** The stored session, or undefined when nobody is logged in (or the file is unreadable garbage). */
  read(): Session | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    try {
      const value = JSON.parse(text) as Partial<Session>;
      if (typeof value.url !== 'string' || typeof value.accessToken !== 'string' || typeof value.refreshToken !== 'string') return undefined;
      return value as Session;
    } catch {
      return undefined;
    }
  }

  /**
   * Writes through a temporary file renamed into place, so that a crash never
   * leaves half a file, and creates it 0600 so that the tokens are never
   * readable by others, not even for an instant.
   */
  write(session: Session): void {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify(session, null, 2)}\n`, { mode: 0o600 });
    // An existing temporary file keeps its old mode: set it explicitly.
    fs.chmodSync(temp, 0o600);
    fs.renameSync(temp, this.file);
  }

  clear(): void {
    fs.rmSync(this.file, { force: true });
  }

  /**
   * Runs `fn` while holding a lock file. Refresh tokens rotate and a reused one
   * revokes the whole session, so two commands run in parallel by a script must
   * not both refresh with the same token: the second waits, then reads the
   * first one's new tokens.
   */
  async withLock<T>(fn: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        fs.writeFileSync(this.lockFile, String(process.pid), { flag: 'wx', mode: 0o600 });
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        // A lock older than the timeout was left by a command that was killed.
        const age = Date.now() - (fs.statSync(this.lockFile, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
        if (age > timeoutMs || Date.now() > deadline) fs.rmSync(this.lockFile, { force: true });
        else await new Promise((r) => setTimeout(r, 50));
      }
    }
    try {
      return await fn();
    } finally {
      fs.rmSync(this.lockFile, { force: true });
    }
  }
}
