import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { toolsDir } from './temporal-binaries';

/**
 * Schemathesis, the OpenAPI fuzzer of test/integration/openapi-fuzz.test.ts,
 * from PyPI at a pinned version, in a virtual environment of its own under the
 * project's tools (.relais/tools/schemathesis-<version>) so that it never
 * touches the machine's Python packages. scripts/install-tools.ts (pretest)
 * installs it; a clean machine needs only `python3` with `venv`.
 */
export const SCHEMATHESIS_VERSION = '4.32.5';

export class SchemathesisMissingError extends Error {}

function venvDir(tools: string): string {
  return path.join(tools, `schemathesis-${SCHEMATHESIS_VERSION}`);
}

/** The `st` command of the pinned version, or undefined when it is not installed. */
export function locateSchemathesis(tools = toolsDir()): string | undefined {
  const st = path.join(venvDir(tools), 'bin', 'st');
  if (!fs.existsSync(st)) return undefined;
  const version = spawnSync(st, ['--version'], { encoding: 'utf8' });
  return version.status === 0 && version.stdout.includes(SCHEMATHESIS_VERSION) ? st : undefined;
}

/** Finds `st`, installing the pinned version into its virtual environment when it is missing. */
export function ensureSchemathesis(tools = toolsDir(), log: (m: string) => void = console.log): string {
  const found = locateSchemathesis(tools);
  if (found) return found;
  const venv = venvDir(tools);
  for (const python of ['python3', 'python']) {
    fs.rmSync(venv, { recursive: true, force: true });
    fs.mkdirSync(tools, { recursive: true });
    log(`Installing schemathesis ${SCHEMATHESIS_VERSION} with ${python} into ${venv} …`);
    const created = spawnSync(python, ['-m', 'venv', venv], { stdio: 'inherit' });
    if (created.error || created.status !== 0) continue;
    const pip = spawnSync(path.join(venv, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check',
      `schemathesis==${SCHEMATHESIS_VERSION}`], { stdio: 'inherit' });
    if (pip.status !== 0) continue;
    const installed = locateSchemathesis(tools);
    if (installed) return installed;
  }
  fs.rmSync(venv, { recursive: true, force: true });
  throw new SchemathesisMissingError(
    `schemathesis ${SCHEMATHESIS_VERSION} could not be installed into ${venv}: it needs python3 with venv and pip ` +
    '(Debian: `apt-get install python3-venv`). Install them, then run the command again.');
}
