/** Managed children: prefixed output, HDF5's diagnostic blocks hidden (once announced), real errors kept. */
import { describe, expect, it, vi } from 'vitest';
import { startManaged } from './process-group';

describe('startManaged', () => {
  it('prefixes lines and hides HDF5 diagnostics but not other stderr lines', async () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const script = [
        'echo started',
        'printf "HDF5-DIAG: Error detected in HDF5 (1.10.8) thread 1:\\n  #000: ../../../src/H5A.c line 528 in H5Aopen_by_name(): can\'t open attribute\\n    major: Attribute\\n    minor: Can\'t open object\\n" >&2',
        'echo "ERROR gdal: real failure" >&2',
      ].join('; ');
      const m = startManaged('worker', 'bash', ['-c', script], process.env, 0);
      await m.exited;
      await new Promise((r) => setTimeout(r, 100)); // the last lines through readline
    } finally {
      spy.mockRestore();
    }
    const lines = written.join('').trim().split('\n');
    expect(lines).toContain('worker│ started');
    expect(lines).toContain('worker│ ERROR gdal: real failure');
    expect(lines).toContain('worker│ (HDF5 diagnostics of netCDF reads are hidden: not errors)');
    expect(lines.some((l) => /HDF5-DIAG|#000|major:|minor:/.test(l))).toBe(false);
  });
});
