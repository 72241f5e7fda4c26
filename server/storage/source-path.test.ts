/** Which input files a production service may read: only under the configured roots, never by a detour. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '~/test/geo';
import { parseSourceRoots, resolveSource } from './source-path';

const dir = useTempDir('clcplus-source-');

describe('resolveSource', () => {
  it('reads local files under a root, by relative or absolute path, through links that stay inside', () => {
    const inbox = path.join(dir, 'inbox');
    fs.mkdirSync(path.join(inbox, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(inbox, 'sub', 'a.tif'), 'x');
    fs.symlinkSync(path.join(inbox, 'sub', 'a.tif'), path.join(inbox, 'link.tif'));
    const roots = parseSourceRoots(`${inbox}, /vsis3/bucket/in, https://data.example.org/clc/`);
    const real = fs.realpathSync(path.join(inbox, 'sub', 'a.tif'));
    expect(resolveSource('sub/a.tif', roots)).toBe(real);
    expect(resolveSource(path.join(inbox, 'sub', 'a.tif'), roots)).toBe(real);
    expect(resolveSource('link.tif', roots)).toBe(real);
    expect(resolveSource('/vsis3/bucket/in/x.tif', roots)).toBe('/vsis3/bucket/in/x.tif');
    expect(resolveSource('https://data.example.org/clc/x.tif', roots)).toBe('/vsicurl/https://data.example.org/clc/x.tif');
    expect(resolveSource('/vsicurl/https://data.example.org/clc/x.tif', roots)).toBe(
      '/vsicurl/https://data.example.org/clc/x.tif',
    );
  });

  it('refuses everything else, naming the field', () => {
    const inbox = path.join(dir, 'inbox2');
    fs.mkdirSync(inbox, { recursive: true });
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'x');
    fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(inbox, 'escape.tif'));
    fs.mkdirSync(path.join(inbox, 'folder'));
    const roots = parseSourceRoots(`${inbox},/vsis3/bucket/in,https://data.example.org/clc`);
    const refused: [string, RegExp][] = [
      ['/etc/passwd', /^raster: \/etc\/passwd is not allowed/],
      ['../secret.txt', /is not allowed/],
      ['escape.tif', /leads outside the allowed folders/],
      ['missing.tif', /no such file under/],
      ['folder', /is not a file/],
      ['/vsis3/bucket/other/x.tif', /is not allowed/],
      ['/vsis3/bucket/in/../other/x.tif', /without \. or \.\. segments/],
      ['/vsis3bucket/in/x.tif', /only local paths/],
      ['/vsizip//etc/passwd.zip', /only local paths, \/vsis3\/ and \/vsicurl\//],
      ['/vsistdin/', /only local paths/],
      ['https://data.example.org/clcX/x.tif', /is not allowed/],
      ['https://data.example.org.evil.net/clc/x.tif', /is not allowed/],
      ['https://user:pw@data.example.org/clc/x.tif', /credentials are never taken from a request/],
      ['http://169.254.169.254/latest/meta-data', /is not allowed/],
      ['/vsicurl/file:///etc/passwd', /only local paths/],
      ['a\0b', /control characters/],
    ];
    for (const [source, message] of refused) {
      expect(() => resolveSource(source, roots, 'raster'), source).toThrow(message);
      try {
        resolveSource(source, roots, 'raster');
      } catch (e) {
        expect((e as { status: number }).status, source).toBe(400);
        expect((e as Error).message, source).toMatch(/^raster: /);
      }
    }
    expect(() => resolveSource('a.tif', [], 'vector')).toThrow(/SOURCE_ROOTS is empty/);
  });
});
