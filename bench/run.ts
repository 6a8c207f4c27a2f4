/**
 * `npm run bench`: every benchmark of the project, one after the other.
 * Each prints its figures next to a baseline measured in the same run.
 * See docs/performance.md for the recorded results and how to read them.
 */
import { runApiBench } from './api';
import { runCommsBench } from './comms';
import { runBillingBench } from './billing';
import { runEngineBench } from './engine';
import { runMemoryBench } from './memory';
import { runPsaBench } from './psa';
import { runReplicationBench } from './replication';
import { runSchoolBench } from './school';

const benchmarks: Array<{ name: string; run: () => Promise<unknown> }> = [
  { name: 'api', run: () => runApiBench() },
  { name: 'billing', run: () => runBillingBench() },
  { name: 'engine', run: () => runEngineBench() },
  { name: 'comms', run: () => runCommsBench() },
  { name: 'memory', run: () => runMemoryBench() },
  { name: 'psa', run: () => runPsaBench() },
  { name: 'replication', run: () => runReplicationBench() },
  { name: 'school', run: () => runSchoolBench() },
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  for (const b of benchmarks) {
    if (only.length && !only.includes(b.name)) continue;
    process.stdout.write(`\n=== bench/${b.name} ===\n`);
    await b.run();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => { process.stderr.write(`${error.stack ?? error.message}\n`); process.exit(1); },
);
