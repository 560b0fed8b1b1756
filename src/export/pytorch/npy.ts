/** NumPy's .npy format (version 1.0), for the data files of an exported project. */

export type NpyDtype = 'uint8' | 'float32';

const DESCR: Record<NpyDtype, string> = { uint8: '|u1', float32: '<f4' };

/** One .npy file: a header naming dtype and shape, then the values, row-major (C order). */
export function encodeNpy(values: Uint8Array | Float32Array, shape: number[], dtype: NpyDtype): Uint8Array {
  const count = shape.reduce((p, d) => p * d, 1);
  if (count !== values.length) throw new Error(`npy: ${values.length} values do not fill a shape of ${shape.join('×')}`);
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${DESCR[dtype]}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // The magic (6) + version (2) + length (2) + header end on a multiple of 64 with a newline.
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const out = new Uint8Array(10 + header.length + bytes.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  out[8] = header.length & 0xff;
  out[9] = header.length >> 8;
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(bytes, 10 + header.length);
  return out;
}
