/**
 * Super-resolution: bicubic | network | original for faces of the sample batch, PSNR/SSIM under each
 * (the same functions `ganvas eval` uses), the test-set means, and a zoom lens over all three.
 */
import { useEffect, useState } from 'react';
import { psnr, ssim } from '../../../analysis/index';
import { bicubicBaseline, SUPER_RESOLUTION_LESSON } from '../../../lessons/features/super-resolution';
import type { LessonRoles } from '../../../lessons/types';
import { toUnitRange } from '../../../analysis/index';
import { trainingController } from '../../training/controller';
import { useTraining } from '../../training/training-store';
import type { BaselineResult } from '../../../../workers/training-api';
import type { LessonViewProps } from '../types';
import { useT } from '../../i18n';
import { useRichT } from '../../i18n/rich';
import { MissingRoles, useLessonRoles } from '../roles';
import { VariantBaseline } from '../VariantBaseline';
import { Figure, FiguresStep, fixed, ImageCanvas, useLessonFigures, Waiting } from './shared';

const COUNT = 8;
const LENS = 8;

interface Pictures {
  bicubic: Float32Array;
  network: Float32Array;
  original: Float32Array;
  h: number;
  w: number;
  c: number;
}

async function pictures({ lowRes, highRes, upscaler }: LessonRoles<typeof SUPER_RESOLUTION_LESSON.roles>): Promise<Pictures> {
  const lr = await trainingController.sampleNode(lowRes.node, lowRes.port, COUNT);
  const hr = await trainingController.sampleNode(highRes.node, highRes.port, COUNT);
  const g = await trainingController.sampleNode(upscaler.node, upscaler.port, COUNT);
  const [, lh, lw, c] = lr.shape;
  const [, h, w] = hr.shape;
  return { bicubic: bicubicBaseline(lr.data, COUNT, lh, lw, c, h / lh), network: toUnitRange(g.data), original: toUnitRange(hr.data), h, w, c };
}

/** An [LENS, LENS] crop at (x, y) of image i. */
function crop(images: Float32Array, i: number, p: Pictures, x: number, y: number): Float32Array {
  const out = new Float32Array(LENS * LENS * p.c);
  const x0 = Math.max(0, Math.min(p.w - LENS, x - LENS / 2));
  const y0 = Math.max(0, Math.min(p.h - LENS, y - LENS / 2));
  for (let r = 0; r < LENS; r++) out.set(images.subarray(((i * p.h + y0 + r) * p.w + x0) * p.c, ((i * p.h + y0 + r) * p.w + x0 + LENS) * p.c), r * LENS * p.c);
  return out;
}

export function SuperResolutionView({ view }: LessonViewProps) {
  const { figures, step: figuresStep, error } = useLessonFigures(view);
  const step = useTraining((s) => s.step);
  const [pics, setPics] = useState<Pictures | null>(null);
  const [index, setIndex] = useState(0);
  const [lens, setLens] = useState<{ x: number; y: number } | null>(null);
  // The pixel-loss network (the variant, trained here as the baseline): the lecture's fourth panel.
  const [baseline, setBaseline] = useState<BaselineResult | null>(null);
  const { roles, missing } = useLessonRoles(SUPER_RESOLUTION_LESSON);
  const adversarial = roles?.judge !== undefined;
  const t = useT();
  const rich = useRichT();
  useEffect(() => {
    if (figures && roles) void pictures(roles).then(setPics).catch(() => undefined);
    // roles change with the plan, which changes the figures too
  }, [figures]);
  if (missing.length) return <MissingRoles lesson={SUPER_RESOLUTION_LESSON} missing={missing} />;
  if (!figures || !pics || !roles) return <Waiting error={error} />;
  const pixelLoss = baseline?.samples[0] ? toUnitRange(baseline.samples[0].data) : null;
  const size = pics.h * pics.w * pics.c;
  const one = (images: Float32Array) => images.subarray(index * size, (index + 1) * size);
  // [test id, caption, images]: the run's own network is always "network".
  const panels: [string, string, Float32Array][] = [
    ['bicubic', t('lv.sr.bicubic'), pics.bicubic],
    ...(pixelLoss ? ([['pixel-loss', t('lv.sr.pixelLoss'), pixelLoss]] as [string, string, Float32Array][]) : []),
    ['network', adversarial ? (pixelLoss ? 'GAN' : t('lv.sr.network')) : t('lv.sr.pixelLoss'), pics.network],
    ['original', t('lv.original'), pics.original],
  ];
  const mean = (key: string) => figures[key] as Record<string, number>;
  return (
    <section data-lesson-view="super-resolution">
      <FiguresStep step={figuresStep} />
      <p>
        {rich('lv.sr.atStep', {
          step,
          bicubicPsnr: <Figure name="bicubic.psnr" value={mean('bicubic').psnr}>{fixed(mean('bicubic').psnr, 2)}</Figure>,
          bicubicSsim: fixed(mean('bicubic').ssim, 3),
          networkPsnr: <Figure name="network.psnr" value={mean('network').psnr}>{fixed(mean('network').psnr, 2)}</Figure>,
          networkSsim: fixed(mean('network').ssim, 3),
          bicubicSharpness: fixed(mean('bicubic').sharpness, 3),
          networkSharpness: fixed(mean('network').sharpness, 3),
          originalSharpness: fixed(mean('original').sharpness, 3),
        })}
      </p>
      <div>
        {Array.from({ length: COUNT }, (_, i) => (
          <button type="button" key={i} onClick={() => setIndex(i)} aria-pressed={i === index}>
            {t('lv.face', { n: i + 1 })}
          </button>
        ))}
      </div>
      <div onPointerLeave={() => setLens(null)}>
        {panels.map(([id, name, images]) => {
          const image = one(images);
          const caption = id === 'original' ? name : t('lv.sr.caption', { name, psnr: fixed(psnr(image, one(pics.original)), 2), ssim: fixed(ssim(image, one(pics.original), pics.h, pics.w, pics.c), 3) });
          return <ImageCanvas key={id} testId={`sr-${id}`} data={image} h={pics.h} w={pics.w} c={pics.c} scale={6} label={caption} onPointer={(x, y) => setLens({ x, y })} />;
        })}
      </div>
      {lens && (
        <div data-testid="sr-lens">
          {panels.map(([id, name, images]) => (
            <ImageCanvas key={id} data={crop(images, index, pics, lens.x, lens.y)} h={LENS} w={LENS} c={pics.c} scale={16} label={t('lv.sr.zoom', { name })} />
          ))}
        </div>
      )}
      {adversarial && (
        <VariantBaseline
          view={view}
          variant="pixel-loss"
          samples={[{ node: roles.upscaler.node, port: roles.upscaler.port, count: COUNT }]}
          onResult={setBaseline}
          figures={[
            { key: 'network.psnr', label: t('lv.sr.baselinePsnr') },
            { key: 'network.ssim', label: t('lv.sr.baselineSsim') },
            { key: 'network.sharpness', label: t('lv.sr.baselineSharpness') },
          ]}
        />
      )}
    </section>
  );
}
