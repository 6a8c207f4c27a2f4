import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import knexFactory, { type Knex } from 'knex';
import { knexConfig } from '../../db/knexfile';
import { testDataConverter, workflowBundle } from '../support/engine';
import { HISTORIES_DIR, installFixtureKeys, type HistoryFixture } from '../support/history-fixtures';

/**
 * Running instances replay the interpreter's code: histories recorded from
 * earlier runs (RECORD_HISTORIES=1 npx jest <engine test file>) must replay
 * without a non-determinism error. Most are encrypted as production writes
 * them and decrypted with the product's codec and the fixture's keys. A
 * change that would break them goes behind patched() (DESIGN §5).
 */
describe('replay of recorded process histories', () => {
  const files = fs.existsSync(HISTORIES_DIR) ? fs.readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json')).sort() : [];
  const fixtures = files.map((file) => ({ file, ...(JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')) as HistoryFixture) }));
  let admin: Knex;
  let knex: Knex;
  beforeAll(() => {
    admin = knexFactory(knexConfig(process.env.DATABASE_ADMIN_URL!, 2));
    knex = knexFactory(knexConfig(process.env.DATABASE_URL!, 2));
  });
  afterAll(async () => {
    await knex.destroy();
    await admin.destroy();
  });

  it('has recorded histories to replay, among them encrypted ones of the shipped process, timers, boundaries, event sub-processes, call activities and the timer-start scheduler', () => {
    expect(fixtures.length).toBeGreaterThan(5);
    const encrypted = fixtures.filter((f) => f.keys?.length).map((f) => f.file);
    for (const expected of ['events-lead-to-event', 'r-boundary-timer', 'r-event-sub-process', 'r-call-activity', 'r-timer-start-scheduler']) {
      expect(encrypted.some((f) => f.startsWith(expected))).toBe(true);
    }
  });

  it('replays every recorded history with the current workflow code', async () => {
    for (const fixture of fixtures) await installFixtureKeys(admin, fixture);
    const decode = (list: typeof fixtures) => list.map((f) => ({ workflowId: f.workflowId, history: temporal.api.history.v1.History.decode(Buffer.from(f.history, 'base64')) }));
    const failures: string[] = [];
    const bundle = await workflowBundle();
    // Encrypted histories through the product's codec (with their keys); the earliest, recorded in clear, without it.
    const batches = [
      { options: { workflowBundle: bundle, dataConverter: testDataConverter(knex) }, histories: decode(fixtures.filter((f) => f.keys?.length)) },
      { options: { workflowBundle: bundle }, histories: decode(fixtures.filter((f) => !f.keys?.length)) },
    ];
    for (const { options, histories } of batches) {
      for await (const result of Worker.runReplayHistories(options, histories)) {
        if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
