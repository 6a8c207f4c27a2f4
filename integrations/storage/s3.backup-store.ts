import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, S3Client, type ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { BACKUP_NAME as NAME, checkedName as checked, type BackupStore } from './backup-store.port';


/** An S3-compatible bucket (AWS S3, OVHcloud, Scaleway, MinIO, Garage…) as configured by RELAIS_BACKUP_S3_* (activities/backup/backup.settings.ts). */
export interface S3StoreOptions {
  bucket: string;
  /** Keys start with it (`relais/`): several platforms may share a bucket. */
  prefix?: string;
  region: string;
  /** The service's address for a non-AWS provider (`https://s3.gra.io.cloud.ovh.net`); AWS when absent. */
  endpoint?: string;
  /** Path-style addresses (`<endpoint>/<bucket>/<key>`), what most S3-compatible services and MinIO want. */
  forcePathStyle?: boolean;
  /** Never logged, never in `location` nor in an error message. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/**
 * Backup sets in an S3-compatible bucket, under `<prefix><set>/<file>`, through the storage port.
 * A PUT is atomic on S3 (an object appears whole or not at all); large files go up in parts
 * (lib-storage's multipart upload, 8 MB parts). What was stored is checked by reading it back
 * (domain/backup/copy-check.ts), not trusted from the answer.
 */
export function s3BackupStore(options: S3StoreOptions): BackupStore & { client: S3Client } {
  const prefix = options.prefix === undefined ? 'relais/' : options.prefix.replace(/^\/+/, '').replace(/([^/])$/, '$1/');
  const client = new S3Client({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.forcePathStyle ?? Boolean(options.endpoint),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    // A store out of reach answers within a minute rather than holding the backup for ever.
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 60_000 },
    maxAttempts: 3,
    // Checksums only where S3 requires them: several S3-compatible services refuse the SDK's default
    // trailing CRC32 (aws-chunked uploads). Integrity is proven by reading back (SHA-256), not by these.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const bucket = options.bucket;
  const keyOf = (set: string, file: string) => `${prefix}${checked(set)}/${checked(file)}`;
  const location = `s3://${bucket}/${prefix}`;

  async function* pages(input: { Prefix: string; Delimiter?: string }): AsyncGenerator<ListObjectsV2CommandOutput> {
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ...input, ContinuationToken: token }));
      yield page;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async function filesOf(set: string): Promise<Array<{ file: string; bytes: number }>> {
    const base = `${prefix}${checked(set)}/`;
    const out: Array<{ file: string; bytes: number }> = [];
    for await (const page of pages({ Prefix: base })) {
      for (const object of page.Contents ?? []) {
        const file = object.Key!.slice(base.length);
        if (NAME.test(file)) out.push({ file, bytes: Number(object.Size ?? 0) });
      }
    }
    return out.sort((a, b) => a.file.localeCompare(b.file));
  }

  return {
    client,
    location,
    async put(set, file, content) {
      await new Upload({ client, params: { Bucket: bucket, Key: keyOf(set, file), Body: content }, partSize: 8 * 1024 * 1024, queueSize: 2 }).done();
    },
    async get(set, file) {
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: keyOf(set, file) }));
        return answer.Body as unknown as Readable;
      } catch (error) {
        if ((error as { name?: string }).name === 'NoSuchKey') throw new Error(`${location}${set}/${file} is missing`);
        throw error;
      }
    },
    async list() {
      const sets: string[] = [];
      for await (const page of pages({ Prefix: prefix, Delimiter: '/' })) {
        for (const common of page.CommonPrefixes ?? []) {
          const name = common.Prefix!.slice(prefix.length).replace(/\/$/, '');
          if (NAME.test(name)) sets.push(name);
        }
      }
      return sets.sort();
    },
    files: filesOf,
    async remove(set) {
      for (const { file } of await filesOf(set)) await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: keyOf(set, file) }));
    },
    async delete(set, file) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: keyOf(set, file) }));
    },
  };
}
