import path from 'node:path';

/** Where a product's files live under STORE_DIR: `<code>/<year>/`. */
export const productDir = (code: string, year: number) => path.join(code, String(year));

/** A new file name for a group's version: unique, so an upsert never overwrites the file readers use. */
export const versionedFile = (code: string, year: number, group: string, ext: 'nc') =>
  path.join(productDir(code, year), `${group}.${Date.now().toString(36)}${process.pid.toString(36)}.${ext}`);

export const GROUP_NAME = /^[A-Za-z0-9_-]{1,64}$/;
