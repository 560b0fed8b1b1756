/**
 * VAE-GAN (and the plain-VAE variant): input | reconstruction G(μ(x)) side by side, samples from
 * the prior, and the reconstruction error and sharpness ratio of `ganvas eval`.
 */
import type { Plan } from '../../../compiler/plan';
import { trainingController } from '../../training/controller';
import type { LessonViewProps } from '../types';
import { FiguresSection, ImageGrid, NotTraining, useModelVersion, useWorkerData } from './common';

const N = 8;

function nodesOf(plan: Plan) {
  const rep = plan.nodes.find((n) => n.kind === 'Reparameterize');
  const decoder = rep && plan.nodes.find((n) => n.kind === 'Generator' && n.inputs.x?.node === rep.id);
  const data = plan.nodes.find((n) => n.kind === 'Dataset');
  if (!rep || !decoder || !data) return null;
  const zDim = rep.outputs.z.dims[0];
  // The same decoder applied to prior noise (shares its weights), when the graph has one.
  const prior = plan.nodes.find((n) => n.kind === 'Generator' && n.id !== decoder.id && n.group === decoder.group);
  return { data: data.id, rep: rep.id, decoder: decoder.id, zDim, prior: prior?.id };
}

async function load(nodes: NonNullable<ReturnType<typeof nodesOf>>) {
  const input = await trainingController.sampleNode(nodes.data, 'x', N);
  const recon = await trainingController.sampleNode(nodes.decoder, 'out', N, { [nodes.data]: { x: input.data }, [nodes.rep]: { eps: new Float32Array(N * nodes.zDim) } });
  // Pairs interleaved: input, reconstruction, input, reconstruction, …
  const size = input.data.length / N;
  const pairs = new Float32Array(input.data.length * 2);
  for (let i = 0; i < N; i++) {
    pairs.set(input.data.subarray(i * size, (i + 1) * size), 2 * i * size);
    pairs.set(recon.data.subarray(i * size, (i + 1) * size), (2 * i + 1) * size);
  }
  const prior = nodes.prior ? await trainingController.sampleNode(nodes.prior, 'out', N) : null;
  return { pairs, shape: [2 * N, ...input.shape.slice(1)], prior };
}

export function VaeGanView({ view }: LessonViewProps) {
  const { version, plan, live } = useModelVersion();
  const nodes = plan ? nodesOf(plan) : null;
  const { data, error } = useWorkerData(live && nodes ? () => load(nodes) : null, version);
  return (
    <div className="lesson-view" data-lesson-view={view}>
      <section className="inspector-section" aria-label="Reconstructions">
        <h3>Input | reconstruction</h3>
        {!live ? <NotTraining what="reconstructions" /> : data ? <ImageGrid data={data.pairs} shape={data.shape} cols={4} label="Inputs and their reconstructions, in pairs" /> : <p className="empty-note">Sampling…</p>}
        {data?.prior && (
          <>
            <h3>Samples from the prior</h3>
            <ImageGrid data={data.prior.data} shape={data.prior.shape} cols={4} label="Samples from the prior" />
          </>
        )}
        {error && <p className="empty-note" role="alert">{error}</p>}
        <p className="inspector-desc">Open the plain-VAE variant and train it to compare its blurrier reconstructions.</p>
      </section>
      <FiguresSection
        view={view}
        count={64}
        keys={['reconstructionMse', 'sharpnessRatio', 'sharpnessReconstruction', 'sharpnessReal']}
        labels={{ reconstructionMse: 'Reconstruction error (MSE)', sharpnessRatio: 'Sharpness: reconstructions / real', sharpnessReconstruction: 'Sharpness of reconstructions', sharpnessReal: 'Sharpness of real images' }}
      />
    </div>
  );
}
