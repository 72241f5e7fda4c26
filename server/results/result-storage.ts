/**
 * Where packages live once published: behind one interface, a local folder (default, RESULTS_DIR/packages) or an
 * S3-compatible bucket (RESULTS_STORAGE=s3; downloads are redirected to short presigned URLs), so results can leave
 * the machine. `put` is atomic: a reader sees the whole file or nothing.
 */
import type { Readable } from 'node:stream';

export type StoredObject = { bytes: number; modified: Date };

export interface ResultStorage {
  readonly kind: 'local' | 's3';
  /** Publishes a finished local file under `key` (the local file is moved or uploaded). */
  put(key: string, localFile: string, contentType: string): Promise<void>;
  stat(key: string): Promise<StoredObject | null>;
  delete(key: string): Promise<void>;
  /** Local storage: the bytes (inclusive range). */
  read?(key: string, range?: { start: number; end: number }): Readable;
  /** S3 storage: a URL valid for `seconds` that downloads the object under `fileName`. */
  presignGet?(key: string, seconds: number, fileName: string): Promise<string>;
}

export const KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,511}$/;
export function checkKey(key: string) {
  if (!KEY.test(key) || key.includes('..')) throw new Error(`bad storage key ${JSON.stringify(key)}`);
}
