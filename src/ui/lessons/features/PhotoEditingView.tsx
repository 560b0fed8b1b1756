/**
 * Photo editing: pick a face; see the three ways back to z — descent from noise, z = E(x), E(x)
 * then descent — with their reconstruction errors, and edit the face with attribute sliders
 * (z + Σ α·v, v from the labels: mean E(x) with the attribute − without).
 */
import { useEffect, useState } from 'react';
import { toUnitRange } from '../../../analysis/index';
import { meanImageError } from '../../../lessons/features/photo-editing';
import { trainingController } from '../../training/controller';
import type { LessonViewProps } from '../types';
import { Figure, FiguresStep, ImageCanvas, percent, useLessonFigures, Waiting } from './shared';

const FACES = 8;
const STEPS = 100;

interface Projections {
  face: Float32Array;
  code: Float32Array;
  results: { name: string; image: Float32Array; error: number }[];
}

async function project(index: number): Promise<Projections> {
  const xs = await trainingController.sampleNode('x', 'x', FACES);
  const [, h, w, c] = xs.shape;
  const size = h * w * c;
  const target = xs.data.slice(index * size, (index + 1) * size);
  const codes = await trainingController.sampleNode('E', 'out', FACES);
  const d = codes.data.length / FACES;
  const code = codes.data.slice(index * d, (index + 1) * d);
  const noise = (await trainingController.sampleNode('z', 'z', 1)).data;
  const generate = async (z: Float32Array) => toUnitRange((await trainingController.sampleNode('G', 'out', 1, undefined, { z: { z } })).data);
  const descend = (start: Float32Array) => trainingController.optimiseInput({ output: { node: 'G', port: 'out' }, input: { node: 'z', port: 'z' }, count: 1, target, start, steps: STEPS, lr: 0.05 });
  const face = toUnitRange(target);
  const fromNoise = await descend(noise);
  const fromEncoder = await descend(code);
  const results = [];
  for (const [name, z] of [
    ['(1) descent on z', fromNoise.input],
    ['(2) z = E(x)', code],
    ['(3) E(x) then descent', fromEncoder.input],
  ] as const) {
    const image = await generate(z);
    results.push({ name, image, error: meanImageError(image, face, 1) });
  }
  return { face, code, results };
}

export function PhotoEditingView({ view }: LessonViewProps) {
  const { figures, step: figuresStep, error } = useLessonFigures(view, { count: 8 });
  const [index, setIndex] = useState(0);
  const [projections, setProjections] = useState<Projections | null>(null);
  const [alphas, setAlphas] = useState<Record<string, number>>({});
  const [edited, setEdited] = useState<Float32Array | null>(null);
  const [busy, setBusy] = useState(false);
  const ready = figures !== null;

  useEffect(() => {
    if (!ready) return;
    setBusy(true);
    void project(index)
      .then(setProjections)
      .catch(() => undefined)
      .finally(() => setBusy(false));
  }, [ready, index]);

  const directions = (figures?.directions ?? {}) as Record<string, number[]>;
  useEffect(() => {
    if (!projections) return;
    const z = projections.code.slice();
    for (const [name, alpha] of Object.entries(alphas)) directions[name]?.forEach((v, j) => (z[j] += alpha * v));
    void trainingController
      .sampleNode('G', 'out', 1, undefined, { z: { z } })
      .then((out) => setEdited(toUnitRange(out.data)))
      .catch(() => undefined);
    // directions change only with new figures; alphas and projections drive the edit
  }, [projections, alphas]);

  if (!figures) return <Waiting error={error} />;
  const err = figures.reconstructionError as Record<string, number>;
  const attributes = figures.attributes as Record<string, { classifierAccuracy: number; flipShare: number }>;
  const side = Math.round(Math.sqrt((projections?.face.length ?? 3072) / 3));
  return (
    <section data-lesson-view="photo-editing">
      <FiguresStep step={figuresStep} />
      <p>
        Mean reconstruction error on test faces: descent <Figure name="reconstructionError.descent" value={err.descent}>{err.descent.toFixed(4)}</Figure>, encoder <Figure name="reconstructionError.encoder" value={err.encoder}>{err.encoder.toFixed(4)}</Figure>, encoder then descent{' '}
        <Figure name="reconstructionError.encoderThenDescent" value={err.encoderThenDescent}>{err.encoderThenDescent.toFixed(4)}</Figure>. Attribute edits that flip the classifier: <Figure name="flipShare" value={figures.flipShare}>{percent(figures.flipShare)}</Figure>.
      </p>
      <div>
        {Array.from({ length: FACES }, (_, i) => (
          <button type="button" key={i} onClick={() => setIndex(i)} aria-pressed={i === index} disabled={busy}>
            face {i + 1}
          </button>
        ))}
      </div>
      {projections && (
        <div data-testid="pe-projections">
          <ImageCanvas data={projections.face} h={side} w={side} c={3} scale={4} label="the face" />
          {projections.results.map((r) => (
            <ImageCanvas key={r.name} data={r.image} h={side} w={side} c={3} scale={4} label={`${r.name}: ${r.error.toFixed(4)}`} />
          ))}
          {edited && <ImageCanvas testId="pe-edited" data={edited} h={side} w={side} c={3} scale={4} label="edited" />}
        </div>
      )}
      <div>
        {Object.keys(directions).map((name) => (
          <label key={name} style={{ display: 'block', fontSize: 12 }}>
            {name} ({percent(attributes[name]?.classifierAccuracy)} classifier accuracy, {percent(attributes[name]?.flipShare)} of edits flip it){' '}
            <input type="range" min={-2} max={2} step={0.1} value={alphas[name] ?? 0} data-testid={`pe-slider-${name}`} onChange={(e) => setAlphas((a) => ({ ...a, [name]: Number(e.target.value) }))} />
          </label>
        ))}
      </div>
    </section>
  );
}
