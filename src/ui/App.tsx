/** The editor page: top bar, palette, canvas with its problems list, inspector, and overlays. */
import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { Canvas } from './canvas/Canvas';
import { Gallery } from './gallery/Gallery';
import { Inspector } from './inspector/Inspector';
import { Palette } from './palette/Palette';
import { QuickAdd } from './palette/QuickAdd';
import { PanelBoundary } from './shell/ErrorBoundaries';
import { openFile } from './shell/file-actions';
import { markRendered } from './shell/good-graph';
import { HelpOverlay, ShareDialog, Toasts } from './shell/Overlays';
import { ProblemsPanel } from './shell/ProblemsPanel';
import { QuestionDialog } from './shell/QuestionDialog';
import { useShortcuts } from './shell/shortcuts';
import { TopBar } from './shell/TopBar';
import { useEditor } from './store/editor-store';
import { useTrainingDock } from './training/install';
import { HighlightStyle } from './training/HighlightStyle';
import { TrainingDock } from './training/TrainingDock';
import { WireCards } from './wires/WireCards';
import { installRunRecorder } from './runs/recorder';
import { RunsPanel } from './runs/RunsPanel';
import { LectureDialog } from './lecture/LectureDialog';
import { LectureMode } from './lecture/LectureMode';
import { useT } from './i18n';
import { useDocumentText } from './i18n/document-text';

function useTheme(): void {
  const theme = useEditor((s) => s.ui.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);
}

function useDocumentTitle(): void {
  const title = useDocumentText(useEditor((s) => s.doc)).title;
  useEffect(() => {
    document.title = `${title} · ganvas`;
  }, [title]);
}

/** Dropping a .json document or an exported .png anywhere on the page opens it. */
function useFileDrop(): boolean {
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setOver(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const over = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const file = e.dataTransfer?.files[0];
      if (file) void openFile(file);
    };
    addEventListener('dragenter', enter);
    addEventListener('dragleave', leave);
    addEventListener('dragover', over);
    addEventListener('drop', drop);
    return () => {
      removeEventListener('dragenter', enter);
      removeEventListener('dragleave', leave);
      removeEventListener('dragover', over);
      removeEventListener('drop', drop);
    };
  }, []);
  return over;
}

export function App() {
  const t = useT();
  useTheme();
  useDocumentTitle();
  useShortcuts();
  useTrainingDock();
  const dropping = useFileDrop();
  useEffect(installRunRecorder, []);
  const paletteOpen = useEditor((s) => s.ui.paletteOpen);
  const doc = useEditor((s) => s.doc);
  useEffect(() => {
    performance.mark('ganvas:interactive');
    document.documentElement.dataset.ready = 'true';
  }, []);
  // After every panel has drawn this graph (a panel that failed has said so by now).
  useEffect(() => markRendered(doc), [doc]);
  return (
    <ReactFlowProvider>
      <div className="app">
        <PanelBoundary name="top bar">
          <TopBar />
        </PanelBoundary>
        <div className={`workspace${paletteOpen ? '' : ' is-palette-collapsed'}`}>
          <PanelBoundary name="palette">
            <Palette />
          </PanelBoundary>
          <main className="canvas-area" aria-label={t('app.canvas')}>
            <PanelBoundary name="canvas">
              <Canvas />
            </PanelBoundary>
            <PanelBoundary name="problems list">
              <ProblemsPanel />
            </PanelBoundary>
            <PanelBoundary name="wire previews">
              <WireCards />
            </PanelBoundary>
          </main>
          <PanelBoundary name="inspector">
            <Inspector />
          </PanelBoundary>
        </div>
        <PanelBoundary name="training dock">
          <TrainingDock />
          <HighlightStyle />
        </PanelBoundary>
        <PanelBoundary name="gallery">
          <Gallery />
          <QuickAdd />
          <HelpOverlay />
          <ShareDialog />
          <QuestionDialog />
        </PanelBoundary>
        <PanelBoundary name="runs">
          <RunsPanel />
        </PanelBoundary>
        <PanelBoundary name="lecture">
          <LectureMode />
          <LectureDialog />
        </PanelBoundary>
        <Toasts />
        {dropping && (
          <div className="drop-hint" aria-hidden="true">
            {t('app.dropHint')}
          </div>
        )}
      </div>
    </ReactFlowProvider>
  );
}
