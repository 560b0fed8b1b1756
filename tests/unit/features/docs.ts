/** Small documents for the feature tests, written with the templates' builder. */
import { adam, makeTemplate, phase, type PhaseSpec } from '../../../scripts/templates/builder';
import type { Layer } from '../../../src/graph/layers';
import type { GraphDocument } from '../../../src/graph/document';

export interface GanOptions {
  generator?: Layer[];
  discriminator?: Layer[];
  /** Extra fields for the D and G phases. */
  d?: Partial<PhaseSpec>;
  g?: Partial<PhaseSpec>;
  /** Params of G (e.g. ema), of the adversarial losses. */
  gParams?: Record<string, unknown>;
  realLoss?: Record<string, unknown>;
  batchSize?: number;
}

/** The 2-D GAN of the hello-world template, small: z(4) → G → point; D on real and fake points. */
export function tinyGan(o: GanOptions = {}): GraphDocument {
  return makeTemplate({
    id: 'tiny-gan',
    title: 'Tiny GAN',
    description: 'A small GAN on the ring of eight Gaussians, for tests.',
    view: 'gan-2d',
    lesson: '',
    build: (g) => {
      g.node('data', 'Dataset', [0, 0], { name: 'ring8' });
      g.node('z', 'Noise', [0, 2], { dim: 4, distribution: 'normal' });
      g.node('G', 'Generator', [1, 2], { layers: o.generator ?? [{ type: 'dense', units: 6 }, { type: 'batchNorm', momentum: 0.9 }, { type: 'relu' }, { type: 'dense', units: 2 }], ...o.gParams });
      g.node('D', 'Discriminator', [2, 0], { layers: o.discriminator ?? [{ type: 'dense', units: 5 }, { type: 'leakyRelu', alpha: 0.2 }, { type: 'dense', units: 1 }] });
      g.node('D_fake', 'Discriminator', [2, 2], {});
      g.share('D', 'D_fake');
      g.wire('data.x', 'D.x');
      g.wire('z.z', 'G.x');
      g.wire('G.out', 'D_fake.x');
      g.node('L_real', 'AdversarialLoss', [3, 0], { target: 'real', ...o.realLoss });
      g.node('L_fake', 'AdversarialLoss', [3, 1], { target: 'fake' });
      g.node('L_G', 'AdversarialLoss', [3, 2], { target: 'real' });
      g.wire('D.out', 'L_real.logits');
      g.wire('D_fake.out', 'L_fake.logits');
      g.wire('D_fake.out', 'L_G.logits');
    },
    phases: [
      phase({ id: 'd', name: 'D step', terms: ['L_real', 'L_fake'], updates: ['D'], optimizer: adam(1e-2), ...o.d }),
      phase({ id: 'g', name: 'G step', terms: ['L_G'], updates: ['G'], optimizer: adam(1e-2), ...o.g }),
    ],
    presets: {
      tiny: { width: 1, batchSize: o.batchSize ?? 8, steps: 20 },
      small: { width: 1, batchSize: o.batchSize ?? 8, steps: 20 },
      full: { width: 1, batchSize: o.batchSize ?? 8, steps: 20 },
    },
  });
}
