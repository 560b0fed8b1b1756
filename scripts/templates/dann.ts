import { makeTemplate, phase, sgd, variant } from './builder';
import { buildDannTrunk, DANN_PRESETS, domainClassifier, unboundedFeatureExtractor } from './dann-common';

const train = (terms: string[], updates: string[]) =>
  phase({ id: 'train', name: 'Train', terms, updates, optimizer: sgd(0.01, 0.9), lrSchedule: { type: 'dann', alpha: 10, beta: 0.75 } });

export default makeTemplate({
  id: 'dann',
  title: 'DANN: MNIST → MNIST-M (gradient reversal)',
  description: 'Learns features that classify digits but cannot tell which domain they came from.',
  view: 'dann',
  roles: { source: 'src', features: 'F', classifier: 'Cy' },
  lesson: `
A classifier trained on MNIST does poorly on MNIST-M (digits on colour textures): its features
depend on the domain. **Domain-adversarial training** adds a domain classifier Cd that tries to
tell source features from target features, and trains the feature extractor F to defeat it.

The trick is the **gradient reversal layer**: identity going forward, ×(−λ) going backward. Cd
minimises its loss; F receives the reversed gradient and so maximises it. λ ramps up as
\`λ = 2/(1+e^(−10p)) − 1\` over training progress p, and the learning rate decays as
\`0.01/(1+10p)^0.75\`.

Only source labels are used. Compare target accuracy with the **source only** and **train on
target** variants, and watch the PCA of F(x): the two domains' clouds merge.
Our MNIST-M uses generated textures (the original used photo patches), so figures differ.
`,
  build: (g) => {
    buildDannTrunk(g);
    g.node('grl_s', 'GradientReversal', [2, 1], { schedule: 'dann', lambda: 1, gamma: 10 }, 'GRL');
    g.node('grl_t', 'GradientReversal', [2, 3], { schedule: 'dann', lambda: 1, gamma: 10 }, 'GRL');
    g.wire('F.out', 'grl_s.x');
    g.wire('F_t.out', 'grl_t.x');
    g.node('Cd', 'Classifier', [3, 1], { layers: domainClassifier }, 'Cd (domain, source)');
    g.node('Cd_t', 'Classifier', [3, 3], {}, 'Cd (domain, target)');
    g.share('Cd', 'Cd_t');
    g.wire('grl_s.out', 'Cd.x');
    g.wire('grl_t.out', 'Cd_t.x');
    // Half each: together one BCE over the mixed batch, as in the paper (at 1 each, λ is doubled).
    g.node('L_d_s', 'CrossEntropy', [4, 1], { weight: 0.5 }, 'domain loss (source → 0)');
    g.node('L_d_t', 'CrossEntropy', [4, 3], { weight: 0.5 }, 'domain loss (target → 1)');
    g.wire('Cd.out', 'L_d_s.logits');
    g.wire('src.domain', 'L_d_s.labels');
    g.wire('Cd_t.out', 'L_d_t.logits');
    g.wire('tgt.domain', 'L_d_t.labels');
  },
  phases: [train(['L_y', 'L_d_s', 'L_d_t'], ['F', 'Cy', 'Cd'])],
  presets: DANN_PRESETS,
  variants: [
    variant('source-only', 'source only', 'F and Cy trained on MNIST labels alone: the baseline DANN must beat.', {
      remove: ['tgt', 'F_t', 'grl_s', 'grl_t', 'Cd', 'Cd_t', 'L_d_s', 'L_d_t'],
      phases: [train(['L_y'], ['F', 'Cy'])],
    }),
    variant('train-on-target', 'train on target', 'F and Cy trained on MNIST-M’s own labels: the upper bound.', {
      remove: ['tgt', 'F_t', 'grl_s', 'grl_t', 'Cd', 'Cd_t', 'L_d_s', 'L_d_t'],
      set: [
        { node: 'src', param: 'name', value: 'mnist-m' },
        { node: 'src', param: 'channels', value: 'native' },
      ],
      phases: [train(['L_y'], ['F', 'Cy'])],
    }),
    variant('unbounded-features', 'DANN without bounded features', 'F’s features without the final tanh: the reversed gradient grows them without bound and the digit classifier loses its grip.', {
      set: [{ node: 'F', param: 'layers', value: unboundedFeatureExtractor }],
    }),
  ],
});
