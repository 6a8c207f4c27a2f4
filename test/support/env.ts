import fs from 'node:fs';
import { TEST_ENV_FILE } from './paths';

// Every test process reads the services started by global-setup.
if (fs.existsSync(TEST_ENV_FILE)) Object.assign(process.env, JSON.parse(fs.readFileSync(TEST_ENV_FILE, 'utf8')));
