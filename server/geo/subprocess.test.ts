/**
 * GDAL work in a child process: results and progress come back, errors keep their kind, and an abort kills the
 * child in the middle of a single GDAL call (which gdal-async alone cannot interrupt).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import gdal from './gdal';
import { runInSubprocess } from './subprocess';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subprocess-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A tiled GeoTIFF of classes in EPSG:3035 (sparse: unwritten tiles read as `fill`, so a huge one costs nothing). */
function classTiff(name: string, size: number, write?: (band: ReturnType<ReturnType<typeof gdal.open>['bands']['get']>) => void) {
  const file = path.join(dir, name);
  const ds = gdal.open(file, 'w', 'GTiff', size, size, 1, gdal.GDT_Byte, ['TILED=YES', 'SPARSE_OK=TRUE']);
  ds.geoTransform = [4_000_000, 10, 0, 3_000_000, 0, -10];
  ds.srs = gdal.SpatialReference.fromEPSG(3035);
  write?.(ds.bands.get(1));
  ds.close();
  return file;
}
/** Running (a zombie waiting for its parent to reap it counts as gone). */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('runInSubprocess', () => {
  it('writes a COG in the child and reports progress', async () => {
    const src = classTiff('small.tif', 1024, (b) => b.pixels.write(0, 0, 1024, 512, new Uint8Array(1024 * 512).fill(2)));
    const file = path.join(dir, 'small-cog.tif');
    const seen: number[] = [];
    await runInSubprocess('classCog', { src, file }, { onProgress: (f) => seen.push(f) });
    const info = JSON.parse(execFileSync('gdalinfo', ['-json', file], { encoding: 'utf8' }));
    expect(info.metadata.IMAGE_STRUCTURE.LAYOUT).toBe('COG');
    expect(info.bands[0].colorTable).toBeDefined();
    expect(info.bands[0].noDataValue).toBe(255);
    expect(execFileSync('gdalinfo', ['-stats', '-json', file], { encoding: 'utf8' })).toContain('"maximum":2');
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.max(...seen)).toBeGreaterThan(0.9);
  });

  it('passes the GDAL error of the child back', async () => {
    await expect(
      runInSubprocess('warp', { dst: path.join(dir, 'x.tif'), sources: [path.join(dir, 'missing.tif')], args: [] }),
    ).rejects.toThrow(/missing\.tif/);
  });

  it('an abort kills the child inside one GDAL call, at once', async () => {
    // 1.6 G pixels: the COG driver needs far longer than this test waits.
    const src = classTiff('huge.tif', 40_000);
    const ac = new AbortController();
    let pid = 0;
    const started = Date.now();
    const run = runInSubprocess(
      'classCog',
      { src, file: path.join(dir, 'huge-cog.tif') },
      {
        signal: ac.signal,
        onStart: (p) => (pid = p),
        onProgress: () => ac.abort(new Error('cancelled by the client')), // the first progress: GDAL is writing
      },
    );
    await expect(run).rejects.toThrow('cancelled by the client');
    const abortedAfter = Date.now() - started;
    expect(pid).toBeGreaterThan(0);
    await expect.poll(() => alive(pid), { timeout: 2_000 }).toBe(false);
    expect(abortedAfter).toBeLessThan(5_000); // the whole COG takes about 10 s on this machine
  });

  it('the child exits when its parent is SIGKILLed (a killed worker leaves no GDAL work behind)', async () => {
    const src = classTiff('huge2.tif', 40_000);
    const script = `
      import { runInSubprocess } from './server/geo/subprocess.ts';
      runInSubprocess('classCog', { src: ${JSON.stringify(src)}, file: ${JSON.stringify(path.join(dir, 'orphan.tif'))} }, {
        onProgress: () => console.log('child', globalThis.childPid),
        onStart: (pid) => (globalThis.childPid = pid),
      });`;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const childPid = await new Promise<number>((resolve) =>
      parent.stdout.on('data', (d: Buffer) => {
        const m = /child (\d+)/.exec(String(d));
        if (m) resolve(Number(m[1]));
      }),
    );
    expect(alive(childPid)).toBe(true);
    parent.kill('SIGKILL');
    await expect.poll(() => alive(childPid), { timeout: 3_000 }).toBe(false);
  });

  it("a SIGTERM to the worker's process group does not kill the child: the worker decides", async () => {
    const src = classTiff('mid.tif', 4096, (b) => b.pixels.write(0, 0, 4096, 64, new Uint8Array(4096 * 64).fill(3)));
    const file = path.join(dir, 'mid-cog.tif');
    let pid = 0;
    await runInSubprocess(
      'classCog',
      { src, file },
      { onStart: (p) => (pid = p), onProgress: () => process.kill(pid, 'SIGTERM') },
    );
    expect(JSON.parse(execFileSync('gdalinfo', ['-json', file], { encoding: 'utf8' })).metadata.IMAGE_STRUCTURE.LAYOUT).toBe(
      'COG',
    );
  });
});
