/**
 * Lecture mode on screen: a slim bar over the full-window canvas, the card of the phase being
 * walked through (what it updates, its loss formula, this step's values), and the instructor's
 * notes beside the nodes they are pinned to. Keyboard only: → or Space runs the next phase, ←
 * shows the previous card, Esc leaves.
 */
import { useStore } from '@xyflow/react';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useFormats, useT } from '../i18n';
import { useDocumentText } from '../i18n/document-text';
import { useEditor } from '../store/editor-store';
import { useTraining } from '../training/training-store';
import { showCard, stepNextPhase, stopLecture, useLecture } from './lecture-store';
import './lecture.css';

function useLectureKeys(on: boolean): void {
  useEffect(() => {
    if (!on) return;
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)) return;
      if (e.metaKey || e.ctrlKey || e.altKey) return;
      let used = true;
      if (e.key === 'ArrowRight' || e.key === ' ' || e.key === 'PageDown') void stepNextPhase();
      else if (e.key === 'ArrowLeft' || e.key === 'PageUp') showCard(-1);
      else if (e.key === 'Escape') stopLecture();
      else used = false;
      if (used) {
        // Before the editor's shortcuts (Space would start training).
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    };
    addEventListener('keydown', onKey, true);
    return () => removeEventListener('keydown', onKey, true);
  }, [on]);
}

function PhaseCardView() {
  const t = useT();
  const f = useFormats();
  const { cards, shown, next, busy } = useLecture(useShallow((s) => ({ cards: s.cards, shown: s.shown, next: s.next, busy: s.busy })));
  const value = (v: number | undefined) => (v === undefined ? '—' : f.number(v, { maximumSignificantDigits: 4 }));
  if (!cards.length) return <section className="lecture-card" aria-label={t('lecture.cardLabel')}><p>{t('lecture.noPhases')}</p></section>;
  if (shown === null) {
    return (
      <section className="lecture-card" aria-label={t('lecture.cardLabel')} aria-live="polite">
        <h2>{t('lecture.introTitle', { count: cards.length })}</h2>
        <ol className="lecture-phases">
          {cards.map((c) => (
            <li key={c.id}>
              <strong>{c.name}</strong> — {t('lecture.updates', { networks: c.updates.join(', ') })}
            </li>
          ))}
        </ol>
        <p className="lecture-keys">{t('lecture.keys')}</p>
      </section>
    );
  }
  const card = cards[shown];
  return (
    <section className="lecture-card" aria-label={t('lecture.cardLabel')} aria-live="polite" data-phase={card.id} aria-busy={busy}>
      <p className="lecture-kicker">{t('lecture.phaseOf', { n: shown + 1, count: cards.length })}{card.iteration ? ` · ${t('lecture.iteration', { n: card.iteration })}` : ''}</p>
      <h2>{card.name}</h2>
      <p className="lecture-updates">{t('lecture.updates', { networks: card.updates.join(', ') })}</p>
      <table className="lecture-formula" aria-label={t('lecture.formulaLabel', { phase: card.name })}>
        <tbody>
          {card.terms.map((term, i) => (
            <tr key={term.loss}>
              <td className="lecture-op">{i === 0 ? 'L =' : '+'}</td>
              <td className="lecture-term">{term.formula}</td>
              <td className="lecture-value">{busy ? '…' : value(term.value)}</td>
            </tr>
          ))}
          <tr className="lecture-total">
            <td />
            <td>{t('lecture.total')}</td>
            <td className="lecture-value">{busy ? '…' : value(card.total)}</td>
          </tr>
        </tbody>
      </table>
      <p className="lecture-keys">{busy ? t('lecture.running', { phase: card.name }) : t('lecture.nextKey', { phase: cards[next].name })}</p>
    </section>
  );
}

/** Notes pinned to nodes, drawn beside their node (they follow pans and zooms). */
function PinnedNotes() {
  const t = useT();
  const notes = useEditor(useShallow((s) => s.doc.notes.filter((n) => n.node)));
  const transform = useStore((s) => s.transform);
  const lookup = useStore((s) => s.nodeLookup);
  const pane = useStore((s) => s.domNode)?.getBoundingClientRect();
  const [tx, ty, zoom] = transform;
  const x0 = tx + (pane?.left ?? 0);
  const y0 = ty + (pane?.top ?? 0);
  return (
    <>
      {notes.map((note) => {
        const node = lookup.get(note.node!);
        if (!node) return null;
        const w = node.measured.width ?? 200;
        const left = x0 + (node.internals.positionAbsolute.x + w) * zoom + 12;
        const top = y0 + node.internals.positionAbsolute.y * zoom;
        return (
          <aside key={note.id} className="lecture-note" style={{ left, top }} aria-label={t('lecture.noteOn', { node: note.node! })}>
            {note.text}
          </aside>
        );
      })}
    </>
  );
}

export function LectureMode() {
  const t = useT();
  const on = useLecture((s) => s.on);
  const hide = useLecture((s) => s.hide);
  const title = useDocumentText(useEditor((s) => s.doc)).title;
  const step = useTraining((s) => s.step);
  useLectureKeys(on);
  useEffect(() => {
    const root = document.documentElement;
    if (on) {
      root.dataset.lecture = 'true';
      root.dataset.lectureHide = hide.join(' ');
    } else {
      delete root.dataset.lecture;
      delete root.dataset.lectureHide;
    }
  }, [on, hide]);
  if (!on) return null;
  return (
    <>
      <header className="lecture-bar" aria-label={t('lecture.barLabel')}>
        <strong className="lecture-title">{title}</strong>
        <span className="lecture-step">{t('lecture.stepCount', { step })}</span>
        <span className="lecture-hint">{t('lecture.keysShort')}</span>
        <button type="button" className="btn btn-small" onClick={() => void stepNextPhase()}>
          {t('lecture.nextPhase')}
        </button>
        <button type="button" className="btn btn-small" onClick={stopLecture}>
          {t('lecture.exit')}
        </button>
      </header>
      <PhaseCardView />
      {!hide.includes('notes') && <PinnedNotes />}
    </>
  );
}
