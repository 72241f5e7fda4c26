/** Results in a local folder: `<dir>/<key>`. Files are moved in with a rename (atomic on one file system). */
import fs from 'node:fs';
import path from 'node:path';
import { checkKey, type ResultStorage } from './result-storage';

export function localStorage(dir: string): ResultStorage {
  const fileOf = (key: string) => {
    checkKey(key);
    return path.join(dir, key);
  };
  return {
    kind: 'local',
    async put(key, localFile) {
      const target = fileOf(key);
      await fs.promises.mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.partial-${process.pid}`;
      try {
        await fs.promises.rename(localFile, tmp);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
        await fs.promises.copyFile(localFile, tmp);
        await fs.promises.rm(localFile, { force: true });
      }
      await fs.promises.rename(tmp, target);
    },
    async stat(key) {
      const s = await fs.promises.stat(fileOf(key)).catch(() => null);
      return s?.isFile() ? { bytes: s.size, modified: s.mtime } : null;
    },
    async delete(key) {
      await fs.promises.rm(fileOf(key), { force: true });
      await fs.promises.rmdir(path.dirname(fileOf(key))).catch(() => {});
    },
    read(key, range) {
      return fs.createReadStream(fileOf(key), range ? { start: range.start, end: range.end } : {});
    },
  };
}
