import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../scripts/services/ports';
import { ROOT } from './paths';

export interface ApiProcess {
  child: ChildProcess;
  base: string;
  exited: Promise<void>;
}

/**
 * The real API entrypoint (api/server.ts) as its own process, so a test can
 * kill it with SIGKILL. `env` adds to the test's environment; `port` keeps
 * the address of an earlier one. Resolves once it answers HTTP.
 */
export async function spawnApi(env: Record<string, string> = {}, port?: number): Promise<ApiProcess> {
  const listen = port ?? await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(listen) }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => { output += c.toString(); });
  child.stderr!.on('data', (c: Buffer) => { output += c.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${listen}`;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the API exited early (${child.exitCode ?? child.signalCode}): ${output.slice(-2000)}`);
    const answered = await fetch(`${base}/api/v1/openapi.json`).then(() => true, () => false);
    if (answered) return { child, base, exited };
    await new Promise((r) => setTimeout(r, 200));
  }
}
