import fs from 'node:fs/promises';
import path from 'node:path';
import type { DocumentStorage } from './storage.port';

/** Files on local disk (the embedded default: under .relais/documents). */
export function localDiskStorage(root: string): DocumentStorage {
  const resolve = (key: string) => {
    if (!/^[0-9a-f-]{36}\/[0-9a-f-]{36}$/.test(key)) throw new Error(`invalid storage key ${key}`);
    return path.join(root, key);
  };
  return {
    async put(key, content) {
      const file = resolve(key);
      await fs.mkdir(path.dirname(file), { recursive: true });
      // Write then rename, so a crash never leaves a half-written file under the final name.
      await fs.writeFile(`${file}.part`, content, { mode: 0o600 });
      await fs.rename(`${file}.part`, file);
    },
    get: (key) => fs.readFile(resolve(key)),
    async remove(key) {
      await fs.rm(resolve(key), { force: true });
    },
  };
}
