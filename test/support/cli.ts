import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Express } from 'express';
import { ROOT } from './paths';

/** The launcher package.json's "bin" points at: tests run exactly what `npx relais` runs. */
export const RELAIS_BIN = path.join(ROOT, 'cli', 'bin', 'relais.mjs');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (for --json runs). */
  json<T = any>(): T; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export interface CliOptions {
  /** RELAIS_CONFIG_DIR: one per user of a test, so that each keeps their own session. */
  configDir: string;
  env?: Record<string, string | undefined>;
  /** Written to stdin, which is then closed (stdin is never a terminal here). */
  input?: string;
  timeoutMs?: number;
}

/** Runs the real `relais` binary as a child process and collects its output and exit code. */
export function runCli(args: string[], options: CliOptions): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, RELAIS_CONFIG_DIR: options.configDir, SENTRY_DSN: '', RELAIS_DEBUG: '', RELAIS_PASSWORD: '', RELAIS_URL: '', RELAIS_LANG: 'fr' };
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const child = spawn(process.execPath, [RELAIS_BIN, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
  child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
  child.stdin.end(options.input ?? '');
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`relais ${args.join(' ')} did not finish within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({
        code, stdout, stderr,
        json: () => {
          try {
            return JSON.parse(stdout);
          } catch {
            throw new Error(`relais ${args.join(' ')} printed no JSON (exit ${code}):\n${stdout}\n${stderr}`);
          }
        },
      });
    });
  });
}

/** A user at their own terminal: a config directory of their own, and a shortcut to run commands as them. */
export function cliUser(root: string, name: string, env: Record<string, string | undefined> = {}) {
  const configDir = path.join(root, name);
  fs.mkdirSync(configDir, { recursive: true });
  return {
    configDir,
    credentialsFile: path.join(configDir, 'credentials.json'),
    run: (args: string[], extra: Omit<CliOptions, 'configDir'> = {}) => runCli(args, { ...extra, configDir, env: { ...env, ...extra.env } }),
  };
}

/** The app listening on a loopback port, as the CLI needs a real server to talk to. */
export async function listen(app: Express): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A stack trace line ("    at fn (file.ts:1:2)"), which the CLI must never print. */
export const STACK_LINE = /\n\s+at .+[(:]\d+/;
