/**
 * InfoGAN: the lecture's figure — rows fix c1, columns sweep c2 (then c3) from −2 to 2, one fixed
 * z for the whole grid — plus sliders for every code on a single picture, and c1's accuracy on
 * the held-out digits with its confusion matrix.
 */
import { useState } from 'react';
import type { Plan, PlanPortRef } from '../../../compiler/plan';
import { infoganLesson } from '../../../lessons/generative/infogan';
import { findRoles } from '../../../lessons/roles';
import { trainingController } from '../../training/controller';
import { MissingRoles, useLessonRoles } from '../roles';
import type { LessonViewProps } from '../types';
import { useT } from '../../i18n';
import { ConfusionMatrix, FiguresSection, fixedNormals, ImageGrid, NotTraining, oneHots, Sampling, useModelVersion, useWorkerData } from './common';

export const SWEEP = [-2, -1, 0, 1, 2];

/** A code node's output, as the draws that replace it (the code nodes draw under their port's name). */
interface Code {
  ref: PlanPortRef;
  dim: number;
}

interface CodeNodes {
  generator: PlanPortRef;
  noise: Code;
  categorical: Code;
  continuous: Code;
}

function nodesOf(plan: Plan): CodeNodes | null {
  const roles = findRoles(plan, infoganLesson);
  if (!roles) return null;
  const code = (ref: PlanPortRef): Code => ({ ref, dim: plan.nodes.find((n) => n.id === ref.node)!.outputs[ref.port].dims[0] });
  return { generator: roles.generator, noise: code(roles.noise), categorical: code(roles.category), continuous: code(roles.continuous) };
}

const draw = (code: Code, values: Float32Array) => ({ [code.ref.node]: { [code.ref.port]: values } });

/** The traversal's codes: row r has c1 = r; columns sweep each continuous code in turn, the others at 0. */
export function traversalCodes(k: number, dim: number): { classes: number[]; continuous: Float32Array; cols: number } {
  const cols = SWEEP.length * dim;
  const classes: number[] = [];
  const continuous = new Float32Array(k * cols * dim);
  for (let r = 0; r < k; r++)
    for (let col = 0; col < cols; col++) {
      const i = r * cols + col;
      classes.push(r);
      continuous[i * dim + Math.floor(col / SWEEP.length)] = SWEEP[col % SWEEP.length];
    }
  return { classes, continuous, cols };
}

function repeated(row: Float32Array, n: number): Float32Array {
  const out = new Float32Array(row.length * n);
  for (let i = 0; i < n; i++) out.set(row, i * row.length);
  return out;
}

async function traversal(nodes: CodeNodes) {
  const { classes, continuous, cols } = traversalCodes(nodes.categorical.dim, nodes.continuous.dim);
  const n = classes.length;
  const out = await trainingController.sampleNode(nodes.generator.node, nodes.generator.port, n, {
    ...draw(nodes.noise, repeated(fixedNormals(nodes.noise.dim), n)),
    ...draw(nodes.categorical, oneHots(classes, nodes.categorical.dim)),
    ...draw(nodes.continuous, continuous),
  });
  return { ...out, cols };
}

async function single(nodes: CodeNodes, c1: number, codes: number[]) {
  return trainingController.sampleNode(nodes.generator.node, nodes.generator.port, 1, {
    ...draw(nodes.noise, fixedNormals(nodes.noise.dim)),
    ...draw(nodes.categorical, oneHots([c1], nodes.categorical.dim)),
    ...draw(nodes.continuous, Float32Array.from(codes)),
  });
}

export function InfoganView({ view }: LessonViewProps) {
  const t = useT();
  const { version, plan, live } = useModelVersion();
  const nodes = plan ? nodesOf(plan) : null;
  const { missing } = useLessonRoles(infoganLesson);
  const [c1, setC1] = useState(0);
  const [codes, setCodes] = useState<number[]>([0, 0]);
  const grid = useWorkerData(live && nodes ? () => traversal(nodes) : null, version);
  const one = useWorkerData(live && nodes ? () => single(nodes, c1, codes.slice(0, nodes.continuous.dim)) : null, `${version}:${c1}:${codes.join(',')}`);
  return (
    <div className="lesson-view" data-lesson-view={view}>
      <section className="inspector-section" aria-label={t('lv.infogan.traversal')}>
        <h3>{t('lv.infogan.traversalTitle')}</h3>
        {!live ? <NotTraining what={t('lv.infogan.traversalWhat')} /> : grid.data ? <ImageGrid data={grid.data.data} shape={grid.data.shape} cols={grid.data.cols} scale={1} label={t('lv.infogan.traversalLabel')} /> : <Sampling />}
        {grid.error && <p className="empty-note" role="alert">{grid.error}</p>}
        <MissingRoles lesson={infoganLesson} missing={missing} />
      </section>
      {nodes && (
        <section className="inspector-section" aria-label={t('lv.infogan.codes')}>
          <h3>{t('lv.infogan.everyCode')}</h3>
          <label>
            c1{' '}
            <input type="range" min={0} max={nodes.categorical.dim - 1} step={1} value={c1} aria-label="c1" onChange={(e) => setC1(Number(e.target.value))} /> {c1}
          </label>
          {Array.from({ length: nodes.continuous.dim }, (_, i) => (
            <label key={i} style={{ display: 'block' }}>
              c{i + 2}{' '}
              <input type="range" min={-2} max={2} step={0.1} value={codes[i] ?? 0} aria-label={`c${i + 2}`} onChange={(e) => setCodes((old) => Object.assign([...old], { [i]: Number(e.target.value) }))} /> {(codes[i] ?? 0).toFixed(1)}
            </label>
          ))}
          {one.data && <ImageGrid data={one.data.data} shape={one.data.shape} cols={1} scale={4} label={t('lv.infogan.picture')} />}
        </section>
      )}
      <FiguresSection view={view} keys={['accuracy', 'categoriesUsed', 'examples']} labels={{ accuracy: t('lv.infogan.accuracy'), categoriesUsed: t('lv.infogan.categoriesUsed'), examples: t('lv.heldOutDigits') }}>
        {(f) => <ConfusionMatrix matrix={f.confusion as number[][]} label={t('lv.infogan.confusion')} />}
      </FiguresSection>
    </div>
  );
}
