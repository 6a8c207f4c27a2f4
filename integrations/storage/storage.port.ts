/** Where document files live. The database keeps the metadata; the port keeps the bytes. */
export interface DocumentStorage {
  put(key: string, content: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
}
