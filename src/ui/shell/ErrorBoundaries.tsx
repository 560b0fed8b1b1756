/**
 * Error boundaries (react-error-boundary): one around the whole app and one around each panel, so
 * a render error shows a message in place of that panel, never a blank page, and the last good
 * graph comes back (good-graph.ts). A panel tries again whenever the graph changes.
 */
import type { ReactNode } from 'react';
import { ErrorBoundary, type FallbackProps } from 'react-error-boundary';
import { emptyDocument } from '../../graph/document';
import { shown } from '../../graph/text';
import { editorApi, useEditor } from '../store/editor-store';
import { useT } from '../i18n';
import { lastGoodGraph, panelFailed, panelName, recoverFromRenderError } from './good-graph';

const messageOf = (error: unknown) => shown(error instanceof Error ? error.message : String(error), 200);

function PanelFallback({ name, error, resetErrorBoundary }: FallbackProps & { name: string }) {
  const tr = useT();
  return (
    <div className="panel-error" role="alert" data-testid="panel-error">
      <strong>{tr('panel.failed', { panel: panelName(name) })}</strong>
      <p>{messageOf(error)}</p>
      <button type="button" className="btn" onClick={resetErrorBoundary}>
        {tr('panel.tryAgain')}
      </button>
    </div>
  );
}

/**
 * For browser tests only (a test build driven by automation; compiled out of `npm run build`): throws while drawing a graph whose
 * title the test named in `window.__ganvasFailRender`, so the boundaries can be seen to work.
 */
function FaultProbe({ name }: { name: string }) {
  const title = useEditor((s) => s.doc.meta.title);
  const target = (window as { __ganvasFailRender?: { title: string; panel: string } }).__ganvasFailRender;
  if (import.meta.env.VITE_TEST_HOOKS === '1' && navigator.webdriver && target && target.title === title && target.panel === name) throw new Error(`a render error on purpose in the ${name}`);
  return null;
}

/** One panel (canvas, inspector, palette, dock, …): its error stays inside it. */
export function PanelBoundary({ name, children }: { name: string; children: ReactNode }) {
  const doc = useEditor((s) => s.doc);
  return (
    <ErrorBoundary
      resetKeys={[doc]}
      fallbackRender={(props) => <PanelFallback name={name} {...props} />}
      onError={(error) => {
        panelFailed(name, true);
        recoverFromRenderError(error, name);
      }}
      onReset={() => panelFailed(name, false)}
    >
      <FaultProbe name={name} />
      {children}
    </ErrorBoundary>
  );
}

function AppFallback({ error, resetErrorBoundary }: FallbackProps) {
  const tr = useT();
  const restore = (empty: boolean) => {
    const doc = empty ? emptyDocument() : lastGoodGraph();
    if (doc) editorApi.setState({ doc, past: [], future: [], selection: [], edgeSelection: [] });
    resetErrorBoundary();
  };
  return (
    <div className="app-error" role="alert" data-testid="app-error">
      <h1>{tr('app.failed')}</h1>
      <p>{messageOf(error)}</p>
      <p>{tr('app.kept')}</p>
      <div className="app-error-actions">
        {lastGoodGraph() && (
          <button type="button" className="btn btn-primary" onClick={() => restore(false)}>
            {tr('app.backToGood')}
          </button>
        )}
        <button type="button" className="btn" onClick={() => restore(true)}>
          {tr('app.startEmpty')}
        </button>
      </div>
    </div>
  );
}

/** Around the whole app, for errors outside every panel. */
export function AppBoundary({ children }: { children: ReactNode }) {
  const doc = useEditor((s) => s.doc);
  return (
    <ErrorBoundary
      resetKeys={[doc]}
      FallbackComponent={AppFallback}
      onError={(error) => {
        panelFailed('app', true);
        recoverFromRenderError(error, 'page');
      }}
      onReset={() => panelFailed('app', false)}
    >
      {children}
    </ErrorBoundary>
  );
}
