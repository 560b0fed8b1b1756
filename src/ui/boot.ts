/** What the page opens with: a shared link, else the autosaved document, else the start screen. */
import { withDocumentId } from '../graph/document-id';
import { startAutosave, restoreAutosave } from './files/autosave';
import { documentFromHash } from './files/share';
import { openLoaded } from './shell/file-actions';
import { toast } from './store/actions';
import { editorApi } from './store/editor-store';

function clearHash(): void {
  history.replaceState(null, '', location.pathname + location.search);
}

export function boot(): void {
  const shared = documentFromHash(location.hash);
  const store = editorApi.getState();
  let fromLink = false;
  if (shared?.ok) {
    const doc = withDocumentId(shared.document);
    editorApi.setState({ doc, savedDoc: doc });
    store.setUi({ rightTab: shared.document.meta.lesson ? 'lesson' : 'node', fitRequest: 1 });
    fromLink = true;
  } else {
    const saved = restoreAutosave();
    if (saved) {
      // Kept only in this browser: it counts as unsaved work.
      editorApi.setState({ doc: withDocumentId(saved) });
      store.setUi({ fitRequest: 1 });
    }
    else store.setUi({ galleryOpen: true });
  }
  if (shared) clearHash();
  if (shared && !shared.ok) setTimeout(() => toast(`Could not open the link: ${shared.error}`, 'error', undefined, 9000));
  startAutosave(fromLink);

  addEventListener('hashchange', () => {
    const next = documentFromHash(location.hash);
    if (!next) return;
    clearHash();
    void openLoaded(next);
  });
}
