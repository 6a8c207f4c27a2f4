import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
/** All test runs' services live under here, one folder per run so that runs never share a database. */
export const TEST_ROOT = path.join(ROOT, '.relais', 'test');
