/**
 * 2-D GAN: real and generated points over D's decision surface (D's probability of "real" on a
 * grid of points, given as the data node's draws), refreshed as training moves on, with buttons
 * that update one phase only — watch D redraw the surface, then G's points climb it.
 */
import { useEffect, useRef } from 'react';
import { gan2dLesson } from '../../../lessons/generative/gan-2d';
import type { LessonRoles } from '../../../lessons/types';
import { trainingController } from '../../training/controller';
import { MissingRoles, useLessonRoles } from '../roles';
import type { LessonViewProps } from '../types';
import { useT } from '../../i18n';
import { useDocumentText } from '../../i18n/document-text';
import { useEditor } from '../../store/editor-store';
import { FiguresSection, NotTraining, Sampling, useModelVersion, useWorkerData } from './common';

const GRID = 40;
const EXTENT = 3;

type Roles = LessonRoles<typeof gan2dLesson.roles>;

/** Row-major grid points over [−EXTENT, EXTENT]², top row first. */
function gridPoints(): Float32Array {
  const out = new Float32Array(GRID * GRID * 2);
  for (let r = 0; r < GRID; r++)
    for (let c = 0; c < GRID; c++) {
      out[2 * (r * GRID + c)] = -EXTENT + ((c + 0.5) / GRID) * 2 * EXTENT;
      out[2 * (r * GRID + c) + 1] = EXTENT - ((r + 0.5) / GRID) * 2 * EXTENT;
    }
  return out;
}

interface Picture {
  real: Float32Array;
  fake: Float32Array;
  surface: Float32Array;
}

async function loadPicture({ data, generator, judge }: Roles): Promise<Picture> {
  const real = (await trainingController.sampleNode(data.node, data.port, 512)).data;
  const fake = (await trainingController.sampleNode(generator.node, generator.port, 512)).data;
  // D's probability of "real" over a grid of points given as the data node's draw; flat without a judge.
  const logits = judge ? (await trainingController.sampleNode(judge.node, judge.port, GRID * GRID, { [data.node]: { [data.port]: gridPoints() } })).data : new Float32Array(GRID * GRID);
  return { real, fake, surface: logits.map((l) => 1 / (1 + Math.exp(-l))) };
}

function Plot({ picture }: { picture: Picture }) {
  const t = useT();
  const ref = useRef<HTMLCanvasElement>(null);
  const size = 280;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const cell = size / GRID;
    picture.surface.forEach((p, i) => {
      // Violet where D says fake, amber where it says real.
      ctx.fillStyle = `rgb(${Math.round(70 + 180 * p)},${Math.round(60 + 120 * p)},${Math.round(150 - 110 * p)})`;
      ctx.fillRect((i % GRID) * cell, Math.floor(i / GRID) * cell, cell + 0.5, cell + 0.5);
    });
    const dot = (pts: Float32Array, colour: string) => {
      ctx.fillStyle = colour;
      for (let i = 0; i < pts.length; i += 2) ctx.fillRect(((pts[i] + EXTENT) / (2 * EXTENT)) * size - 1.5, ((EXTENT - pts[i + 1]) / (2 * EXTENT)) * size - 1.5, 3, 3);
    };
    dot(picture.real, '#ffffff');
    dot(picture.fake, '#111111');
  }, [picture]);
  return <canvas ref={ref} width={size} height={size} role="img" aria-label={t('lv.gan2d.plot')} />;
}

export function Gan2dView({ view }: LessonViewProps) {
  const t = useT();
  const text = useDocumentText(useEditor((s) => s.doc));
  const { version, plan, live } = useModelVersion();
  const { roles, missing } = useLessonRoles(gan2dLesson);
  const { data: picture, error } = useWorkerData(live && roles ? () => loadPicture(roles) : null, version);
  const phases = plan?.phases ?? [];
  return (
    <div className="lesson-view" data-lesson-view={view}>
      <section className="inspector-section" aria-label={t('lv.gan2d.section')}>
        <h3>{t('lv.gan2d.title')}</h3>
        {!live ? <NotTraining what={t('lv.gan2d.what')} /> : picture ? <Plot picture={picture} /> : <Sampling />}
        {error && <p className="empty-note" role="alert">{error}</p>}
        <MissingRoles lesson={gan2dLesson} missing={missing} />
        <div className="variant-list">
          {phases.map((p) => (
            <button key={p.id} type="button" className="btn btn-small" title={t('lv.gan2d.stepOnly', { phase: text.phaseName(p) })} onClick={() => void trainingController.step(p.id)}>
              {t('lv.gan2d.step', { networks: p.updates.join('+') })}
            </button>
          ))}
        </div>
      </section>
      <FiguresSection
        view={view}
        keys={['modesCovered', 'withinShare', 'minModeShare', 'modeShares']}
        labels={{ modesCovered: t('lv.gan2d.modesCovered'), withinShare: t('lv.gan2d.withinShare'), minModeShare: t('lv.gan2d.minModeShare'), modeShares: t('lv.gan2d.modeShares') }}
      />
    </div>
  );
}
