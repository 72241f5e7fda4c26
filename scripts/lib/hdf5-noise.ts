/**
 * HDF5's diagnostic blocks ("HDF5-DIAG: Error detected…", then indented `#000:`/`major:`/`minor:` lines): netCDF
 * 4.9 probes optional attributes that are absent, and HDF5 prints each miss from every thread but the one netCDF
 * initialised on (GDAL reads on the libuv pool). They are not errors — GDAL reports real failures itself — but they
 * bury the logs, so the scripts that run our processes drop them (announced once). Playwright's `[WebServer] `
 * prefix is allowed.
 */
import readline from 'node:readline';
import type { Readable } from 'node:stream';

const HDF5_DIAG = /^(\[WebServer\] )?(HDF5-DIAG: |\s+#\d{3}: |\s+(major|minor): )/;
let announced = false;

/** Writes each line of `input` with `write`, except HDF5 diagnostics. */
export function forwardWithoutHdf5Noise(input: Readable, write: (line: string) => void, notice = (line: string) => write(line)) {
  readline.createInterface({ input }).on('line', (line) => {
    if (!HDF5_DIAG.test(line)) return write(line);
    if (!announced) notice('(HDF5 diagnostics of netCDF reads are hidden: not errors)');
    announced = true;
  });
}
