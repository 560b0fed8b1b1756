/** The template documents shipped in templates/, validated like any other document. */
import type { GraphDocument } from '../../graph/document';
import { loadDocument } from '../../graph/load';

const FILES = import.meta.glob<unknown>('/templates/*.json', { eager: true, import: 'default' });

/** Gallery order: from the first GAN to the applications. */
const ORDER = [
  'gan-2d',
  'infogan',
  'vae-gan',
  'bigan',
  'triple-gan',
  'dann',
  'dann-alternating',
  'feature-disentangle',
  'photo-editing',
  'super-resolution',
  'inpainting',
];

export interface Template {
  id: string;
  doc: GraphDocument;
}

function load(): Template[] {
  const out: Template[] = [];
  for (const [path, raw] of Object.entries(FILES)) {
    const id = path.replace(/^.*\//, '').replace(/\.json$/, '');
    const result = loadDocument(raw, `template ${id}`);
    if (result.ok) out.push({ id, doc: result.document });
    else console.warn(result.error);
  }
  const rank = (id: string) => (ORDER.includes(id) ? ORDER.indexOf(id) : ORDER.length);
  return out.sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
}

export const TEMPLATES: readonly Template[] = load();

export function templateById(id: string | undefined): Template | undefined {
  return id ? TEMPLATES.find((t) => t.id === id || t.doc.meta.template === id) : undefined;
}
