/**
 * Compares two V8 heap snapshots of the same thread (bench/memory with
 * BENCH_MEMORY_SNAPSHOTS=1): the objects by constructor (or kind of native
 * memory) whose count and size grew the most between them, then, with
 * FOCUS=<name>[,<name>…], what holds the objects of that name in the later
 * snapshot (the retainer's name and the edge's, one level up).
 *
 *   node --max-old-space-size=6000 --import tsx bench/memory/snapshot-diff.ts <earlier.heapsnapshot> <later.heapsnapshot>
 */
import fs from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

interface Group { count: number; size: number }

function load(file: string): Snapshot {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Snapshot;
}

/** A node's label: its type, and its name for objects, closures and native memory (constructor names, mostly). */
function labeller(s: Snapshot): (node: number) => string {
  const fields = s.snapshot.meta.node_fields;
  const width = fields.length;
  const type = fields.indexOf('type');
  const name = fields.indexOf('name');
  const types = s.snapshot.meta.node_types[0];
  return (i: number) => {
    const t = types[s.nodes[i * width + type]!]!;
    const n = s.strings[s.nodes[i * width + name]!]!;
    return t === 'object' || t === 'closure' || t === 'native' ? `${t} ${n.length > 80 ? `${n.slice(0, 80)}…` : n}` : `(${t})`;
  };
}

function groups(s: Snapshot): Map<string, Group> {
  const width = s.snapshot.meta.node_fields.length;
  const size = s.snapshot.meta.node_fields.indexOf('self_size');
  const label = labeller(s);
  const out = new Map<string, Group>();
  for (let i = 0; i < s.nodes.length / width; i++) {
    const key = label(i);
    const g = out.get(key) ?? { count: 0, size: 0 };
    g.count += 1;
    g.size += s.nodes[i * width + size]!;
    out.set(key, g);
  }
  return out;
}

/** For nodes labelled `focus`: who points at them (retainer label and edge name), by count. */
function retainers(s: Snapshot, focus: string): Array<[string, number]> {
  const nodeWidth = s.snapshot.meta.node_fields.length;
  const edgeCount = s.snapshot.meta.node_fields.indexOf('edge_count');
  const edgeFields = s.snapshot.meta.edge_fields;
  const edgeWidth = edgeFields.length;
  const edgeType = edgeFields.indexOf('type');
  const edgeName = edgeFields.indexOf('name_or_index');
  const toNode = edgeFields.indexOf('to_node');
  const edgeTypes = s.snapshot.meta.edge_types[0];
  const label = labeller(s);
  const out = new Map<string, number>();
  let edge = 0;
  for (let i = 0; i < s.nodes.length / nodeWidth; i++) {
    const count = s.nodes[i * nodeWidth + edgeCount]!;
    for (let e = 0; e < count; e++, edge++) {
      const target = s.edges[edge * edgeWidth + toNode]! / nodeWidth;
      if (!label(target).includes(focus)) continue;
      const kind = edgeTypes[s.edges[edge * edgeWidth + edgeType]!]!;
      if (kind === 'weak') continue;
      const raw = s.edges[edge * edgeWidth + edgeName]!;
      const named = kind === 'element' || kind === 'hidden' ? `[${raw}]` : s.strings[raw]!;
      const key = `${label(i)} —${kind} ${named.length > 40 ? `${named.slice(0, 40)}…` : named}→`;
      out.set(key, (out.get(key) ?? 0) + 1);
    }
  }
  return [...out].sort((a, b) => b[1] - a[1]).slice(0, 15);
}

const [earlierFile, laterFile] = process.argv.slice(2);
if (!earlierFile || !laterFile) throw new Error('Usage: snapshot-diff.ts <earlier.heapsnapshot> <later.heapsnapshot>');
const earlier = groups(load(earlierFile));
const laterSnapshot = load(laterFile);
const later = groups(laterSnapshot);
const total = (m: Map<string, Group>) => [...m.values()].reduce((a, g) => ({ count: a.count + g.count, size: a.size + g.size }), { count: 0, size: 0 });
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const [a, b] = [total(earlier), total(later)];
process.stdout.write(`earlier: ${a.count} objects, ${mb(a.size)}; later: ${b.count} objects, ${mb(b.size)} (${mb(b.size - a.size)} more)\n\nGrew the most (size, count):\n`);
const growth = [...later].map(([key, g]) => {
  const before = earlier.get(key) ?? { count: 0, size: 0 };
  return { key, size: g.size - before.size, count: g.count - before.count, now: g };
}).sort((x, y) => y.size - x.size).slice(0, 25);
for (const g of growth) process.stdout.write(`  ${mb(g.size).padStart(10)} ${String(g.count).padStart(9)}  ${g.key} (now ${mb(g.now.size)}, ${g.now.count})\n`);
for (const focus of (process.env.FOCUS ?? '').split(',').filter(Boolean)) {
  process.stdout.write(`\nWhat holds "${focus}" in the later snapshot:\n`);
  for (const [key, count] of retainers(laterSnapshot, focus)) process.stdout.write(`  ${String(count).padStart(9)}  ${key}\n`);
}
