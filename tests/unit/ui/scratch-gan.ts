/**
 * The 2-D GAN a newcomer builds from an empty canvas, through the editor's own actions (the same
 * ones the palette, the wires and the inspector call): palette defaults everywhere, only the data
 * set chosen and the adversarial losses' targets set, and the schedule the Schedule tab suggests.
 */
import { emptyDocument, type GraphDocument } from '../../../src/graph/document';
import { withDocumentId } from '../../../src/graph/document-id';
import { applySuggestedPhases, connect, perform, placeNode } from '../../../src/ui/store/actions';
import { editorApi } from '../../../src/ui/store/editor-store';
import { setParam } from '../../../src/ui/store/edits';

export function buildScratchGan(seed = 1): GraphDocument {
  const doc = withDocumentId(emptyDocument());
  doc.run.seed = seed;
  editorApi.setState({ doc, savedDoc: doc, past: [], future: [], selection: [] });
  const at = (x: number, y: number) => ({ x: x * 250, y: y * 150 });
  const need = (id: string | null) => {
    if (!id) throw new Error('a node was not placed');
    return id;
  };
  const data = need(placeNode('Dataset', at(0, 0)));
  perform('Set name', setParam(data, 'name', 'ring8'));
  const z = need(placeNode('Noise', at(0, 2)));
  const g = need(placeNode('Generator', at(1, 2)));
  const d = need(placeNode('Discriminator', at(2, 0)));
  const dFake = need(placeNode('Discriminator', at(2, 2)));
  const wire = (a: string, b: string) => {
    const [sn, sp] = a.split('.');
    const [tn, tp] = b.split('.');
    if (!connect({ node: sn, port: sp }, { node: tn, port: tp })) throw new Error(`could not connect ${a} → ${b}: ${editorApi.getState().ui.toast?.text}`);
  };
  wire(`${d}.weights`, `${dFake}.shares`);
  wire(`${data}.x`, `${d}.x`);
  wire(`${z}.z`, `${g}.x`);
  wire(`${g}.out`, `${dFake}.x`);
  const loss = (target: 'real' | 'fake', from: string, y: number) => {
    const id = need(placeNode('AdversarialLoss', at(3, y)));
    if (target === 'fake') perform('Set target', setParam(id, 'target', 'fake'));
    wire(`${from}.out`, `${id}.logits`);
    return id;
  };
  loss('real', d, 0);
  loss('fake', dFake, 1);
  loss('real', dFake, 2);
  if (!applySuggestedPhases()) throw new Error('no schedule was suggested');
  return editorApi.getState().doc;
}
