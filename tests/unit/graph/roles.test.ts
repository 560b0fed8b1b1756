/**
 * Roles: what views read as what. Every template names the roles its lesson reads, in the template
 * and in each variant; the checker says what is wrong with a role, naming it; the plan carries the
 * roles resolved to outputs, and what the sample grid shows.
 */
import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/compiler/compile';
import type { Plan } from '../../../src/compiler/plan';
import { checkDocument } from '../../../src/graph/checker';
import type { GraphDocument } from '../../../src/graph/document';
import { applyVariant } from '../../../src/graph/variants';
import { lessonFor, roleNeedsFor } from '../../../src/lessons/index';
import { missingRoles, rolesIn } from '../../../src/lessons/roles';
import { loadTemplate, templateNames } from '../helpers';

function planOf(doc: GraphDocument): Plan {
  const r = compilePlan(doc, { size: 'tiny' });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.plan;
}

const roleWarnings = (doc: GraphDocument) => checkDocument(doc, { roles: roleNeedsFor(doc.meta.view) }).diagnostics.filter((d) => d.code === 'role');

describe('roles of the templates', () => {
  for (const name of templateNames()) {
    it(`${name}: names every role its lesson reads, in the template and each variant`, () => {
      const doc = loadTemplate(name);
      const lesson = lessonFor(doc.meta.view)!;
      expect(lesson, doc.meta.view).toBeDefined();
      for (const d of [doc, ...doc.variants.map((v) => applyVariant(doc, v.id))]) {
        expect(roleWarnings(d), d.meta.title).toEqual([]);
        expect(missingRoles(planOf(d), lesson), d.meta.title).toEqual([]);
      }
    });
  }

  it('a role that reads an input follows the wiring: BiGAN’s code is z, or E(x) in the autoencoder', () => {
    const doc = loadTemplate('bigan');
    expect(planOf(doc).roles.code).toEqual({ node: 'z', port: 'z' });
    expect(planOf(applyVariant(doc, 'autoencoder')).roles.code).toEqual({ node: 'E', port: 'out' });
  });

  it('a variant without a role’s node has no such role: the plain VAE has no judge', () => {
    const doc = loadTemplate('vae-gan');
    expect(planOf(doc).roles.judge).toEqual({ node: 'D', port: 'out' });
    const plain = applyVariant(doc, 'plain-vae');
    expect(plain.meta.roles?.judge).toBeUndefined();
    expect(planOf(plain).roles.judge).toBeUndefined();
    expect(rolesIn(planOf(plain), lessonFor('vae-gan')!)).toMatchObject({ decoder: { node: 'G', port: 'out' } });
  });
});

describe('the checker on roles', () => {
  const bigan = () => structuredClone(loadTemplate('bigan'));
  const messages = (doc: GraphDocument) => roleWarnings(doc).map((d) => ({ field: d.field, node: d.node, message: d.message }));

  it('a role on a missing node, a missing output, or an unconnected input', () => {
    const doc = bigan();
    doc.meta.roles = { ...doc.meta.roles, encoder: 'nope', generator: { node: 'G', port: 'img' }, code: { node: 'D', input: 'shares' } };
    expect(messages(doc)).toEqual([
      { field: 'meta.roles.encoder', node: undefined, message: 'Role ‹encoder› names a node "nope" that is not in the graph' },
      { field: 'meta.roles.generator', node: 'G', message: 'Role ‹generator› names output "img" of Generator ‹G›, which has out, weights' },
      { field: 'meta.roles.code', node: 'D', message: 'Role ‹code› reads what feeds input shares of Discriminator ‹D (real pair)›, but nothing is connected there' },
    ]);
    expect(checkDocument(doc).ok).toBe(true); // roles are for views: training is not blocked
  });

  it('a role the lesson reads that the graph does not name, or of the wrong sort', () => {
    const doc = bigan();
    const { encoder: _dropped, ...rest } = doc.meta.roles!;
    doc.meta.roles = { ...rest, generator: 'x', data: 'E' };
    expect(messages(doc)).toEqual([
      { field: 'meta.roles.data', node: 'E', message: 'The BiGAN on MNIST lesson reads role ‹data› as the real digits (a data node), but Encoder ‹E› is a network' },
      { field: 'meta.roles.data', node: 'E', message: 'The BiGAN on MNIST lesson reads role ‹data› as the real digits, but Encoder ‹E›’s output out is a code of 50' },
      { field: 'meta.roles.encoder', node: undefined, message: 'The BiGAN on MNIST lesson reads role ‹encoder› (the encoder E(x)), which this graph does not name' },
      { field: 'meta.roles.generator', node: 'x', message: 'The BiGAN on MNIST lesson reads role ‹generator› as the generator G(z) (a network), but Dataset ‹MNIST› is a data node' },
    ]);
  });
});

describe('what the sample grid shows', () => {
  it('each template: the generator’s output, its kind, the data range and the real data beside it', () => {
    const seen = Object.fromEntries(templateNames().map((name) => [name, planOf(loadTemplate(name)).samples ?? null]));
    const images = (node: string, real: { node: string; port: string }) => ({ node, port: 'out', kind: 'images', range: [-1, 1], real });
    expect(seen).toMatchObject({
      'gan-2d': { node: 'G', port: 'out', label: 'G', kind: 'points', real: { node: 'data', port: 'x' } },
      infogan: images('G', { node: 'x', port: 'x' }),
      'vae-gan': images('G', { node: 'x', port: 'x' }),
      bigan: images('G', { node: 'x', port: 'x' }),
      'triple-gan': images('G', { node: 'sub', port: 'x_labelled' }),
      'feature-disentangle': images('Dec', { node: 'data', port: 'x' }),
      'photo-editing': images('G', { node: 'x', port: 'x' }),
      'super-resolution': images('G', { node: 'x', port: 'x' }),
      inpainting: images('G', { node: 'x', port: 'x' }),
      dann: null,
      'dann-alternating': null,
    });
    expect(seen['gan-2d']!.range).toBeUndefined(); // points of a 2-D mixture: no bounded range
  });

  it('a graph without roles: the first network making images; a `samples` role overrides it', () => {
    const doc = structuredClone(loadTemplate('photo-editing'));
    delete doc.meta.roles;
    expect(planOf(doc).samples).toMatchObject({ node: 'G', kind: 'images', real: { node: 'x', port: 'x' } });
    doc.meta.roles = { samples: 'G_rec' };
    expect(planOf(doc).samples).toMatchObject({ node: 'G_rec', label: 'G (from E(x))', kind: 'images', range: [-1, 1] });
  });

  it('without real data of the same shape, the range comes from the network’s last layer', () => {
    const doc = structuredClone(loadTemplate('gan-2d'));
    const g = doc.nodes.find((n) => n.id === 'G')!;
    g.params.layers = [...(g.params.layers as object[]), { type: 'tanh' }];
    doc.meta.roles = { ...doc.meta.roles, real: 'D' };
    expect(planOf(doc).samples).toMatchObject({ node: 'G', kind: 'points', real: { node: 'D', port: 'out' }, range: [-1, 1] });
  });
});
