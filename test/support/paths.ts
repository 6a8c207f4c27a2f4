import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const TEST_DIR = path.join(ROOT, '.relais', 'test');
export const TEST_ENV_FILE = path.join(TEST_DIR, 'env.json');
