import { ensurePythonTool, locatePythonTool, PythonToolMissingError, type PythonTool } from './python-tools';
import { toolsDir } from './temporal-binaries';

/**
 * Schemathesis, the OpenAPI fuzzer of test/integration/openapi-fuzz.test.ts,
 * from PyPI at a pinned version, in a virtual environment of its own under the
 * project's tools (.relais/tools/schemathesis-<version>) so that it never
 * touches the machine's Python packages. scripts/install-tools.ts (pretest)
 * installs it; a clean machine needs only `python3` with `venv`.
 */
export const SCHEMATHESIS_VERSION = '4.32.5';

export { PythonToolMissingError as SchemathesisMissingError };

const SCHEMATHESIS: PythonTool = { name: 'schemathesis', version: SCHEMATHESIS_VERSION, executable: 'st', versionArgs: ['--version'] };

/** The `st` command of the pinned version, or undefined when it is not installed. */
export function locateSchemathesis(tools = toolsDir()): string | undefined {
  return locatePythonTool(SCHEMATHESIS, tools);
}

/** Finds `st`, installing the pinned version into its virtual environment when it is missing. */
export function ensureSchemathesis(tools = toolsDir(), log: (m: string) => void = console.log): string {
  return ensurePythonTool(SCHEMATHESIS, tools, log);
}
