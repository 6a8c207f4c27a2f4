import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ensurePythonTool, locatePythonTool, type PythonTool } from './python-tools';
import { freePort, waitForPort } from './ports';
import { toolsDir } from './temporal-binaries';

/**
 * moto's server (`moto[server]` from PyPI, pinned, in its own virtual environment under
 * .relais/tools): a loopback server speaking S3's wire protocol (signatures, multipart uploads,
 * listings), the fake vendor of the S3-compatible backup store's tests. scripts/install-tools.ts
 * (pretest) installs it.
 */
export const MOTO_VERSION = '5.2.5';

const MOTO: PythonTool = {
  name: 'moto', version: MOTO_VERSION, extras: ['server'], executable: 'python',
  // The server's own imports (flask, werkzeug) prove the extra is there.
  versionArgs: ['-c', 'import moto, moto.server, flask_cors; print(moto.__version__)'],
};

export function locateMoto(tools = toolsDir()): string | undefined {
  return locatePythonTool(MOTO, tools);
}

export function ensureMoto(tools = toolsDir(), log: (m: string) => void = console.log): string {
  return ensurePythonTool(MOTO, tools, log);
}

export interface MotoServer {
  /** `http://127.0.0.1:<port>`: the S3 endpoint. */
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/** Where `npm run install-tools` (pretest) puts it: the project's own tools, whatever the test run's data directory. */
const PROJECT_TOOLS = toolsDir(path.resolve(__dirname, '..', '..', '.relais'));

/** Starts moto's server on a free loopback port (its state in memory: gone when it stops). */
export async function startMotoServer(port?: number, tools = PROJECT_TOOLS): Promise<MotoServer> {
  const python = ensureMoto(tools);
  const chosen = port ?? await freePort();
  const child: ChildProcess = spawn(path.join(path.dirname(python), 'moto_server'), ['-H', '127.0.0.1', '-p', String(chosen)], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitForPort(chosen, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`moto's server did not start on port ${chosen}: ${(error as Error).message}`);
  }
  return {
    endpoint: `http://127.0.0.1:${chosen}`, port: chosen,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
