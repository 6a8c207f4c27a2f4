import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { BACKUP_NAME as NAME, checkedName as checked, type BackupStore } from './backup-store.port';


/**
 * Backup sets in a directory (the local one, or a mounted second location: NFS, another disk). Mode 700/600.
 * `mustExist`: the directory is a mount point (the second site's documents): when it is not there the
 * store is out of reach and says so, rather than filling the local disk under an empty mount point.
 */
export function directoryBackupStore(root: string, options: { mustExist?: boolean } = {}): BackupStore {
  const dir = path.resolve(root);
  const setDir = (set: string) => path.join(dir, checked(set));
  const reachable = async () => {
    if (!options.mustExist) return;
    const found = await fs.promises.stat(dir).catch(() => undefined);
    if (!found?.isDirectory()) throw new Error(`dir:${dir} is out of reach (not mounted?)`);
  };
  return {
    location: `dir:${dir}`,
    async put(set, file, content) {
      await reachable();
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
      await reachable();
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
    async delete(set, file) {
      await reachable();
      await fs.promises.rm(path.join(setDir(set), checked(file)), { force: true });
    },
  };
}
