import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DomainError } from '../../errors';
import type { UnzipLimits } from './unzip-bounded';
import type { XlsxRead, XlsxReadOptions } from './xlsx-cells';
import { coreMessage } from '../../i18n/core.messages';

/**
 * Every uploaded workbook is read here: in a worker thread with a memory cap
 * and a time limit, one at a time per process, the archive unpacked within
 * limits on the bytes really inflated (unzip-bounded.ts). A zip bomb, or a
 * parser that runs away on a crafted file, costs the worker, never the API:
 * the answer is a 413/422 saying why, and nothing is written.
 */
export const XLSX_UNZIP_LIMITS: UnzipLimits = {
  maxUnpackedBytes: 100 * 1024 * 1024,
  maxEntries: 10_000,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};
/** Old-generation heap of the reading worker. */
export const XLSX_WORKER_HEAP_MB = 768;
export const XLSX_READ_TIMEOUT_MS = 120_000;

export interface XlsxWorkerLimits {
  heapMb: number;
  timeoutMs: number;
}

const MB = 1024 * 1024;

/** Not a workbook (not a zip, damaged, encrypted): the caller says what it expected. */
export class UnreadableWorkbookError extends Error {
  /** not-a-zip: damaged or truncated archive; not-a-workbook: a zip exceljs cannot read as a workbook. */
  constructor(readonly kind: 'not-a-zip' | 'not-a-workbook', message: string) {
    super(message);
    this.name = 'UnreadableWorkbookError';
  }
}

export class WorkbookRefusedError extends DomainError {}

function refusedFor(limit: string | undefined, limits: UnzipLimits): WorkbookRefusedError {
  if (limit === 'entries') {
    return new WorkbookRefusedError(coreMessage('workbook.too-many-entries', { max: limits.maxEntries }), 422, 'archive-refused');
  }
  if (limit === 'ratio') {
    return new WorkbookRefusedError(coreMessage('workbook.compression', { ratio: limits.maxRatio }), 422, 'archive-refused');
  }
  return new WorkbookRefusedError(coreMessage('workbook.unpacked-too-large', { megabytes: Math.round(limits.maxUnpackedBytes / MB) }), 413, 'unpacked-too-large');
}

/**
 * Dates cloned from the worker are built in the main realm; code running in
 * another realm (a vm context, as under Jest) would not see them as its
 * Date. Rebuilt here, where the caller reads them.
 */
function localDate(value: unknown, depth = 0): unknown {
  if (Object.prototype.toString.call(value) === '[object Date]') return new Date((value as Date).getTime());
  if (depth < 3 && value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) (value as Record<string, unknown>)[k] = localDate(v, depth + 1);
  }
  return value;
}

function withLocalDates(read: XlsxRead): XlsxRead {
  if (read.kind === 'sheets') for (const sheet of read.sheets) for (const row of sheet.rows ?? []) for (const cell of row.cells) cell.value = localDate(cell.value);
  return read;
}

let queue: Promise<unknown> = Promise.resolve();

/** One workbook read at a time per process: each worker may take its whole heap cap. */
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

export function readXlsx(buffer: Buffer, options: XlsxReadOptions, worker: XlsxWorkerLimits = { heapMb: XLSX_WORKER_HEAP_MB, timeoutMs: XLSX_READ_TIMEOUT_MS }): Promise<XlsxRead> {
  return oneAtATime(() => readInWorker(buffer, options, worker));
}

function readInWorker(buffer: Buffer, options: XlsxReadOptions, limits: XlsxWorkerLimits): Promise<XlsxRead> {
  return new Promise((resolve, reject) => {
    const bytes = new Uint8Array(buffer);
    const worker = new Worker(path.join(__dirname, 'xlsx-worker.cjs'), {
      workerData: { bytes, options },
      transferList: [bytes.buffer],
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 },
      // The worker loads TypeScript through tsx itself: no loader flags from the parent.
      execArgv: [],
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(() => reject(new WorkbookRefusedError(
      `La lecture du classeur a pris trop de temps (${Math.round(limits.timeoutMs / 1000)} s au maximum) : divisez-le en plusieurs classeurs.`, 422, 'archive-refused'))), limits.timeoutMs);
    worker.on('message', (msg: { ok: true; result: XlsxRead } | { ok: false; error: { name: string; limit?: string; message: string } }) => settle(() => {
      if (msg.ok) return resolve(withLocalDates(msg.result));
      const { name, limit, message } = msg.error;
      if (name === 'UnzipLimitError') return reject(refusedFor(limit, options.limits));
      if (name === 'UnreadableZipError') return reject(new UnreadableWorkbookError('not-a-zip', message));
      if (name === 'NotAWorkbookError') return reject(new UnreadableWorkbookError('not-a-workbook', message));
      reject(new Error(`Reading the workbook failed: ${message}`));
    }));
    worker.on('error', (err: Error & { code?: string }) => settle(() => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        reject(new WorkbookRefusedError(coreMessage('workbook.too-much-memory', { megabytes: limits.heapMb }), 413, 'unpacked-too-large'));
      } else reject(err);
    }));
    worker.on('exit', (code) => settle(() => reject(new Error(`The workbook reader stopped (exit code ${code}) before answering.`))));
  });
}
