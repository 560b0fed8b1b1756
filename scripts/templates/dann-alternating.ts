import { makeTemplate, phase, sgd } from './builder';
import { buildDannTrunk, DANN_PRESETS, domainClassifier } from './dann-common';

const opt = { optimizer: sgd(0.01, 0.9), lrSchedule: { type: 'dann' as const, alpha: 10, beta: 0.75 } };

export default makeTemplate({
  id: 'dann-alternating',
  title: 'DANN: MNIST → MNIST-M (alternating phases)',
  description: 'The lecture’s version: train the domain classifier, then the features to fool it, in turn.',
  view: 'dann',
  roles: { source: 'src', features: 'F', classifier: 'Cy' },
  lesson: `
The lecture describes domain-adversarial training as a game in two moves, like a GAN:

1. **Domain classifier step** — Cd learns to tell source features (label 0) from target features (1).
2. **Feature step** — F and the digit classifier learn: classify source digits well, and make Cd
   call source features "target" and target features "source".

This is the same idea as the gradient-reversal template without the reversal layer: the reversal
is replaced by flipped domain labels in a separate phase. Compare how fast the two versions
close the gap between the domains.
`,
  build: (g) => {
    buildDannTrunk(g);
    g.node('Cd', 'Classifier', [2, 1], { layers: domainClassifier }, 'Cd (domain, source)');
    g.node('Cd_t', 'Classifier', [2, 3], {}, 'Cd (domain, target)');
    g.share('Cd', 'Cd_t');
    g.wire('F.out', 'Cd.x');
    g.wire('F_t.out', 'Cd_t.x');
    // Half each: one BCE over the mixed batch.
    g.node('L_d_s', 'CrossEntropy', [3, 1], { weight: 0.5 }, 'Cd: source → 0');
    g.node('L_d_t', 'CrossEntropy', [3, 3], { weight: 0.5 }, 'Cd: target → 1');
    g.node('L_f_s', 'CrossEntropy', [4, 1], {}, 'F: source → 1');
    g.node('L_f_t', 'CrossEntropy', [4, 3], {}, 'F: target → 0');
    g.wire('Cd.out', 'L_d_s.logits');
    g.wire('src.domain', 'L_d_s.labels');
    g.wire('Cd_t.out', 'L_d_t.logits');
    g.wire('tgt.domain', 'L_d_t.labels');
    g.wire('Cd.out', 'L_f_s.logits');
    g.wire('tgt.domain', 'L_f_s.labels');
    g.wire('Cd_t.out', 'L_f_t.logits');
    g.wire('src.domain', 'L_f_t.labels');
  },
  phases: [
    phase({ id: 'domain', name: 'Domain classifier step', terms: ['L_d_s', 'L_d_t'], updates: ['Cd'], ...opt }),
    phase({ id: 'features', name: 'Feature step', terms: ['L_y', { loss: 'L_f_s', weight: 0.5 }, { loss: 'L_f_t', weight: 0.5 }], updates: ['F', 'Cy'], ...opt }),
  ],
  presets: DANN_PRESETS,
});
