import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../support/engine';

const DIR = path.join(__dirname, '../fixtures/histories');

/**
 * Running instances replay the interpreter's code: histories recorded from
 * earlier runs (RECORD_HISTORIES=1 npx jest test/integration/engine.test.ts)
 * must replay without a non-determinism error. A change that would break
 * them goes behind patched() (DESIGN §5).
 */
describe('replay of recorded process histories', () => {
  const files = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort() : [];

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it('replays every recorded history with the current workflow code', async () => {
    const histories = files.map((file) => {
      const fixture = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as { workflowId: string; history: string };
      return { workflowId: fixture.workflowId, history: temporal.api.history.v1.History.decode(Buffer.from(fixture.history, 'base64')) };
    });
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
