import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BackupStore } from './backup-store.port';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/;

function checked(name: string): string {
  if (!NAME.test(name) || name.includes('..')) throw new Error(`invalid backup name ${JSON.stringify(name)}`);
  return name;
}

/** Backup sets in a directory (the local one, or a mounted second location: NFS, another disk). Mode 700/600. */
export function directoryBackupStore(root: string): BackupStore {
  const dir = path.resolve(root);
  const setDir = (set: string) => path.join(dir, checked(set));
  return {
    location: `dir:${dir}`,
    async put(set, file, content) {
      await fs.promises.mkdir(setDir(set), { recursive: true, mode: 0o700 });
      const target = path.join(setDir(set), checked(file));
      await pipeline(content, fs.createWriteStream(`${target}.part`, { mode: 0o600 }));
      await fs.promises.rename(`${target}.part`, target);
    },
    async get(set, file) {
      const target = path.join(setDir(set), checked(file));
      await fs.promises.access(target);
      return fs.createReadStream(target);
    },
    async list() {
      const entries = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => []);
      return entries.filter((e) => e.isDirectory() && NAME.test(e.name)).map((e) => e.name).sort();
    },
    async files(set) {
      const entries = await fs.promises.readdir(setDir(set), { withFileTypes: true });
      const files = entries.filter((e) => e.isFile() && !e.name.endsWith('.part'));
      return Promise.all(files.map(async (e) => ({ file: e.name, bytes: (await fs.promises.stat(path.join(setDir(set), e.name))).size })));
    },
    async remove(set) {
      await fs.promises.rm(setDir(set), { recursive: true, force: true });
    },
  };
}
