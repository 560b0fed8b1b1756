/** The top bar: documents, history, problems, training, theme and help. */
import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useT } from '../i18n';
import { useDocumentText } from '../i18n/document-text';
import { openRuns } from '../runs/RunsPanel';
import { useLectureDialog } from '../lecture/LectureDialog';
import { onTrain } from '../store/actions';
import { countProblems, useCheck } from '../store/derived';
import { useEditor } from '../store/editor-store';
import { useTraining } from '../training/training-store';
import { chooseFile, exportDiagram, exportPytorchProject, saveFile, share } from './file-actions';
import { MOD } from './shortcuts';

export function TopBar() {
  const title = useEditor((s) => s.doc.meta.title);
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const undoEntry = useEditor((s) => s.past[s.past.length - 1]);
  const redoEntry = useEditor((s) => s.future[s.future.length - 1]);
  const theme = useEditor((s) => s.ui.theme);
  const setUi = useEditor((s) => s.setUi);
  const undo = useEditor((s) => s.undo);
  const redo = useEditor((s) => s.redo);
  const check = useCheck();
  const { errors, warnings } = countProblems(check.diagnostics);
  const trainStatus = useTraining((s) => s.status);
  const t = useT();
  // A step's name in the current language (re-read when the language changes).
  const undoLabel = undoEntry && (undoEntry.describe?.() ?? undoEntry.label);
  const redoLabel = redoEntry && (redoEntry.describe?.() ?? redoEntry.label);
  const docText = useDocumentText(useEditor((s) => s.doc));
  const trainLabel = t(trainStatus === 'running' ? 'top.pause' : trainStatus === 'paused' ? 'top.resume' : 'top.train');

  return (
    <header className="topbar">
      <div className="brand" aria-label="ganvas">
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <rect x="2" y="4" width="7" height="6" rx="1.6" fill="#8b5cf6" />
          <rect x="15" y="4" width="7" height="6" rx="1.6" fill="#2f6fde" />
          <rect x="8.5" y="14" width="7" height="6" rx="1.6" fill="#d43f6b" />
          <path d="M9 7h6M18.5 10v2.5c0 2-1.5 2.5-3 3.5M5.5 10v2.5c0 2 1.5 2.5 3 3.5" stroke="currentColor" strokeWidth="1.4" fill="none" />
        </svg>
        <span>ganvas</span>
      </div>
      <button type="button" className="doc-title" onClick={() => setUi({ rightTab: 'settings' })} title={t('top.editTitle')}>
        {docText.translated ? docText.title : title}
      </button>
      <nav className="toolbar" aria-label={t('top.document')}>
        <button type="button" className="btn btn-ghost" onClick={() => setUi({ galleryOpen: true })}>
          {t('top.templates')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={chooseFile} title={t('top.openHelp', { mod: MOD })}>
          {t('top.open')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={saveFile} title={t('top.saveHelp', { mod: MOD })}>
          {t('top.save')}
        </button>
        <button type="button" className="btn btn-ghost" onClick={share} title={t('top.shareHelp')}>
          {t('top.share')}
        </button>
        <ExportMenu />
        <RunsButton />
      </nav>
      <div className="toolbar" role="group" aria-label={t('top.history')}>
        <button type="button" className="icon-btn" onClick={undo} disabled={!canUndo} aria-label={t('top.undo')} title={canUndo ? t('top.undoWhat', { what: undoLabel ?? '', mod: MOD }) : t('top.nothingToUndo')}>
          <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
            <path d="M7 5L3 9l4 4M3.5 9H12a5 5 0 010 10h-2" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
        <button type="button" className="icon-btn" onClick={redo} disabled={!canRedo} aria-label={t('top.redo')} title={canRedo ? t('top.redoWhat', { what: redoLabel ?? '', mod: MOD }) : t('top.nothingToRedo')}>
          <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
            <path d="M13 5l4 4-4 4M16.5 9H8a5 5 0 000 10h2" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
      </div>
      <div className="topbar-spacer" />
      <button
        type="button"
        className={`status-pill${errors ? ' is-error' : warnings ? ' is-warning' : ' is-ok'}`}
        onClick={() => setUi((ui) => ({ problemsOpen: !ui.problemsOpen }))}
        aria-label={t('top.problemsLabel', { errors, warnings })}
        title={t('top.problemsHelp')}
      >
        <span className="status-dot" />
        {errors + warnings === 0 ? t('top.noProblems') : [errors ? t('top.errors', { count: errors }) : '', warnings ? t('top.warnings', { count: warnings }) : ''].filter(Boolean).join(' · ')}
      </button>
      <button
        type="button"
        className="btn btn-primary topbar-train"
        onClick={onTrain}
        disabled={trainStatus === 'loading' || trainStatus === 'stepping'}
        title={t('top.trainHelp', { action: trainLabel, mod: MOD })}
      >
        <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
          <path d={trainStatus === 'running' ? 'M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z' : 'M4 2.5v11l9-5.5z'} fill="currentColor" />
        </svg>
        {trainLabel}
      </button>
      <LanguageSwitch />
      <button
        type="button"
        className="icon-btn"
        onClick={() => {
          const next = theme === 'dark' ? 'light' : 'dark';
          setUi({ theme: next });
          try {
            localStorage.setItem('ganvas.theme', next);
          } catch {
            /* theme is not kept without storage */
          }
        }}
        aria-label={t(theme === 'dark' ? 'top.toLight' : 'top.toDark')}
        title={t(theme === 'dark' ? 'top.light' : 'top.dark')}
      >
        {theme === 'dark' ? (
          <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
            <circle cx="10" cy="10" r="3.6" fill="currentColor" />
            <path d="M10 1.8v2.4M10 15.8v2.4M1.8 10h2.4M15.8 10h2.4M4.2 4.2l1.7 1.7M14.1 14.1l1.7 1.7M4.2 15.8l1.7-1.7M14.1 5.9l1.7-1.7" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
        ) : (
          <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
            <path d="M16.5 12.5A7 7 0 017.5 3.5a7 7 0 109 9z" fill="currentColor" />
          </svg>
        )}
      </button>
      <button type="button" className="icon-btn" onClick={() => setUi({ helpOpen: true })} aria-label={t('top.shortcuts')} title={t('top.shortcutsHelp')}>
        ?
      </button>
    </header>
  );
}

function RunsButton() {
  const t = useT();
  return (
    <>
      <button type="button" className="btn btn-ghost" onClick={openRuns} title={t('runs.openHelp')}>
        {t('runs.open')}
      </button>
      <button type="button" className="btn btn-ghost" onClick={() => useLectureDialog.setState({ open: true })} title={t('lecture.openHelp')}>
        {t('lecture.open')}
      </button>
    </>
  );
}

function ExportMenu() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const rf = useReactFlow();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    addEventListener('pointerdown', away, true);
    return () => removeEventListener('pointerdown', away, true);
  }, [open]);
  const run = (format: 'png' | 'svg') => {
    setOpen(false);
    void exportDiagram(format, rf);
  };
  return (
    <div className="menu" ref={ref}>
      <button type="button" className="btn btn-ghost" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('top.export')} ▾
      </button>
      {open && (
        <div className="menu-list" role="menu" aria-label={t('top.export')}>
          <button type="button" role="menuitem" onClick={() => run('png')}>
            {t('top.exportPng')} <span className="muted">{t('top.exportPngNote')}</span>
          </button>
          <button type="button" role="menuitem" onClick={() => run('svg')}>
            {t('top.exportSvg')}
          </button>
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setOpen(false);
              void exportPytorchProject();
            }}
          >
            {t('files.pytorch')} <span className="muted">{t('files.pytorchNote')}</span>
          </button>
        </div>
      )}
    </div>
  );
}
