import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface LocalSecrets {
  postgresPassword: string;
  appPassword: string;
  jwtSecret: string;
  secretKey: string;
}

/**
 * Secrets of the embedded setup, made once and kept (mode 600) under the data
 * directory so that a restart reuses the same database and sessions.
 */
export function loadLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.resolve(dataDir, 'secrets.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as LocalSecrets;
  const random = () => crypto.randomBytes(32).toString('base64url');
  const secrets: LocalSecrets = { postgresPassword: random(), appPassword: random(), jwtSecret: random(), secretKey: random() };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
