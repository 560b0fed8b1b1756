/**
 * Photo editing: pick a face (or upload one); see the three ways back to z — descent from noise,
 * z = E(x), E(x) then descent — with their reconstruction errors, and edit the face with attribute
 * sliders (z + Σ α·v, v from the labels: mean E(x) with the attribute − without) or with a brush:
 * paint colour strokes on the projected face and Apply solves
 * z* = argmin_z U(G(z)) + λ1‖z − z0‖² − λ2·D(G(z)) (Zhu et al.): fit the strokes where painted,
 * stay near the face's code z0, stay where the discriminator believes the picture.
 */
import { useEffect, useState } from 'react';
import { toUnitRange } from '../../../analysis/index';
import { decodeImage, resizeCrop } from '../../../data/images';
import { meanImageError, PHOTO_EDITING_LESSON } from '../../../lessons/features/photo-editing';
import type { LessonRoles } from '../../../lessons/types';
import { trainingController } from '../../training/controller';
import { MissingRoles, useLessonRoles } from '../roles';
import type { LessonViewProps } from '../types';
import { t, useT } from '../../i18n';
import { useRichT } from '../../i18n/rich';
import { Figure, FiguresStep, fixed, ImageCanvas, percent, useLessonFigures, Waiting } from './shared';
import { noStrokes, StrokeCanvas, strokeCount, strokeTarget, type Strokes } from './StrokeCanvas';

const FACES = 8;
const STEPS = 100;
/** Descent steps of a brush edit. */
const EDIT_STEPS = 100;

/** What the view reads: the faces, E, G, the z feeding G, and D on G's pictures (the realism term). */
type Roles = LessonRoles<typeof PHOTO_EDITING_LESSON.roles>;

/** Which face is projected: one of the test faces drawn in the worker, or the user's picture. */
type Source = { kind: 'picked'; index: number } | { kind: 'upload'; name: string; x: Float32Array };

interface Projections {
  /** The face, [h, w, 3] in [0, 1]. */
  face: Float32Array;
  side: number;
  /** Which face: "face:3" or "upload:<file name>". */
  source: string;
  /** E(x). */
  code: Float32Array;
  results: { name: string; z: Float32Array; image: Float32Array; error: number }[];
}

/** A brush edit: the face before (z0) and after, each with its stroke error and D's verdict. */
interface Edit {
  image: Float32Array;
  z: Float32Array;
  /** Mean squared error on the painted values, [0, 1] units like the projections' errors. */
  errorBefore: number;
  errorAfter: number;
  /** σ(D's logit): how real D finds the picture. */
  realBefore: number;
  realAfter: number;
}

const generate = async ({ generator, code }: Roles, z: Float32Array) =>
  toUnitRange((await trainingController.sampleNode(generator.node, generator.port, 1, undefined, { [code.node]: { [code.port]: z } })).data);
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

async function project(roles: Roles, source: Source): Promise<Projections> {
  const { data, encoder } = roles;
  let target: Float32Array;
  let code: Float32Array;
  if (source.kind === 'picked') {
    const xs = await trainingController.sampleNode(data.node, data.port, FACES);
    const size = xs.data.length / FACES;
    target = xs.data.slice(source.index * size, (source.index + 1) * size);
    const codes = await trainingController.sampleNode(encoder.node, encoder.port, FACES);
    const d = codes.data.length / FACES;
    code = codes.data.slice(source.index * d, (source.index + 1) * d);
  } else {
    target = source.x;
    code = (await trainingController.sampleNode(encoder.node, encoder.port, 1, { [data.node]: { [data.port]: source.x } })).data;
  }
  const noise = (await trainingController.sampleNode(roles.code.node, roles.code.port, 1)).data;
  const descend = (start: Float32Array) => trainingController.optimiseInput({ output: roles.generator, input: roles.code, count: 1, target, start, steps: STEPS, lr: 0.05 });
  const face = toUnitRange(target);
  const fromNoise = await descend(noise);
  const fromEncoder = await descend(code);
  const results = [];
  for (const [name, z] of [
    [t('lv.pe.descent'), fromNoise.input],
    ['(2) z = E(x)', code],
    [t('lv.pe.encoderThenDescent'), fromEncoder.input],
  ] as const) {
    const image = await generate(roles, z);
    results.push({ name, z, image, error: meanImageError(image, face, 1) });
  }
  const label = source.kind === 'upload' ? `upload:${source.name}` : `face:${source.index + 1}`;
  return { face, side: Math.round(Math.sqrt(face.length / 3)), source: label, code, results };
}

/** Reads a PNG or JPEG and scales/crops it to the faces' size, values in [-1, 1] like the data. */
async function readFace({ data }: Roles, file: File): Promise<Float32Array> {
  const [, h, w, c] = (await trainingController.sampleNode(data.node, data.port, 1)).shape;
  if (c !== 3) throw new Error(t('lv.pe.channels', { c }));
  const unit = resizeCrop(decodeImage(new Uint8Array(await file.arrayBuffer())), { height: h, width: w, channels: 3 });
  return Float32Array.from(unit, (v) => v * 2 - 1);
}

export function PhotoEditingView({ view }: LessonViewProps) {
  const { figures, step: figuresStep, error } = useLessonFigures(view);
  const [source, setSource] = useState<Source>({ kind: 'picked', index: 0 });
  const [projections, setProjections] = useState<Projections | null>(null);
  const [alphas, setAlphas] = useState<Record<string, number>>({});
  const [edited, setEdited] = useState<Float32Array | null>(null);
  const [projecting, setProjecting] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  // The brush: the face painted on (its code z0 and picture), the strokes, the weights, the result.
  const [base, setBase] = useState<{ z: Float32Array; image: Float32Array } | null>(null);
  const [strokes, setStrokes] = useState<Strokes | null>(null);
  const [colour, setColour] = useState('#d03030');
  const [brush, setBrush] = useState(2);
  const [closeness, setCloseness] = useState(0.05);
  const [realism, setRealism] = useState(0.05);
  const [edit, setEdit] = useState<Edit | null>(null);
  const [applying, setApplying] = useState(false);
  const { roles, missing } = useLessonRoles(PHOTO_EDITING_LESSON);
  const t = useT();
  const rich = useRichT();
  const ready = figures !== null && roles !== null;
  const busy = projecting || applying;

  useEffect(() => {
    if (!ready) return;
    let current = true;
    setProjecting(true);
    void project(roles!, source)
      .then((p) => {
        if (!current) return;
        setProjections(p);
        setMessage(null);
      })
      .catch((e: unknown) => current && setMessage(t('lv.pe.projectFailed', { reason: (e as Error).message })))
      .finally(() => current && setProjecting(false));
    return () => {
      current = false;
    };
  }, [ready, source]);

  // Brush edits start from the best projection, E(x) then descent.
  useEffect(() => {
    if (!projections) return;
    const best = projections.results[projections.results.length - 1];
    setBase({ z: best.z, image: best.image });
  }, [projections]);
  useEffect(() => {
    if (!base || !projections) return;
    setStrokes(noStrokes(projections.side, projections.side));
    setEdit(null);
  }, [base]);

  const directions = (figures?.directions ?? {}) as Record<string, number[]>;
  useEffect(() => {
    if (!projections || !roles) return;
    const z = projections.code.slice();
    for (const [name, alpha] of Object.entries(alphas)) directions[name]?.forEach((v, j) => (z[j] += alpha * v));
    void generate(roles, z)
      .then(setEdited)
      .catch(() => undefined);
    // directions change only with new figures; alphas and projections drive the edit
  }, [projections, alphas]);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    try {
      if (roles) setSource({ kind: 'upload', name: file.name, x: await readFace(roles, file) });
    } catch (e) {
      setMessage(`${file.name}: ${(e as Error).message}`);
    }
  };

  const apply = async () => {
    if (!base || !strokes || !strokeCount(strokes) || !roles) return;
    setApplying(true);
    try {
      const { target, weights } = strokeTarget(strokes, base.image);
      const opts = { output: roles.generator, input: roles.code, count: 1, target, weights, start: base.z, closeness, realism: { ...roles.judge, weight: realism }, lr: 0.05 };
      const before = await trainingController.optimiseInput({ ...opts, steps: 0 });
      const after = await trainingController.optimiseInput({ ...opts, steps: EDIT_STEPS });
      const image = await generate(roles, after.input);
      // The worker's error is in G's range [-1, 1]; a quarter of it is the same error in [0, 1].
      setEdit({
        image,
        z: after.input,
        errorBefore: before.error[0] / 4,
        errorAfter: after.error[0] / 4,
        realBefore: sigmoid(before.realism?.[0] ?? NaN),
        realAfter: sigmoid(after.realism?.[0] ?? NaN),
      });
      setMessage(null);
    } catch (e) {
      setMessage(t('lv.pe.applyFailed', { reason: (e as Error).message }));
    } finally {
      setApplying(false);
    }
  };

  if (missing.length) return <MissingRoles lesson={PHOTO_EDITING_LESSON} missing={missing} />;
  if (!figures) return <Waiting error={error} />;
  const err = figures.reconstructionError as Record<string, number>;
  const attributes = figures.attributes as Record<string, { judgeAccuracy: number; trusted: boolean; flipShare: number }>;
  const side = projections?.side ?? 32;
  const painted = strokes ? strokeCount(strokes) : 0;
  return (
    <section data-lesson-view="photo-editing">
      <FiguresStep step={figuresStep} />
      <p>
        {rich('lv.pe.errors', {
          descent: <Figure name="reconstructionError.descent" value={err.descent}>{fixed(err.descent, 4)}</Figure>,
          encoder: <Figure name="reconstructionError.encoder" value={err.encoder}>{fixed(err.encoder, 4)}</Figure>,
          both: <Figure name="reconstructionError.encoderThenDescent" value={err.encoderThenDescent}>{fixed(err.encoderThenDescent, 4)}</Figure>,
          flip: <Figure name="flipShare" value={figures.flipShare}>{percent(figures.flipShare)}</Figure>,
          identity: <Figure name="identityChange" value={figures.identityChange}>{fixed(Number(figures.identityChange), 4)}</Figure>,
        })}
      </p>
      <div>
        {Array.from({ length: FACES }, (_, i) => (
          <button type="button" key={i} onClick={() => setSource({ kind: 'picked', index: i })} aria-pressed={source.kind === 'picked' && i === source.index} disabled={busy}>
            {t('lv.face', { n: i + 1 })}
          </button>
        ))}{' '}
        <label style={{ fontSize: 12 }}>
          {t('lv.pe.upload')}{' '}
          <input
            type="file"
            accept="image/png,image/jpeg"
            aria-label={t('lv.pe.uploadLabel')}
            disabled={busy}
            onChange={(e) => {
              void upload(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      {message && (
        <p role="alert" style={{ color: '#c33', fontSize: 12 }}>
          {message}
        </p>
      )}
      {projections && (
        <div data-testid="pe-projections" data-source={projections.source} aria-busy={projecting}>
          <ImageCanvas testId="pe-face" data={projections.face} h={side} w={side} c={3} scale={4} label={projections.source.startsWith('upload:') ? t('lv.pe.theFaceOf', { name: projections.source.slice(7) }) : t('lv.pe.theFace')} />
          {projections.results.map((r) => (
            <span key={r.name} data-testid="pe-projection" data-value={JSON.stringify(r.error)}>
              <ImageCanvas data={r.image} h={side} w={side} c={3} scale={4} label={`${r.name}: ${fixed(r.error, 4)}`} />
            </span>
          ))}
          {edited && <ImageCanvas testId="pe-edited" data={edited} h={side} w={side} c={3} scale={4} label={t('lv.pe.edited')} />}
        </div>
      )}
      <div>
        {Object.keys(directions).map((name) => (
          <label key={name} style={{ display: 'block', fontSize: 12 }}>
            {t(attributes[name]?.trusted === false ? 'lv.pe.attributeNotCounted' : 'lv.pe.attribute', { name, accuracy: percent(attributes[name]?.judgeAccuracy), flip: percent(attributes[name]?.flipShare) })}{' '}
            <input type="range" min={-2} max={2} step={0.1} value={alphas[name] ?? 0} data-testid={`pe-slider-${name}`} onChange={(e) => setAlphas((a) => ({ ...a, [name]: Number(e.target.value) }))} />
          </label>
        ))}
      </div>
      {base && strokes && (
        <div data-testid="pe-brush">
          <p style={{ fontSize: 12 }}>{t('lv.pe.brushHelp', { judge: roles?.judge.node ?? '' })}</p>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', fontSize: 12 }}>
            <label>
              {t('lv.pe.colour')} <input type="color" aria-label={t('lv.pe.strokeColour')} value={colour} onChange={(e) => setColour(e.target.value)} />
            </label>
            <label>
              {t('lv.pe.brush', { px: brush })} <input type="range" aria-label={t('lv.pe.brushSize')} min={1} max={4} step={1} value={brush} onChange={(e) => setBrush(Number(e.target.value))} />
            </label>
            <label>
              {t('lv.pe.closeness')} {fixed(closeness, 2)} <input type="range" aria-label={t('lv.pe.closeness')} min={0} max={1} step={0.01} value={closeness} onChange={(e) => setCloseness(Number(e.target.value))} />
            </label>
            <label>
              {t('lv.pe.realism')} {fixed(realism, 2)} <input type="range" aria-label={t('lv.pe.realism')} min={0} max={1} step={0.01} value={realism} onChange={(e) => setRealism(Number(e.target.value))} />
            </label>
            <button type="button" onClick={() => setStrokes(noStrokes(strokes.h, strokes.w))} disabled={applying || painted === 0}>
              {t('lv.pe.clearStrokes')}
            </button>
            <button type="button" onClick={() => void apply()} disabled={busy || painted === 0} aria-busy={applying}>
              {applying ? t('lv.pe.applying') : t('lv.pe.apply')}
            </button>
            {edit && (
              <button type="button" onClick={() => setBase({ z: edit.z, image: edit.image })} disabled={busy}>
                {t('lv.pe.editFurther')}
              </button>
            )}
          </div>
          <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start' }}>
            <StrokeCanvas testId="pe-stroke-canvas" label={t('lv.pe.paintHere')} base={base.image} strokes={strokes} onChange={setStrokes} colour={colour} brush={brush} scale={5} disabled={applying} />
            {edit && <ImageCanvas testId="pe-stroke-result" data={edit.image} h={side} w={side} c={3} scale={4} label={t('lv.pe.afterStrokes')} />}
          </div>
          {edit && (
            <p style={{ fontSize: 12 }} data-testid="pe-stroke-figures">
              {rich('lv.pe.strokeFigures', {
                before: <b data-testid="pe-stroke-error-before" data-value={JSON.stringify(edit.errorBefore)}>{fixed(edit.errorBefore, 4)}</b>,
                after: <b data-testid="pe-stroke-error-after" data-value={JSON.stringify(edit.errorAfter)}>{fixed(edit.errorAfter, 4)}</b>,
                realBefore: <b data-testid="pe-real-before" data-value={JSON.stringify(edit.realBefore)}>{fixed(edit.realBefore, 3)}</b>,
                realAfter: <b data-testid="pe-real-after" data-value={JSON.stringify(edit.realAfter)}>{fixed(edit.realAfter, 3)}</b>,
              })}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
