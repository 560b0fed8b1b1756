/**
 * Inpainting: a face with the Mask node's hole filled by the generator, and a brush to paint your
 * own hole (filled as you paint). The test-set hole PSNR of the generator vs mean-fill above it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { toUnitRange } from '../../../analysis/index';
import { INPAINTING_LESSON } from '../../../lessons/features/inpainting';
import { trainingController } from '../../training/controller';
import { MissingRoles, useLessonRoles } from '../roles';
import type { LessonViewProps } from '../types';
import { useT } from '../../i18n';
import { useRichT } from '../../i18n/rich';
import { VariantBaseline } from '../VariantBaseline';
import { Figure, FiguresStep, fixed, ImageCanvas, useLessonFigures, Waiting } from './shared';

const BRUSH = 2;

export function InpaintingView({ view }: LessonViewProps) {
  const { figures, step: figuresStep, error } = useLessonFigures(view);
  const { roles, missing } = useLessonRoles(INPAINTING_LESSON);
  const t = useT();
  const rich = useRichT();
  const [dims, setDims] = useState<[number, number, number] | null>(null);
  const [face, setFace] = useState<Float32Array | null>(null);
  const [mask, setMask] = useState<Float32Array | null>(null);
  const [filled, setFilled] = useState<Float32Array | null>(null);
  const pending = useRef(false);
  // The newest painted mask not filled yet: strokes arrive faster than the worker fills.
  const latest = useRef<Float32Array | null>(null);

  const fill = useCallback(async (m: Float32Array) => {
    latest.current = m;
    if (pending.current) return;
    pending.current = true;
    try {
      while (latest.current) {
        const next = latest.current;
        latest.current = null;
        // The painted mask replaces the mask node's draw (it draws under its port's name).
        const out = await trainingController.sampleNode(roles!.completion.node, roles!.completion.port, 1, { [roles!.mask.node]: { [roles!.mask.port]: next } });
        setFilled(toUnitRange(out.data));
      }
    } finally {
      pending.current = false;
    }
  }, [roles]);

  useEffect(() => {
    if (!figures || face || !roles) return;
    void (async () => {
      const x = await trainingController.sampleNode(roles.data.node, roles.data.port, 1);
      const m = await trainingController.sampleNode(roles.mask.node, roles.mask.port, 1);
      const [, h, w, c] = x.shape;
      setDims([h, w, c]);
      setFace(toUnitRange(x.data));
      setMask(m.data);
      await fill(m.data);
    })().catch(() => undefined);
  }, [figures, face, fill]);

  if (missing.length) return <MissingRoles lesson={INPAINTING_LESSON} missing={missing} />;
  if (!figures || !dims || !face || !mask) return <Waiting error={error} />;
  const [h, w, c] = dims;
  const hole = figures.holePsnr as Record<string, number>;
  const paint = (x: number, y: number) => {
    const next = mask.slice();
    for (let dy = -BRUSH; dy <= BRUSH; dy++) for (let dx = -BRUSH; dx <= BRUSH; dx++) if (y + dy >= 0 && y + dy < h && x + dx >= 0 && x + dx < w) next[(y + dy) * w + x + dx] = 1;
    setMask(next);
    void fill(next);
  };
  const clear = () => {
    const empty = new Float32Array(h * w);
    setMask(empty);
    void fill(empty);
  };
  const shown = Float32Array.from(face, (v, i) => (mask[Math.floor(i / c)] > 0.5 ? 0.5 : v));
  return (
    <section data-lesson-view="inpainting">
      <FiguresStep step={figuresStep} />
      <p>
        {rich('lv.inpaint.psnr', {
          generator: <Figure name="holePsnr.generator" value={hole.generator}>{fixed(hole.generator, 2)}</Figure>,
          meanFill: <Figure name="holePsnr.meanFill" value={hole.meanFill}>{fixed(hole.meanFill, 2)}</Figure>,
        })}
      </p>
      <ImageCanvas testId="inpaint-mask" data={shown} h={h} w={w} c={c} scale={8} label={t('lv.inpaint.paint')} onPointer={(x, y) => paint(x, y)} />
      {filled && <ImageCanvas testId="inpaint-filled" data={filled} h={h} w={w} c={c} scale={8} label={t('lv.inpaint.filled')} />}
      <ImageCanvas data={face} h={h} w={w} c={c} scale={8} label={t('lv.original')} />
      <div>
        <button type="button" onClick={clear} data-testid="inpaint-clear">
          {t('lv.inpaint.clear')}
        </button>
      </div>
      <VariantBaseline view={view} variant="l2-only" figures={[{ key: 'holePsnr.generator', label: t('lv.inpaint.baseline') }]} />
    </section>
  );
}
