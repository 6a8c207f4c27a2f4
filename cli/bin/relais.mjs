#!/usr/bin/env node
/**
 * The `relais` command (package.json "bin"). The client is TypeScript run by
 * tsx, as the rest of Relais: registering tsx in this process (rather than
 * spawning `node --import tsx`) keeps the terminal, signals and exit code the
 * user's own, and saves starting a second Node.
 */
await import('tsx');
const main = await import(new URL('../main.ts', import.meta.url).href);
(main.cli ?? main.default.cli)();
