import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/compiler/compile';
import type { Plan } from '../../../src/compiler/plan';
import { checkDocument } from '../../../src/graph/checker';
import { SIZE_PRESETS } from '../../../src/graph/document';
import { serializeDocument } from '../../../src/graph/load';
import { applyVariant } from '../../../src/graph/variants';
import { TEMPLATE_SOURCES, templateFileName } from '../../../scripts/templates/index';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTemplate, TEMPLATE_DIR, templateNames } from '../helpers';

function plan(name: string, variant?: string, size: (typeof SIZE_PRESETS)[number] = 'tiny'): Plan {
  const doc = loadTemplate(name);
  const result = compilePlan(variant ? applyVariant(doc, variant) : doc, { size });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.plan;
}

const phaseOf = (p: Plan, id: string) => p.phases.find((x) => x.id === id)!;
const termKinds = (p: Plan, phaseId: string) =>
  phaseOf(p, phaseId).terms.map((t) => p.nodes.find((n) => n.id === t.loss)!.kind);

describe('templates', () => {
  it('are the eleven of the lecture, each with title, description and lesson', () => {
    expect(templateNames()).toEqual([
      'bigan', 'dann', 'dann-alternating', 'feature-disentangle', 'gan-2d', 'infogan', 'inpainting',
      'photo-editing', 'super-resolution', 'triple-gan', 'vae-gan',
    ]);
    for (const name of templateNames()) {
      const doc = loadTemplate(name);
      expect(doc.meta.title.length, name).toBeGreaterThan(5);
      expect(doc.meta.description.length, name).toBeGreaterThan(20);
      expect(doc.meta.lesson.length, name).toBeGreaterThan(300);
    }
  });

  it('have their words in Chinese: title, description, lesson, every phase and variant; labels of nodes they have', () => {
    for (const name of templateNames()) {
      const doc = loadTemplate(name);
      const zh = doc.meta.translations?.zh;
      expect(zh, name).toBeDefined();
      expect(zh!.title?.length, name).toBeGreaterThan(2);
      expect(zh!.description?.length, name).toBeGreaterThan(10);
      expect(zh!.lesson?.length, name).toBeGreaterThan(150);
      const phases = new Set([...doc.phases, ...doc.variants.flatMap((v) => v.phases ?? [])].map((p) => p.id));
      expect(Object.keys(zh!.phases ?? {}).sort(), `${name}: phase names`).toEqual([...phases].sort());
      expect(Object.keys(zh!.variants ?? {}).sort(), `${name}: variants`).toEqual(doc.variants.map((v) => v.id).sort());
      const labelled = new Set([...doc.nodes, ...doc.variants.flatMap((v) => v.addNodes)].filter((n) => n.label).map((n) => n.id));
      for (const id of Object.keys(zh!.nodes ?? {})) expect(labelled.has(id), `${name}: a label for "${id}", which has none`).toBe(true);
    }
  });

  it('match their TypeScript sources (run `npm run templates` after editing those)', () => {
    for (const doc of TEMPLATE_SOURCES) {
      const file = readFileSync(join(TEMPLATE_DIR, templateFileName(doc)), 'utf8');
      expect(file, templateFileName(doc)).toBe(serializeDocument(doc));
    }
  });

  for (const name of templateNames()) {
    it(`${name}: no diagnostics and compiles at every size`, () => {
      const doc = loadTemplate(name);
      for (const size of SIZE_PRESETS) {
        const check = checkDocument({ ...doc, run: { ...doc.run, size } });
        expect(check.diagnostics, `${name} at ${size}`).toEqual([]);
        const compiled = compilePlan(doc, { size });
        expect(compiled.ok, `${name} at ${size}`).toBe(true);
      }
      for (const v of doc.variants) {
        const variant = applyVariant(doc, v.id);
        expect(checkDocument(variant).diagnostics, `${name} / ${v.id}`).toEqual([]);
        expect(compilePlan(variant, { size: 'tiny' }).ok).toBe(true);
      }
    });
  }
});

describe('plans', () => {
  it('InfoGAN: D and Q share the trunk’s parameter group, and L_I is in both phases', () => {
    const p = plan('infogan');
    const D = p.groups.find((g) => g.id === 'D')!;
    const Q = p.groups.find((g) => g.id === 'Q')!;
    expect(D.appliedBy).toEqual(['D', 'D_fake']);
    expect(Q.trunk).toEqual({ group: 'D', node: 'D_fake', layer: 'trunk' });
    // Q's losses reach the trunk's group: its gradient flows into D's shared weights.
    for (const id of ['L_c1', 'L_c23']) {
      const loss = p.losses.find((l) => l.id === id)!;
      expect(Object.keys(loss.reaches).sort()).toEqual(['D', 'G', 'Q']);
    }
    expect(phaseOf(p, 'd').updates).toEqual(['D', 'Q']);
    expect(phaseOf(p, 'g').updates).toEqual(['G']);
    for (const ph of ['d', 'g']) {
      const losses = phaseOf(p, ph).terms.map((t) => t.loss);
      expect(losses).toContain('L_c1');
      expect(losses).toContain('L_c23');
    }
    // The continuous-code term carries its λ_cont weight into both phases.
    expect(phaseOf(p, 'd').terms.find((t) => t.loss === 'L_c23')!.weight).toBe(0.1);
    // No node of D's stack is duplicated: the tied application has no group of its own.
    expect(p.groups.map((g) => g.id).sort()).toEqual(['D', 'G', 'Q']);
  });

  it('photo editing: the encoder steps five times per iteration on G’s moving statistics; the variant once', () => {
    const p = plan('photo-editing');
    const e = phaseOf(p, 'e');
    expect(e.updates).toEqual(['E']);
    expect(e.repeats).toBe(5);
    expect(e.batchNorm).toEqual({ G: 'moving' });
    expect(['d', 'g'].map((id) => phaseOf(p, id).repeats)).toEqual([1, 1]);
    const once = phaseOf(plan('photo-editing', 'one-encoder-step'), 'e');
    expect(once.repeats).toBe(1);
    expect({ ...once, repeats: 5 }).toEqual(e);
  });

  it('VAE-GAN: the encoder phase has no adversarial term, the discriminator phase no reconstruction term', () => {
    const p = plan('vae-gan');
    expect(phaseOf(p, 'e').updates).toEqual(['E']);
    expect(termKinds(p, 'e')).not.toContain('AdversarialLoss');
    expect(termKinds(p, 'e').sort()).toEqual(['FeatureMatching', 'KLNormal', 'ReconstructionLoss']);
    expect(phaseOf(p, 'd').updates).toEqual(['D']);
    expect(termKinds(p, 'd')).toEqual(['AdversarialLoss', 'AdversarialLoss', 'AdversarialLoss']);
    expect(termKinds(p, 'd')).not.toContain('FeatureMatching');
    expect(termKinds(p, 'd')).not.toContain('ReconstructionLoss');
    // G learns from D's features (0.05·L_llike) and pixels, and is not asked to fool D.
    expect(phaseOf(p, 'g').terms.find((t) => t.loss === 'L_llike')!.weight).toBeCloseTo(0.05);
    expect(termKinds(p, 'g').sort()).toEqual(['FeatureMatching', 'ReconstructionLoss']);
    // The paper's generator step, as a variant: γ·L_llike and "fool D" on x̃ and G(z_p), no pixel term.
    const paper = plan('vae-gan', 'paper-generator');
    expect(phaseOf(paper, 'g').terms.find((t) => t.loss === 'L_llike')!.weight).toBeCloseTo(0.1);
    expect(termKinds(paper, 'g').sort()).toEqual(['AdversarialLoss', 'AdversarialLoss', 'FeatureMatching']);
    expect(termKinds(paper, 'e').sort()).toEqual(['FeatureMatching', 'KLNormal']);
    expect(p.groups.find((g) => g.id === 'G')!.appliedBy).toEqual(['G', 'G_p']);
  });

  it('DANN: the domain loss reaches F only through a gradient reversal with the scheduled λ', () => {
    const p = plan('dann');
    for (const id of ['L_d_s', 'L_d_t']) {
      const reach = p.losses.find((l) => l.id === id)!.reaches.F;
      expect(reach.reversed).toBe(true);
      expect(reach.direct).toBe(false);
      expect(reach.reversals).toHaveLength(1);
      const grl = p.nodes.find((n) => n.id === reach.reversals[0])!;
      expect(grl.kind).toBe('GradientReversal');
      expect(grl.params).toMatchObject({ schedule: 'dann', lambda: 1, gamma: 10 });
      // The domain classifier itself learns its loss directly.
      expect(p.losses.find((l) => l.id === id)!.reaches.Cd).toMatchObject({ direct: true, reversed: false });
    }
    expect(p.losses.find((l) => l.id === 'L_y')!.reaches.F).toMatchObject({ direct: true, reversed: false });
    expect(phaseOf(p, 'train').optimizer).toMatchObject({ type: 'sgd', momentum: 0.9 });
    expect(phaseOf(p, 'train').lrSchedule).toEqual({ type: 'dann', alpha: 10, beta: 0.75 });
  });

  it('DANN alternating: no reversal; the domain classifier and the features learn in separate phases', () => {
    const p = plan('dann-alternating');
    expect(p.nodes.some((n) => n.kind === 'GradientReversal')).toBe(false);
    expect(phaseOf(p, 'domain').updates).toEqual(['Cd']);
    expect(phaseOf(p, 'features').updates).toEqual(['F', 'Cy']);
  });

  it('BiGAN and Triple-GAN: the discriminators take pairs', () => {
    for (const [name, ds] of [['bigan', ['D', 'D_fake']], ['triple-gan', ['D', 'D_u', 'D_g']]] as const) {
      const p = plan(name);
      for (const id of ds) {
        const d = p.nodes.find((n) => n.id === id)!;
        expect(d.kind).toBe('Discriminator');
        const source = p.nodes.find((n) => n.id === d.inputs.x.node)!;
        expect(source.kind, `${name} ${id}`).toBe('Pair');
      }
    }
    const bigan = plan('bigan');
    expect(bigan.nodes.find((n) => n.id === 'P_real')!.outputs.pair).toEqual({ kind: 'vector', dims: [28 * 28 + 50] });
  });

  it('Triple-GAN: D reads y as channels over the image and takes C’s pseudo-labelled pairs as real; C learns from labels, G’s pairs and entropy, not by fooling D; the paper’s steps as a variant', () => {
    const p = plan('triple-gan');
    const terms = (q: Plan, id: string) => phaseOf(q, id).terms.map((t) => t.loss).sort();
    expect(terms(p, 'g')).toEqual(['L_G']);
    expect(terms(p, 'c')).toEqual(['L_C_ent', 'L_C_gen', 'L_C_sup']);
    const param = (q: Plan, id: string, name: string) => q.nodes.find((n) => n.id === id)!.params[name];
    expect([param(p, 'L_D_u', 'target'), param(p, 'L_D_u', 'weight'), param(p, 'L_D_g', 'target'), param(p, 'L_D_g', 'weight')]).toEqual(['real', 0.5, 'fake', 1]);
    // The same entropy term as the classifier + entropy baseline, so the gap is what G and D add.
    const entropy = (q: Plan) => q.nodes.find((n) => n.id === 'L_C_ent')?.params;
    expect(entropy(p)).toEqual(entropy(plan('triple-gan', 'classifier-entropy')));
    for (const id of ['P_l', 'P_u', 'P_g']) expect(p.nodes.find((n) => n.id === id)!.outputs.pair, id).toEqual({ kind: 'image', dims: [28, 28, 1 + 10] });
    expect(p.nodes.find((n) => n.id === 'P_u')!.params.labels).toBe('hard');
    // G hears about y only through D: no classification term of its own.
    expect(p.losses.filter((l) => l.reaches.G).map((l) => l.id).sort()).toEqual(['L_C_gen', 'L_D_g', 'L_G']);
    const paper = plan('triple-gan', 'paper-steps');
    expect(terms(paper, 'g')).toEqual(['L_G']);
    expect(terms(paper, 'c')).toEqual(['L_C_adv', 'L_C_gen', 'L_C_sup']);
    expect([param(paper, 'L_D_u', 'target'), param(paper, 'L_D_u', 'weight'), param(paper, 'L_D_g', 'weight')]).toEqual(['fake', 0.5, 0.5]);
    expect(entropy(paper)).toBeUndefined();
    expect(paper.nodes.find((n) => n.id === 'P_u')!.params.labels).toBe('soft');
    expect(paper.nodes.find((n) => n.id === 'P_l')!.outputs.pair).toEqual({ kind: 'vector', dims: [28 * 28 + 10] });
  });

  it('Triple-GAN: the regularised baseline is the same classifier with entropy on unlabelled digits, no G or D', () => {
    const p = plan('triple-gan', 'classifier-entropy');
    expect(p.groups.map((g) => g.id)).toEqual(['C']);
    expect(p.phases.map((x) => x.id)).toEqual(['c']);
    expect(termKinds(p, 'c').sort()).toEqual(['CrossEntropy', 'Entropy']);
    const entropy = p.nodes.find((n) => n.kind === 'Entropy')!;
    expect(entropy.params.weight).toBeCloseTo(0.3);
    // It reads the classifier's verdicts on the unlabelled digits.
    expect(entropy.inputs.logits.node).toBe('C_u');
    expect(p.nodes.find((n) => n.id === 'C_u')!.inputs.x).toEqual({ node: 'sub', port: 'x_unlabelled' });
  });

  it('BiGAN: E and G also learn from the latent regressor and the image cycle; the variants drop them', () => {
    const p = plan('bigan');
    const eg = phaseOf(p, 'eg');
    expect(eg.terms.find((t) => t.loss === 'L_z')!.weight).toBe(1);
    expect(eg.terms.find((t) => t.loss === 'L_x')!.weight).toBe(1);
    // The cycle runs the shared G on E's codes: G(E(x)) against x.
    const cycle = p.nodes.find((n) => n.id === 'G_E')!;
    expect(cycle.inputs.x.node).toBe('E');
    expect(p.groups.find((g) => g.id === 'G')!.appliedBy).toEqual(['G', 'G_E']);
    const losses = (variant: string) => phaseOf(plan('bigan', variant), 'eg').terms.map((t) => t.loss).sort();
    expect(losses('no-cycle')).toEqual(['L_E', 'L_G', 'L_z']);
    expect(losses('pure')).toEqual(['L_E', 'L_G']);
  });

  it('scales widths by the size preset but keeps output layers', () => {
    const tiny = plan('infogan', undefined, 'tiny').groups.find((g) => g.id === 'G')!.network;
    const full = plan('infogan', undefined, 'full').groups.find((g) => g.id === 'G')!.network;
    expect(tiny.layers[0].output).toEqual([128]);
    expect(full.layers[0].output).toEqual([1024]);
    expect(tiny.output.dims).toEqual([28, 28, 1]);
    expect(full.output.dims).toEqual([28, 28, 1]);
    expect(full.parameterCount).toBeGreaterThan(10 * tiny.parameterCount);
  });

  it('lists for each phase exactly the nodes its losses need, in dependency order', () => {
    const p = plan('gan-2d');
    expect(phaseOf(p, 'g').nodes).toEqual(['z', 'G', 'D_fake', 'L_G']);
    const d = phaseOf(p, 'd').nodes;
    expect(d.indexOf('G')).toBeLessThan(d.indexOf('D_fake'));
    expect(d).not.toContain('L_G');
  });

  it('is plain data that survives JSON', () => {
    const p = plan('vae-gan');
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });
});
