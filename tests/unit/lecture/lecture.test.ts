/** Lecture mode's pure parts: phase formulas written from the wiring, and the link flags. */
import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/compiler/compile';
import { FormulaWriter, weighted } from '../../../src/graph/formula';
import { documentFromHash, shareLink } from '../../../src/ui/files/share';
import { lectureFlags, lectureFromHash } from '../../../src/ui/lecture/lecture-link';
import { loadTemplate } from '../helpers';

function phaseFormulas(template: string): Record<string, string> {
  const compiled = compilePlan(loadTemplate(template));
  if (!compiled.ok) throw new Error('does not compile');
  const w = new FormulaWriter(compiled.plan.nodes);
  return Object.fromEntries(compiled.plan.phases.map((p) => [p.name, p.terms.map((t) => weighted(t.weight, w.of(t.loss, 'loss'))).join(' + ')]));
}

describe('phase formulas', () => {
  it('writes each phase’s loss from the graph, shared networks by their owner', () => {
    expect(phaseFormulas('gan-2d')).toEqual({ 'D step': 'BCE(D(data), 1) + BCE(D(G(z)), 0)', 'G step': 'BCE(D(G(z)), 1)' });
    expect(phaseFormulas('infogan')).toEqual({
      'D and Q step': 'BCE(D(x), 1) + BCE(D(G(z ⊕ c1 ⊕ c23)), 0) + 2·CE(Q(D(G))₀, c1) + 0.1·‖Q(D(G))₁ − c23‖²',
      'G step': 'BCE(D(G(z ⊕ c1 ⊕ c23)), 1) + 2·CE(Q(D(G))₀, c1) + 0.1·‖Q(D(G))₁ − c23‖²',
    });
    expect(phaseFormulas('dann').Train).toContain('GRL_λ(F(');
  });
});

describe('lecture links', () => {
  it('carry hidden panels and a language after the document, like Playground’s *_hide flags', () => {
    const flags = lectureFlags({ hide: ['dock', 'palette'], lang: 'zh' });
    expect(flags).toBe('lecture=1&palette_hide=true&dock_hide=true&lang=zh');
    const doc = loadTemplate('infogan');
    const link = shareLink(doc, 'http://localhost/', flags);
    const hash = link.slice(link.indexOf('#'));
    expect(lectureFromHash(hash)).toEqual({ hide: ['palette', 'dock'], lang: 'zh' });
    const loaded = documentFromHash(hash);
    expect(loaded?.ok && loaded.document.meta.title).toBe(doc.meta.title);
    expect(lectureFromHash(shareLink(doc, 'http://x/').slice(17))).toBeNull();
    expect(lectureFromHash('#doc=abc&lecture=1&bogus_hide=true&lang=xx')).toEqual({ hide: [] });
  });
});
