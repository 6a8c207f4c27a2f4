import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureTemporalBinary } from './temporal-binaries';
import { requireFreePort, waitForPort } from './ports';

export interface TemporalDevServer {
  address: string;
  uiPort: number;
  stop(): Promise<void>;
}

/**
 * Runs `temporal server start-dev`. With `dbFile` its state persists, so a
 * restart finds running workflows where they were.
 */
export async function startTemporalDevServer(opts: {
  port: number; uiPort: number; dbFile?: string; logFile?: string;
}): Promise<TemporalDevServer> {
  const binary = ensureTemporalBinary('temporal');
  await requireFreePort('the Temporal server', opts.port, 'RELAIS_TEMPORAL_PORT');
  await requireFreePort('the Temporal web UI', opts.uiPort, 'RELAIS_TEMPORAL_UI_PORT');
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port),
    '--ui-port', String(opts.uiPort), '--log-level', 'warn'];
  if (opts.dbFile) {
    fs.mkdirSync(path.dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
  } else {
    args.push('--headless');
  }
  const out = opts.logFile ? fs.openSync(opts.logFile, 'a') : 'ignore';
  const child: ChildProcess = spawn(binary, args, { stdio: ['ignore', out, out] });
  let exited = false;
  child.once('exit', () => { exited = true; });
  try {
    await waitForPort(opts.port, 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`The Temporal dev server did not start${opts.logFile ? `; see ${opts.logFile}` : ''}: ${(error as Error).message}`);
  }
  return {
    address: `127.0.0.1:${opts.port}`,
    uiPort: opts.uiPort,
    stop: () => new Promise<void>((resolve) => {
      if (exited) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    }),
  };
}
