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
}
