/** h5wasm (HDF5 compiled to WebAssembly, reads and writes netCDF-4 files), loaded once per process. */
import h5wasmModule from 'h5wasm/node';

let ready: Promise<typeof h5wasmModule> | undefined;

export function h5(): Promise<typeof h5wasmModule> {
  ready ??= h5wasmModule.ready.then(() => h5wasmModule);
  return ready;
}

export type H5Node = InstanceType<(typeof h5wasmModule)['Group']> | InstanceType<(typeof h5wasmModule)['Dataset']>;
export type H5Dataset = InstanceType<(typeof h5wasmModule)['Dataset']>;

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
