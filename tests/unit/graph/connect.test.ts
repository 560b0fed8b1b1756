import { describe, expect, it } from 'vitest';
import { checkDocument } from '../../../src/graph/checker';
import { canConnect, validTargets } from '../../../src/graph/connect';
import { loadTemplate } from '../helpers';

describe('connection checks while dragging', () => {
  const doc = loadTemplate('infogan');
  const check = checkDocument(doc);

  it('refuses labels into an image port, with the reason', () => {
    const v = canConnect(doc, { node: 'c1', port: 'c' }, { node: 'D', port: 'x' }, check);
    expect(v).toEqual({ ok: false, reason: 'Discriminator ‹D (real)›: input x expects an image or a vector but gets labels of 10' });
  });

  it('accepts a fitting output and says which edge it replaces', () => {
    const v = canConnect(doc, { node: 'G', port: 'out' }, { node: 'D', port: 'x' }, check);
    expect(v).toEqual({ ok: true, replaces: 'x.x->D.x' });
  });

  it('refuses a connection that closes a loop', () => {
    const v = canConnect(doc, { node: 'G', port: 'out' }, { node: 'zc', port: 'c' }, check);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.reason).toMatch(/cycle: Concat ‹z ⊕ c› already feeds Generator ‹G›/);
  });

  it('refuses sharing weights across kinds', () => {
    const v = canConnect(doc, { node: 'G', port: 'weights' }, { node: 'D_fake', port: 'shares' }, check);
    expect(v).toEqual({ ok: false, reason: 'Discriminator ‹D (fake)› can only share the weights of another Discriminator' });
  });

  it('lights up only inputs that accept the dragged output', () => {
    const targets = validTargets(doc, { node: 'c1', port: 'c' }, check).map((t) => `${t.node}.${t.port}`);
    expect(targets).toContain('G.x');
    expect(targets).not.toContain('L_c1.labels'); // already connected to c1
    expect(targets).toContain('zc.d');
    expect(targets).not.toContain('D.x');
    expect(targets).not.toContain('G.shares');
  });
});
