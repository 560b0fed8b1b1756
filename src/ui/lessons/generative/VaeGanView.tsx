/**
 * VAE-GAN (and the plain-VAE variant): input | reconstruction G(μ(x)) side by side, samples from
 * the prior, and the reconstruction error and sharpness ratio of `ganvas eval`.
 */
import { useState } from 'react';
import type { BaselineResult } from '../../../../workers/training-api';
import type { Plan } from '../../../compiler/plan';
import { vaeGanLesson } from '../../../lessons/generative/vae-gan';
import { findRoles } from '../../../lessons/roles';
import { trainingController } from '../../training/controller';
import { MissingRoles, useLessonRoles } from '../roles';
import type { LessonViewProps } from '../types';
import { VariantBaseline } from '../VariantBaseline';
import { useT } from '../../i18n';
import { FiguresSection, ImageGrid, interleave, NotTraining, Sampling, useModelVersion, useWorkerData } from './common';

const N = 8;

function nodesOf(plan: Plan) {
  const roles = findRoles(plan, vaeGanLesson);
  if (!roles) return null;
  const zDim = plan.nodes.find((n) => n.id === roles.posterior.node)!.outputs[roles.posterior.port].dims[0];
  return { ...roles, zDim };
}

/** The decoder's reconstruction G(μ(x)) of the fixed batch of N inputs (the posterior's ε = 0): the view's and the baseline's. */
function reconstructionSample(nodes: NonNullable<ReturnType<typeof nodesOf>>) {
  return { node: nodes.decoder.node, port: nodes.decoder.port, count: N, draws: { [nodes.posterior.node]: { eps: new Float32Array(N * nodes.zDim) } } };
}

async function load(nodes: NonNullable<ReturnType<typeof nodesOf>>) {
  // The batch of N is drawn the same every time (and in the baseline), so x is the decoder's input.
  const input = await trainingController.sampleNode(nodes.data.node, nodes.data.port, N);
  const r = reconstructionSample(nodes);
  const recon = await trainingController.sampleNode(r.node, r.port, N, { ...r.draws, [nodes.data.node]: { [nodes.data.port]: input.data } });
  const prior = nodes.prior ? await trainingController.sampleNode(nodes.prior.node, nodes.prior.port, N) : null;
  return { input: input.data, recon: recon.data, shape: input.shape.slice(1), prior };
}

export function VaeGanView({ view }: LessonViewProps) {
  const t = useT();
  const { version, plan, live } = useModelVersion();
  const nodes = plan ? nodesOf(plan) : null;
  const [baseline, setBaseline] = useState<BaselineResult | null>(null);
  // The plain VAE's reconstructions of the same faces, once its baseline is trained (not in the variant itself).
  const plain = baseline?.samples[0]?.data;
  const hasGan = plan?.roles.judge !== undefined;
  const { missing } = useLessonRoles(vaeGanLesson);
  const { data, error } = useWorkerData(live && nodes ? () => load(nodes) : null, version);
  return (
    <div className="lesson-view" data-lesson-view={view}>
      <section className="inspector-section" aria-label={t('lv.vae.label')}>
        <h3>{plain ? t('lv.vae.withPlainTitle') : t('lv.vae.title')}</h3>
        {!live ? (
          <NotTraining what={t('lv.vae.what')} />
        ) : data ? (
          plain ? (
            <ImageGrid data={interleave([data.input, plain, data.recon], N)} shape={[3 * N, ...data.shape]} cols={6} label={t('lv.vae.withPlain')} />
          ) : (
            <ImageGrid data={interleave([data.input, data.recon], N)} shape={[2 * N, ...data.shape]} cols={4} label={t('lv.vae.pairs')} />
          )
        ) : (
          <Sampling />
        )}
        {data?.prior && (
          <>
            <h3>{t('lv.vae.prior')}</h3>
            <ImageGrid data={data.prior.data} shape={data.prior.shape} cols={4} label={t('lv.vae.prior')} />
          </>
        )}
        {error && <p className="empty-note" role="alert">{error}</p>}
        <MissingRoles lesson={vaeGanLesson} missing={missing} />
      </section>
      {hasGan && nodes && (
        <VariantBaseline
          view={view}
          variant="plain-vae"
          samples={[reconstructionSample(nodes)]}
          onResult={setBaseline}
          figures={[
            { key: 'reconstructionMse', label: t('lv.vae.mse') },
            { key: 'sharpnessRatio', label: t('lv.vae.sharpnessRatio') },
          ]}
        />
      )}
      <FiguresSection
        view={view}
        keys={['reconstructionMse', 'sharpnessRatio', 'sharpnessReconstruction', 'sharpnessReal']}
        labels={{ reconstructionMse: t('lv.vae.mse'), sharpnessRatio: t('lv.vae.sharpnessRatio'), sharpnessReconstruction: t('lv.vae.sharpnessReconstruction'), sharpnessReal: t('lv.vae.sharpnessReal') }}
      />
    </div>
  );
}
