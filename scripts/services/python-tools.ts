import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A Python tool from PyPI at a pinned version, in a virtual environment of its own under the project's
 * tools (.relais/tools/<name>-<version>), so that it never touches the machine's Python packages.
 * scripts/install-tools.ts (pretest) installs them; a clean machine needs only `python3` with `venv`.
 */
export interface PythonTool {
  /** PyPI name, also the folder's. */
  name: string;
  version: string;
  /** The executable under the venv's bin/ that proves the install (`st`, `python`). */
  executable: string;
  /** Arguments that make the executable print its version (checked to contain `version`). */
  versionArgs: string[];
  /** pip extras installed with it (`server` for `moto[server]`). */
  extras?: string[];
}

export class PythonToolMissingError extends Error {}

export function venvOf(tool: PythonTool, tools: string): string {
  return path.join(tools, `${tool.name}-${tool.version}`);
}

/** The tool's executable at its pinned version, or undefined when it is not installed. */
export function locatePythonTool(tool: PythonTool, tools: string): string | undefined {
  const executable = path.join(venvOf(tool, tools), 'bin', tool.executable);
  if (!fs.existsSync(executable)) return undefined;
  const version = spawnSync(executable, tool.versionArgs, { encoding: 'utf8' });
  return version.status === 0 && version.stdout.includes(tool.version) ? executable : undefined;
}

/** Finds the tool, installing the pinned version into its virtual environment when it is missing. */
export function ensurePythonTool(tool: PythonTool, tools: string, log: (m: string) => void = console.log): string {
  const found = locatePythonTool(tool, tools);
  if (found) return found;
  const venv = venvOf(tool, tools);
  for (const python of ['python3', 'python']) {
    fs.rmSync(venv, { recursive: true, force: true });
    fs.mkdirSync(tools, { recursive: true });
    log(`Installing ${tool.name} ${tool.version} with ${python} into ${venv} …`);
    const created = spawnSync(python, ['-m', 'venv', venv], { stdio: 'inherit' });
    if (created.error || created.status !== 0) continue;
    const pip = spawnSync(path.join(venv, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check',
      `${tool.name}${tool.extras?.length ? `[${tool.extras.join(',')}]` : ''}==${tool.version}`], { stdio: 'inherit' });
    if (pip.status !== 0) continue;
    const installed = locatePythonTool(tool, tools);
    if (installed) return installed;
  }
  fs.rmSync(venv, { recursive: true, force: true });
  throw new PythonToolMissingError(
    `${tool.name} ${tool.version} could not be installed into ${venv}: it needs python3 with venv and pip ` +
    '(Debian: `apt-get install python3-venv`). Install them, then run the command again.');
}
