/**
 * Images as a data node emits them: converted to its channel count (ITU-R 601 luma for grey) and
 * its value range. Used by the engine's data nodes and by the lessons' held-out examples, so both
 * see the same pixels.
 */

/** Grey ↔ RGB for [n·pixels, c] images in [0, 1]; the input itself when the counts agree. */
export function convertChannels(images: Float32Array, pixels: number, from: number, to: number): Float32Array {
  if (from === to) return images;
  const out = new Float32Array(pixels * to);
  if (from === 3 && to === 1) {
    for (let i = 0; i < pixels; i++) out[i] = 0.299 * images[i * 3] + 0.587 * images[i * 3 + 1] + 0.114 * images[i * 3 + 2];
  } else if (from === 1 && to === 3) {
    for (let i = 0; i < pixels; i++) out[i * 3] = out[i * 3 + 1] = out[i * 3 + 2] = images[i];
  } else throw new Error(`cannot convert ${from} channels to ${to}`);
  return out;
}

/** [0, 1] images of shape `from` as a node emits them: `to`'s channel count, and [0, 1] or [−1, 1]. */
export function convertImage(values: Float32Array, from: number[], to: number[], range: unknown): Float32Array {
  const pixels = values.length / from[from.length - 1];
  let out = convertChannels(values, pixels, from[from.length - 1], to[to.length - 1]);
  if (range === '-1..1') {
    if (out === values) out = new Float32Array(values);
    for (let i = 0; i < out.length; i++) out[i] = out[i] * 2 - 1;
  }
  return out;
}
