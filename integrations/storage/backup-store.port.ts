import type { Readable } from 'node:stream';

/**
 * Where backup sets are kept (a directory, an S3-compatible bucket). A set is a
 * folder of files named `<set>/<file>`; the store knows nothing of what they hold.
 */
export interface BackupStore {
  /** What the administration screen shows: `dir:/srv/backups`, `s3://bucket/prefix`. */
  readonly location: string;
  /** Writes one file of a set (write then rename: a crash leaves no half file under its name). */
  put(set: string, file: string, content: Readable): Promise<void>;
  /** Reads one file of a set. */
  get(set: string, file: string): Promise<Readable>;
  /** The sets present, by name. */
  list(): Promise<string[]>;
  /** The files of a set with their sizes. */
  files(set: string): Promise<Array<{ file: string; bytes: number }>>;
  /** Removes a whole set. */
  remove(set: string): Promise<void>;
  /** Removes one file of a set (the documents' replica: a file erased on the primary); no error when absent. */
  delete(set: string, file: string): Promise<void>;
}

/** A set's or a file's name in a store: no path separator, no `..`, no leading dot. */
export const BACKUP_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/;

export function checkedName(name: string): string {
  if (!BACKUP_NAME.test(name) || name.includes('..')) throw new Error(`invalid backup name ${JSON.stringify(name)}`);
  return name;
}
