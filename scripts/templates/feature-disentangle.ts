import { adam, makeTemplate, phase } from './builder';
import { mlp, relu } from './layers';
import { SPEECH } from '../../src/graph/datasets';

const frames = SPEECH.frames;
const bins = SPEECH.bins;

export default makeTemplate({
  id: 'feature-disentangle',
  title: 'Feature disentangle: content and speaker',
  description: 'Two encoders split an utterance into what is said and who says it; the decoder puts them back together.',
  view: 'feature-disentangle',
  roles: { data: 'data', content: 'Ec', speaker: 'Es', decoder: 'Dec' },
  lesson: `
An utterance carries both **content** (the phonemes) and **speaker** (pitch, timbre). Two encoders
split them: E_c(x) for content, E_s(x) for the speaker, and a decoder rebuilds x̂ = Dec(E_c(x), E_s(x)).

Reconstruction alone does not say which encoder keeps what. Two more losses do:

- **Speaker encoder**: two utterances of the same speaker → embeddings close; of different
  speakers → at least a margin apart (a contrastive hinge).
- **Content encoder**: a speaker classifier reads E_c(x) through a **gradient reversal** layer, so
  E_c learns to hide the speaker.

Then voice conversion is a recombination: Dec(E_c(x_A), E_s(x_B)) says A's words in B's voice.
Metric: speaker accuracy of a probe on E_c (should be near chance) and on E_s (high).
`,
  build: (g) => {
    g.node('data', 'Dataset', [0, 1], { name: 'speech', range: '-1..1' }, 'utterances');
    // A bounded content code: through the reversal the speaker classifier pays E_c to make its logits
    // extreme, and an unbounded E_c answers by growing without end (to ~10⁶), drowning the content.
    g.node('Ec', 'Encoder', [1, 0], { layers: [...mlp([256, 128], 16, relu, true), { type: 'tanh' }] }, 'E_c (content)');
    g.node('Es', 'Encoder', [1, 2], { layers: mlp([256], 16, relu, true) }, 'E_s (speaker)');
    g.node('Es2', 'Encoder', [1, 3], {}, 'E_s (same speaker)');
    g.share('Es', 'Es2');
    g.wire('data.x', 'Ec.x');
    g.wire('data.x', 'Es.x');
    g.wire('data.x2', 'Es2.x');
    g.node('cs', 'Concat', [2, 1], {}, 'content ⊕ speaker');
    g.wire('Ec.out', 'cs.a');
    g.wire('Es.out', 'cs.b');
    g.node('Dec', 'Generator', [3, 1], {
      layers: [{ type: 'dense', units: 256 }, { type: 'relu' }, { type: 'dense', units: frames * bins }, { type: 'reshape', shape: [frames, bins, 1] }, { type: 'tanh' }],
    }, 'Dec');
    g.wire('cs.out', 'Dec.x');
    g.node('L_rec', 'ReconstructionLoss', [4, 1], { metric: 'l2' }, '‖x − x̂‖²');
    g.wire('Dec.out', 'L_rec.prediction');
    g.wire('data.x', 'L_rec.target');
    g.node('L_spk', 'ContrastivePair', [2, 3], { margin: 2, weight: 0.2 }, 'same speaker close, others apart');
    g.wire('Es.out', 'L_spk.a');
    g.wire('Es2.out', 'L_spk.b');
    g.wire('data.speaker', 'L_spk.label');
    g.node('grl', 'GradientReversal', [2, 0], { schedule: 'dann', lambda: 1, gamma: 10 }, 'GRL');
    g.wire('Ec.out', 'grl.x');
    g.node('Cls', 'Classifier', [3, 0], { layers: mlp([64], SPEECH.speakers, relu) }, 'speaker classifier');
    g.wire('grl.out', 'Cls.x');
    g.node('L_adv', 'CrossEntropy', [4, 0], { weight: 0.1 }, 'speaker from content');
    g.wire('Cls.out', 'L_adv.logits');
    g.wire('data.speaker', 'L_adv.labels');
  },
  phases: [
    phase({ id: 'train', name: 'Train', terms: ['L_rec', 'L_spk', 'L_adv'], updates: ['Ec', 'Es', 'Dec', 'Cls'], optimizer: adam(1e-3, 0.9) }),
  ],
  presets: {
    tiny: { width: 0.125, batchSize: 8, steps: 3 },
    small: { width: 1, batchSize: 64, steps: 4000 },
    full: { width: 2, batchSize: 128, steps: 20000 },
  },
});
