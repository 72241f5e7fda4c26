/**
 * h5wasm (HDF5 compiled to WebAssembly, reads and writes netCDF-4 files), loaded once per process, on first use:
 * importing it commits its WebAssembly memory, ~590 MB of resident memory, which a process that never reads through
 * it (the GDAL child of a raster order, the web) should not carry.
 */
import type h5wasmModule from 'h5wasm/node';

type H5wasm = typeof h5wasmModule;
let ready: Promise<H5wasm> | undefined;

export function h5(): Promise<H5wasm> {
  ready ??= import('h5wasm/node').then(({ default: m }) => m.ready.then(() => m));
  return ready;
}

export type H5Node = InstanceType<H5wasm['Group']> | InstanceType<H5wasm['Dataset']>;
export type H5Dataset = InstanceType<H5wasm['Dataset']>;

/** A fixed-length ASCII attribute (netCDF NC_CHAR), the way CF tools expect text attributes. */
export function textAttr(target: H5Node, name: string, value: string) {
  const ascii = value.replace(/[^\x20-\x7e\n]/g, '?');
  target.create_attribute(name, ascii, null, `A${Math.max(1, ascii.length)}` as never);
}

/** A numeric scalar attribute of the given struct-style dtype ('<B' uint8, '<i' int32, '<d' float64). */
export function numAttr(target: H5Node, name: string, value: number, dtype: '<B' | '<i' | '<d' = '<d') {
  const arr = dtype === '<B' ? new Uint8Array([value]) : dtype === '<i' ? new Int32Array([value]) : new Float64Array([value]);
  target.create_attribute(name, arr, [], dtype as never);
}
