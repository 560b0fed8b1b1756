/**
 * A document's own words (title, description, lesson, node labels, phase names, variants) in
 * the interface's language, from `meta.translations`; the English ones where it has none.
 */
import { useMemo } from 'react';
import type { GraphDocument, GraphNode, Phase, Translation, Variant } from '../../graph/document';
import type { Locale } from './format';
import { useLocale } from './index';

export interface DocumentText {
  /** Whether the document has words of its own in this language. */
  translated: boolean;
  title: string;
  description: string;
  lesson: string;
  nodeLabel(node: Pick<GraphNode, 'id' | 'label'>): string | undefined;
  phaseName(phase: Pick<Phase, 'id' | 'name'>): string;
  variant(variant: Pick<Variant, 'id' | 'title' | 'description'>): { title: string; description: string };
}

export function translationOf(doc: Pick<GraphDocument, 'meta'>, locale: Locale): Translation | undefined {
  return locale === 'en' ? undefined : doc.meta.translations?.[locale];
}

export function documentText(doc: Pick<GraphDocument, 'meta'>, locale: Locale): DocumentText {
  const tr = translationOf(doc, locale);
  return {
    translated: !!tr,
    title: tr?.title ?? doc.meta.title,
    description: tr?.description ?? doc.meta.description,
    lesson: tr?.lesson ?? doc.meta.lesson,
    nodeLabel: (node) => tr?.nodes?.[node.id] ?? node.label,
    phaseName: (phase) => tr?.phases?.[phase.id] ?? phase.name,
    variant: (v) => tr?.variants?.[v.id] ?? { title: v.title, description: v.description },
  };
}

/** The open document's words in the current language. */
export function useDocumentText(doc: Pick<GraphDocument, 'meta'>): DocumentText {
  const locale = useLocale((s) => s.locale);
  return useMemo(() => documentText(doc, locale), [doc, locale]);
}
