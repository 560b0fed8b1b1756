/**
 * What the page opens with: the autosaved document, or the start screen; and a shared link on top
 * of it. A link never silently replaces work: when there is an autosaved graph, the link opens as
 * one undoable step (the old graph is one undo away, and stays in the autosave's previous slot).
 */
import { emptyDocument, type GraphDocument } from '../graph/document';
import { withDocumentId } from '../graph/document-id';
import { serializeDocument } from '../graph/load';
import { shown } from '../graph/text';
import { restoreAutosave, startAutosave } from './files/autosave';
import { documentFromHash } from './files/share';
import { openLectureFromLink } from './lecture/lecture-store';
import { openLoaded } from './shell/file-actions';
import { setBootFallbacks } from './shell/good-graph';
import { toast } from './store/actions';
import { editorApi } from './store/editor-store';
import { currentLocale, t } from './i18n';
import { documentText } from './i18n/document-text';

function clearHash(): void {
  history.replaceState(null, '', location.pathname + location.search);
}

const same = (a: GraphDocument, b: GraphDocument) => serializeDocument(a) === serializeDocument(b);

export function boot(): void {
  const shared = documentFromHash(location.hash);
  const store = editorApi.getState();
  const saved = restoreAutosave();
  const base = saved.current ?? saved.previous;
  // Should the restored graph break the page, these come next (see good-graph.ts).
  setBootFallbacks([...(saved.current && saved.previous ? [saved.previous] : []), emptyDocument()]);
  if (base) {
    // Kept only in this browser: it counts as unsaved work.
    editorApi.setState({ doc: withDocumentId(base) });
    store.setUi({ fitRequest: 1 });
  }
  if (shared?.ok) {
    const doc = shared.document;
    if (base && !same(base, doc)) {
      store.openDocument(doc, () => t('share.openUndo'));
      setTimeout(() =>
        toast(t('share.opened', { title: shown(documentText(doc, currentLocale()).title, 60), yours: shown(documentText(base, currentLocale()).title, 60) }), 'info', undefined, 12_000),
      );
    } else if (!base) {
      const opened = withDocumentId(doc);
      editorApi.setState({ doc: opened, savedDoc: opened });
    }
    store.setUi({ rightTab: doc.meta.lesson ? 'lesson' : 'node', fitRequest: editorApi.getState().ui.fitRequest + 1 });
  } else if (!base) store.setUi({ galleryOpen: true });
  if (shared?.ok) openLectureFromLink(location.hash);
  if (shared) clearHash();
  if (shared && !shared.ok) setTimeout(() => toast(t('share.openFailed', { reason: shared.error }), 'error', undefined, 9000));
  startAutosave();

  addEventListener('hashchange', () => {
    const next = documentFromHash(location.hash);
    if (!next) return;
    const hash = location.hash;
    clearHash();
    void openLoaded(next).then((opened) => {
      if (opened) openLectureFromLink(hash);
    });
  });
}
