/**
 * Loaded into the API and the worker by bench/memory (`--expose-gc --import
 * bench/memory/probe.mjs`), in every thread of each (the Temporal SDK runs the
 * workflows in a worker thread of its own, with its own V8 heap). Plain
 * JavaScript: in Node 20 a worker thread loads its `--import` modules before
 * tsx's loader applies there. It does nothing until bench/memory asks, through
 * a file in BENCH_MEMORY_PROBE_DIR (`command.json`: `{ seq, gc, snapshot }`):
 * it then appends to `<pid>-<thread>.jsonl` that thread's V8 heap (used,
 * total, its limit, external memory, array buffers) and the process's RSS,
 * after a full garbage collection when `gc` is set, and writes a heap snapshot
 * of the thread when `snapshot` is set. What stays after a full collection is
 * what is retained; RSS minus the heaps is native memory (the SDK's Rust
 * core, buffers, compiled code).
 */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { isMainThread, threadId } from 'node:worker_threads';

const dir = process.env.BENCH_MEMORY_PROBE_DIR;
if (dir) {
  const thread = isMainThread ? 'main' : `thread-${threadId}`;
  const out = path.join(dir, `${process.pid}-${thread}.jsonl`);
  const mb = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;
  let last = 0;
  const poll = () => {
    let command;
    try {
      command = JSON.parse(fs.readFileSync(path.join(dir, 'command.json'), 'utf8'));
    } catch {
      return;
    }
    if (command.seq <= last) return;
    last = command.seq;
    const gc = globalThis.gc;
    if (command.gc && gc) { gc(); gc(); }
    const heap = v8.getHeapStatistics();
    const usage = process.memoryUsage();
    const line = {
      seq: command.seq, pid: process.pid, thread, gc: Boolean(command.gc && gc), rssMb: mb(usage.rss),
      heapUsedMb: mb(heap.used_heap_size), heapTotalMb: mb(heap.total_heap_size), heapLimitMb: mb(heap.heap_size_limit),
      externalMb: mb(heap.external_memory), arrayBuffersMb: mb(usage.arrayBuffers),
    };
    if (command.snapshot) line.snapshot = v8.writeHeapSnapshot(path.join(dir, `${process.pid}-${thread}-${command.seq}.heapsnapshot`));
    fs.appendFileSync(out, `${JSON.stringify(line)}\n`);
  };
  setInterval(poll, 500).unref();
}
