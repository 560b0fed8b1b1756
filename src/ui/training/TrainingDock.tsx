/**
 * The training dock under the canvas: run controls, counters, the backend, the live loss chart, the
 * sample grid and the stored checkpoints. Everything it does goes through the training controller.
 */
import { lazy, Suspense, useEffect, useRef, useState, type CSSProperties, type MouseEvent, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { getKind } from '../../graph/catalog';
import { useEditor } from '../store/editor-store';
import { MOD } from '../shell/shortcuts';
import { forgetTimings } from './auto-backend';
import { autoWhy, describeCandidate, noteText } from './backend-choice';
import { currentLocale, formats, t, useLocale } from '../i18n';
import { documentText } from '../i18n/document-text';
import { richText } from '../i18n/rich';
import { BACKEND_LABELS, BACKEND_ORDER, trainingController } from './controller';
import { SampleGrid } from './SampleGrid';
import { setBackendChoice, setTraining, updateSettings, useTraining, type BackendChoice, type RunStatus } from './training-store';
import type { StoredCheckpointInfo } from './checkpoint-store';

/** The chart library loads with the open dock, not with the editor. */
const LossChart = lazy(() => import('./LossChart').then((m) => ({ default: m.LossChart })));

const STATUS_TEXT = {
  idle: 'dock.status.idle',
  loading: 'dock.status.loading',
  running: 'dock.status.running',
  paused: 'dock.status.paused',
  stepping: 'dock.status.stepping',
  done: 'dock.status.done',
  failed: 'dock.status.failed',
} as const satisfies Record<RunStatus, string>;

function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

const fixed = (x: number, digits: number) => formats().number(x, { minimumFractionDigits: digits, maximumFractionDigits: digits });

function formatBytes(n: number): string {
  if (n < 1024) return `${fixed(n, 0)} B`;
  if (n < 1024 ** 2) return `${fixed(n / 1024, 1)} KB`;
  if (n < 1024 ** 3) return `${fixed(n / 1024 ** 2, 1)} MB`;
  return `${fixed(n / 1024 ** 3, 2)} GB`;
}

function formatRate(r: number): string {
  if (r <= 0) return '—';
  if (r < 1) return t('dock.secondsPerIt', { n: fixed(1 / r, 1) });
  return t('dock.itPerSecond', { n: r < 10 ? fixed(r, 2) : r < 100 ? fixed(r, 1) : fixed(Math.round(r), 0) });
}

/** The open document's words in the current language (phase names, network labels). */
const docText = () => documentText(useEditor.getState().doc, currentLocale());
/** A network's label as the document shows it in the current language. */
const groupLabel = (id: string, fallback: string) => {
  const node = useEditor.getState().doc.nodes.find((n) => n.id === id);
  return (node && docText().nodeLabel(node)) || fallback;
};

/** Re-renders every `ms` while `active`. */
function useTicker(active: boolean, ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [active, ms]);
  return now;
}

function Icon({ d, size = 12 }: { d: string; size?: number }) {
  return (
    <svg viewBox="0 0 16 16" width={size} height={size} aria-hidden="true">
      <path d={d} fill="currentColor" />
    </svg>
  );
}

const PLAY = 'M4 2.5v11l9-5.5z';
const PAUSE = 'M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z';
const STOP = 'M3 3h10v10H3z';
const STEP = 'M2.5 2.5v11l7-5.5zM10.5 2.5h2.5v11h-2.5z';

/**
 * A small popup menu above its button (the dock sits at the bottom of the page). It is placed with
 * fixed coordinates so scrolling lists around it cannot clip it; closes on outside click, Escape,
 * scrolling and resizing.
 */
function Menu({ label, button, className, children, title, disabled }: { label: string; button: ReactNode; className?: string; children: (close: () => void) => ReactNode; title?: string; disabled?: boolean }) {
  const [at, setAt] = useState<CSSProperties | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const open = at !== null;
  useEffect(() => {
    if (!open) return;
    const close = () => setAt(null);
    const down = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) close();
    };
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    addEventListener('pointerdown', down);
    addEventListener('keydown', key);
    addEventListener('resize', close);
    addEventListener('scroll', close, true);
    return () => {
      removeEventListener('pointerdown', down);
      removeEventListener('keydown', key);
      removeEventListener('resize', close);
      removeEventListener('scroll', close, true);
    };
  }, [open]);
  const toggle = (e: MouseEvent<HTMLButtonElement>) => {
    if (open) return setAt(null);
    const r = e.currentTarget.getBoundingClientRect();
    const bottom = innerHeight - r.top + 4;
    setAt(r.left > innerWidth / 2 ? { position: 'fixed', bottom, right: innerWidth - r.right, left: 'auto', top: 'auto' } : { position: 'fixed', bottom, left: r.left, top: 'auto' });
  };
  return (
    <div className="menu" ref={ref}>
      <button type="button" className={className} aria-haspopup="menu" aria-expanded={open} aria-label={label} title={title} disabled={disabled} onClick={toggle}>
        {button}
      </button>
      {at && (
        <div className="menu-list is-up" role="menu" aria-label={label} style={at}>
          {children(() => setAt(null))}
        </div>
      )}
    </div>
  );
}

function Controls() {
  const status = useTraining((s) => s.status);
  const plan = useTraining((s) => s.plan);
  const stale = useTraining((s) => s.stale);
  const docPhases = useEditor((s) => s.doc.phases);
  const newest = useTraining((s) => s.checkpoints[0]);
  const running = status === 'running';
  const paused = status === 'paused';
  const busy = status === 'loading' || status === 'stepping';
  const text = docText();
  const phases = plan && !stale && (paused || status === 'idle' || status === 'done') ? plan.phases.map((p) => ({ id: p.id, name: text.phaseName(p) })) : docPhases.filter((p) => p.enabled).map((p) => ({ id: p.id, name: text.phaseName(p) }));
  const doc = () => useEditor.getState().doc;
  return (
    <div className="dock-controls" role="group" aria-label={t('dock.controls')}>
      {running ? (
        <button type="button" className="btn btn-primary" onClick={() => void trainingController.pause()} title={t('dock.pauseHelp')}>
          <Icon d={PAUSE} /> {t('top.pause')}
        </button>
      ) : paused ? (
        <button type="button" className="btn btn-primary" onClick={() => void trainingController.resume()} title={t('dock.resumeHelp')}>
          <Icon d={PLAY} /> {t('top.resume')}
        </button>
      ) : (
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void trainingController.start(doc())} title={t('dock.trainHelp', { mod: MOD })}>
          <Icon d={PLAY} /> {t('top.train')}
        </button>
      )}
      {status === 'idle' && newest && (
        <button type="button" className="btn" onClick={() => void trainingController.resumeFrom(newest.id)} title={t('dock.resumeNewestHelp', { step: newest.step })}>
          <Icon d={PLAY} /> {t('dock.resumeFrom', { step: newest.step })}
        </button>
      )}
      <button type="button" className="btn" disabled={running || busy} onClick={() => void trainingController.step()} title={t('dock.stepHelp')}>
        <Icon d={STEP} /> {t('dock.step')}
      </button>
      <Menu
        label={t('dock.stepPhaseLabel')}
        className="btn"
        disabled={running || busy || phases.length === 0}
        title={t('dock.stepPhaseHelp')}
        button={
          <>
            {t('dock.stepPhase')} <span aria-hidden="true">▾</span>
          </>
        }
      >
        {(close) =>
          phases.map((p) => (
            <button
              key={p.id}
              type="button"
              role="menuitem"
              onClick={() => {
                close();
                void trainingController.step(p.id);
              }}
            >
              {t('dock.updateOnly')} <strong>{p.name}</strong>
            </button>
          ))
        }
      </Menu>
      <button type="button" className="btn" disabled={!(running || paused)} onClick={() => void trainingController.stop()} title={t('dock.stopHelp')}>
        <Icon d={STOP} size={10} /> {t('dock.stop')}
      </button>
    </div>
  );
}

function BackendBadge() {
  const backend = useTraining((s) => s.backend);
  const choice = useTraining((s) => s.backendChoice);
  const status = useTraining((s) => s.status);
  const auto = useTraining((s) => s.auto);
  const autoProgress = useTraining((s) => s.autoProgress);
  const active = backend?.active;
  const failures = backend?.tried.filter((t) => !t.ok) ?? [];
  const wanted = choice === 'auto' ? (auto?.startedOn ?? auto?.chosen ?? active) : choice;
  // A fallback is a backend that did not start, not one Auto passed over.
  const fallback = active !== undefined && wanted !== undefined && active !== wanted;
  const name = active ? `${BACKEND_LABELS[active] ?? active}${active === 'wasm' && backend?.isolated ? t('auto.threads') : ''}` : choice === 'auto' ? '' : BACKEND_LABELS[choice];
  const label = choice === 'auto' ? (autoProgress ? t('auto.badgeTiming') : name ? t('auto.badge', { name }) : t('dock.auto')) : name;
  const why = failures.map((f) => `${BACKEND_LABELS[f.name] ?? f.name}: ${f.reason ?? t('auto.failed')}`).join('\n');
  const live = status === 'running' || status === 'paused';
  const pick = (c: BackendChoice, close: () => void) => {
    close();
    setBackendChoice(c);
    if (live) void (c === 'auto' ? trainingController.switchToAuto() : trainingController.switchBackend(c));
  };
  const title = autoProgress ?? (auto && choice === 'auto' ? `${autoWhy(auto)}\n${auto.candidates.map(describeCandidate).join('\n')}` : active ? `${t('dock.trainingOn', { name })}${fallback ? `\n${t('dock.fellBack')}\n${why}` : ''}` : t('dock.backendHelp'));
  return (
    <Menu
      label={t('dock.backend')}
      className={`backend-badge${fallback ? ' is-fallback' : ''}${active ? ` is-${active}` : ''}`}
      title={title}
      button={
        <>
          <span className="backend-dot" />
          <span className="backend-name" data-backend={active ?? ''}>
            {label}
          </span>
          {fallback && <span className="backend-note">{t('dock.fallback')}</span>}
          <span aria-hidden="true">▾</span>
        </>
      }
    >
      {(close) => (
        <>
          {choice === 'auto' && (auto || autoProgress) && (
            <div className="menu-note auto-report" role="note" aria-label={t('dock.autoWhyLabel')}>
              {autoProgress ? (
                <p>{autoProgress}</p>
              ) : (
                auto && (
                  <>
                    <p>
                      <strong>{t('dock.autoChose', { backend: BACKEND_LABELS[auto.chosen] })}</strong> {autoWhy(auto)}
                    </p>
                    <ul className="auto-rates">
                      {auto.candidates.map((c) => (
                        <li key={c.backend} className={c.backend === auto.chosen ? 'is-chosen' : ''} title={c.note && noteText(c.note)}>
                          {describeCandidate(c)}
                          {c.software && c.stepsPerSecond !== undefined ? <span className="muted"> · {t('dock.softwareAdapter')}</span> : null}
                        </li>
                      ))}
                    </ul>
                    {auto.startedOn && auto.startedOn !== auto.chosen && (
                      <p>
                        {t('dock.autoNext', { started: BACKEND_LABELS[auto.startedOn], chosen: BACKEND_LABELS[auto.chosen] })}{' '}
                        {live && (
                          <button
                            type="button"
                            className="link-btn"
                            onClick={() => {
                              close();
                              void trainingController.switchToAuto();
                            }}
                          >
                            {t('dock.autoSwitchNow')}
                          </button>
                        )}
                      </p>
                    )}
                    <p className="muted">
                      {auto.provisional ? null : auto.cached ? t('dock.autoCached', { date: formats().dateTime(auto.measuredAt, { dateStyle: 'medium' }) }) : t('dock.autoTimedNow')}{' '}
                      <button
                        type="button"
                        className="link-btn"
                        onClick={() => {
                          close();
                          forgetTimings();
                          if (live) void trainingController.switchToAuto(true);
                        }}
                      >
                        {t('dock.timeAgain')}
                      </button>
                    </p>
                  </>
                )
              )}
            </div>
          )}
          <div className="menu-title">{t('dock.trainOn')}</div>
          <button type="button" role="menuitemradio" aria-checked={choice === 'auto'} onClick={() => pick('auto', close)}>
            <span className="menu-check">{choice === 'auto' ? '✓' : ''}</span> {t('dock.auto')} <span className="muted">{t('dock.autoHelp')}</span>
          </button>
          {BACKEND_ORDER.map((b) => (
            <button key={b} type="button" role="menuitemradio" aria-checked={choice === b} onClick={() => pick(b, close)}>
              <span className="menu-check">{choice === b ? '✓' : ''}</span> {BACKEND_LABELS[b]}
              <span className="muted"> — {t(b === 'webgpu' ? 'dock.be.webgpu' : b === 'webgl' ? 'dock.be.webgl' : b === 'wasm' ? 'dock.be.wasm' : 'dock.be.cpu')}</span>
            </button>
          ))}
          {failures.length > 0 && (
            <div className="menu-note">
              {failures.map((f) => (
                <p key={f.name}>{richText(currentLocale(), 'dock.notUsed', { backend: <strong>{BACKEND_LABELS[f.name] ?? f.name}</strong>, reason: f.reason ?? t('auto.failed') })}</p>
              ))}
            </div>
          )}
          {live && <div className="menu-note muted">{t('dock.switchNote')}</div>}
        </>
      )}
    </Menu>
  );
}

function PhaseStrip() {
  const plan = useTraining((s) => s.plan);
  const active = useTraining((s) => s.activePhase);
  if (!plan) return null;
  const text = docText();
  return (
    <ol className="phase-strip" aria-label={t('inspector.facts.phases')}>
      {plan.phases.map((p) => {
        const groups = p.updates.map((g) => groupLabel(g, plan.groups.find((x) => x.id === g)?.label ?? g)).join(', ');
        const name = text.phaseName(p);
        return (
          <li key={p.id} className={active === p.id ? 'is-active' : ''} aria-current={active === p.id ? 'step' : undefined} title={t('dock.phaseUpdates', { phase: name, groups })}>
            <span className="phase-strip-name">{name}</span>
            <span className="phase-strip-updates">→ {groups}</span>
          </li>
        );
      })}
    </ol>
  );
}

function Stats() {
  const s = useTraining(
    useShallow((x) => ({ status: x.status, step: x.step, totalSteps: x.totalSteps, epoch: x.epoch, stepsPerSecond: x.stepsPerSecond, elapsedMs: x.elapsedMs, runningSince: x.runningSince, memory: x.memory, backend: x.backend })),
  );
  useTicker(s.status === 'running');
  const elapsed = s.elapsedMs + (s.runningSince !== null ? performance.now() - s.runningSince : 0);
  const fallbackReason = s.backend?.tried.filter((t) => !t.ok).map((t) => `${BACKEND_LABELS[t.name] ?? t.name}: ${t.reason}`)[0];
  const live = s.status === 'running' || s.status === 'paused' || s.status === 'stepping';
  return (
    <dl className="dock-stats" aria-label={t('dock.stats')}>
      <div>
        <dt>{t('dock.stat.step')}</dt>
        <dd data-testid="train-step" title={t('dock.stepOf', { step: s.step, total: s.totalSteps })}>
          {s.totalSteps > 0 ? (
            <>
              {formats().number(s.step)}
              <span className="muted">/{formats().number(s.totalSteps)}</span>
            </>
          ) : (
            '—'
          )}
        </dd>
      </div>
      <div>
        <dt>{t('dock.stat.epoch')}</dt>
        <dd>{s.totalSteps === 0 ? '—' : s.epoch < 10 ? fixed(s.epoch, 2) : fixed(s.epoch, 1)}</dd>
      </div>
      <div>
        <dt>{t('dock.stat.speed')}</dt>
        <dd data-testid="train-speed">{formatRate(live ? s.stepsPerSecond : 0)}</dd>
      </div>
      <div>
        <dt>{t('dock.stat.elapsed')}</dt>
        <dd>{formatDuration(elapsed)}</dd>
      </div>
      <div className="is-wide">
        <dt>{t('dock.stat.memory')}</dt>
        <dd title={s.memory ? t('dock.memoryHelp', { tensors: s.memory.tensors, bytes: formatBytes(s.memory.bytes) }) : undefined}>{s.memory ? t('dock.memory', { bytes: formatBytes(s.memory.bytes), tensors: s.memory.tensors }) : '—'}</dd>
      </div>
      {fallbackReason && (
        <div className="is-wide dock-fallback" title={fallbackReason}>
          <dt>{t('dock.stat.fallback')}</dt>
          <dd>{fallbackReason}</dd>
        </div>
      )}
    </dl>
  );
}

function Message() {
  const message = useTraining((s) => s.message);
  if (!message) return null;
  return (
    <div className={`dock-message is-${message.tone}`} role="alert">
      <div className="dock-message-text">
        <strong>{message.title}</strong>
        <span>{message.text}</span>
      </div>
      <div className="dock-message-actions">
        {message.actions.includes('resume-checkpoint') && message.checkpointId && (
          <button type="button" className="btn btn-small btn-primary" onClick={() => void trainingController.resumeOffered(message.checkpointId!)}>
            {t('dock.resumeStep', { step: message.checkpointStep ?? '' })}
          </button>
        )}
        {message.actions.includes('next-backend') && message.nextBackend && (
          <button
            type="button"
            className="btn btn-small btn-primary"
            onClick={() => {
              setBackendChoice(message.nextBackend!);
              if (message.checkpointId) void trainingController.resumeOffered(message.checkpointId, message.nextBackend);
              else void trainingController.start(useEditor.getState().doc, undefined, message.nextBackend);
            }}
          >
            {message.checkpointStep !== undefined ? t('dock.continueOnFrom', { backend: BACKEND_LABELS[message.nextBackend], step: message.checkpointStep }) : t('dock.continueOn', { backend: BACKEND_LABELS[message.nextBackend] })}
          </button>
        )}
        {message.actions.includes('dismiss') && (
          <button type="button" className="icon-btn" aria-label={t('dock.dismiss')} onClick={() => trainingController.dismissMessage()}>
            ✕
          </button>
        )}
      </div>
    </div>
  );
}

const REASON_KEY = { auto: 'dock.reason.auto', pause: 'dock.reason.pause', end: 'dock.reason.end', file: 'dock.reason.file', manual: 'dock.reason.manual' } as const;

function CheckpointRow({ c, now, groups }: { c: StoredCheckpointInfo; now: number; groups: { id: string; label: string }[] }) {
  const status = useTraining((s) => s.status);
  const busy = status === 'loading' || status === 'stepping';
  return (
    <li className="ckpt" aria-label={t('dock.ckptLabel', { step: String(c.step) })}>
      <div
        className="ckpt-main"
        title={t('dock.ckptHelp', { step: c.step, total: c.totalSteps, time: formats().dateTime(c.time), reason: c.reason in REASON_KEY ? t(REASON_KEY[c.reason as keyof typeof REASON_KEY]) : c.reason, backend: BACKEND_LABELS[c.backend] ?? c.backend, bytes: formatBytes(c.bytes) })}
      >
        <span className="ckpt-step">
          {t('dock.ckptStep', { step: c.step })} <span className="ckpt-reason">{t(REASON_KEY[c.reason as keyof typeof REASON_KEY] ?? 'dock.reason.auto')}</span>
        </span>
        <span className="ckpt-meta">
          {c.time > now - 86_400_000 ? formats().relative(c.time) : formats().dateTime(c.time, { dateStyle: 'medium' })} · {BACKEND_LABELS[c.backend] ?? c.backend}
        </span>
      </div>
      <div className="ckpt-actions">
        <button type="button" className="icon-btn" disabled={busy} aria-label={t('dock.resumeStep', { step: String(c.step) })} title={t('dock.resumeHere')} onClick={() => void trainingController.resumeFrom(c.id)}>
          <Icon d={PLAY} />
        </button>
        <button type="button" className="icon-btn" aria-label={t('dock.downloadStep', { step: String(c.step) })} title={t('dock.download')} onClick={() => void trainingController.download(c.id)}>
          <Icon d="M7 2h2v6.5l2.3-2.3 1.4 1.4L8 12.3 3.3 7.6l1.4-1.4L7 8.5zM2.5 12.5h11V14h-11z" />
        </button>
        <Menu label={t('dock.exportStep', { step: String(c.step) })} className="icon-btn" title={t('dock.exportNetwork')} button={<Icon d="M3 9h2v3h6V9h2v5H3zM7 2h2v6H7zM4.5 4.5L8 1l3.5 3.5-1.4 1.4L8 3.8 5.9 5.9z" />}>
          {(close) =>
            groups.map((g) => (
              <button
                key={g.id}
                type="button"
                role="menuitem"
                onClick={() => {
                  close();
                  void trainingController.exportNetwork(c.id, g.id);
                }}
              >
                {t('dock.export')} <strong>{groupLabel(g.id, g.label)}</strong> <span className="muted">(model.json + weights.bin)</span>
              </button>
            )).concat(
              <button
                key="pytorch"
                type="button"
                role="menuitem"
                onClick={() => {
                  close();
                  void import('../files/pytorch-export').then((m) => m.exportStoredCheckpoint(c.id));
                }}
              >
                {t('dock.pytorch')} <span className="muted">(.zip)</span>
              </button>,
            )
          }
        </Menu>
        <button type="button" className="icon-btn is-danger" aria-label={t('dock.deleteStep', { step: String(c.step) })} title={t('dock.delete')} onClick={() => void trainingController.remove(c.id)}>
          ✕
        </button>
      </div>
    </li>
  );
}

function Checkpoints() {
  const checkpoints = useTraining((s) => s.checkpoints);
  const plan = useTraining((s) => s.plan);
  const status = useTraining((s) => s.status);
  const every = useTraining((s) => s.settings.checkpointEvery);
  const docGroups = useEditor((s) => s.doc.nodes);
  const now = useTicker(checkpoints.length > 0, 15_000);
  const file = useRef<HTMLInputElement>(null);
  const groups = plan ? plan.groups.map((g) => ({ id: g.id, label: g.label })) : docGroups.filter((n) => getKind(n.kind)?.trainable).map((n) => ({ id: n.id, label: n.label || n.id }));
  return (
    <div className="checkpoints" aria-label={t('dock.checkpoints')}>
      <div className="dock-head">
        <h3>{t('dock.checkpoints')}</h3>
        <div className="dock-head-actions">
          <button type="button" className="icon-btn" aria-label={t('dock.saveNowLabel')} disabled={!(status === 'running' || status === 'paused' || status === 'done')} onClick={() => void trainingController.checkpointNow('manual')} title={t('dock.saveNow')}>
            <Icon d="M2.5 2.5h8.5l2.5 2.5v8.5h-11zM5 3.5v3h5v-3zM4.5 9h7v3.5h-7z" size={14} />
          </button>
          <button type="button" className="icon-btn" aria-label={t('dock.loadFileLabel')} onClick={() => file.current?.click()} title={t('dock.loadFile')}>
            <Icon d="M7 14h2V7.5l2.3 2.3 1.4-1.4L8 3.7 3.3 8.4l1.4 1.4L7 7.5zM2.5 1.5h11V3h-11z" size={14} />
          </button>
          <input
            ref={file}
            type="file"
            accept=".ganvas-ckpt,application/octet-stream"
            hidden
            aria-label={t('dock.ckptFile')}
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void trainingController.loadFile(f);
            }}
          />
        </div>
      </div>
      <label className="ckpt-every" title={t('dock.everyHelp')}>
        {t('dock.every')}
        <input
          type="number"
          className="input input-number"
          min={0}
          step={1}
          value={every}
          aria-label={t('dock.everyLabel')}
          onChange={(e) => {
            const v = Math.max(0, Math.floor(Number(e.target.value)));
            if (Number.isFinite(v)) updateSettings({ checkpointEvery: v });
          }}
        />
        {t('dock.everySteps')} <span className="muted">{t('dock.onPause')}</span>
      </label>
      {checkpoints.length === 0 ? (
        <p className="ckpt-none">{t('dock.noCheckpoints')}</p>
      ) : (
        <ul className="ckpt-list">
          {checkpoints.map((c) => (
            <CheckpointRow key={c.id} c={c} now={now} groups={groups} />
          ))}
        </ul>
      )}
    </div>
  );
}

export function TrainingDock() {
  useLocale((s) => s.locale);
  const open = useTraining((s) => s.dockOpen);
  const status = useTraining((s) => s.status);
  const stale = useTraining((s) => s.stale);
  const plan = useTraining((s) => s.plan);
  const activePhase = useTraining((s) => s.activePhase);
  const activePlanPhase = plan?.phases.find((p) => p.id === activePhase);
  const phaseName = activePlanPhase && docText().phaseName(activePlanPhase);
  return (
    <section className={`dock${open ? ' is-open' : ''}`} aria-label={t('dock.label')}>
      <header className="dock-bar">
        <Controls />
        <span className={`dock-status is-${status}`} data-status={status}>
          <span className="status-dot" />
          {t(STATUS_TEXT[status])}
          {phaseName && (status === 'running' || status === 'stepping') ? <span className="dock-phase">{t('dock.now', { phase: phaseName })}</span> : null}
        </span>
        {stale && <span className="dock-stale" title={t('dock.staleHelp')}>{t('dock.stale')}</span>}
        <span className="topbar-spacer" />
        <BackendBadge />
        <button type="button" className="icon-btn" aria-label={t(open ? 'dock.collapse' : 'dock.expand')} aria-expanded={open} onClick={() => setTraining({ dockOpen: !open })} title={t(open ? 'dock.hideCharts' : 'dock.showCharts')}>
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" style={{ transform: open ? 'none' : 'rotate(180deg)' }}>
            <path d="M3.5 6l4.5 4.5L12.5 6" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
      </header>
      {open && (
        <>
          <Message />
          <div className="dock-body">
            <div className="dock-side">
              <Stats />
              <PhaseStrip />
            </div>
            <Suspense
              fallback={
                <div className="chart" aria-label={t('dock.chart')}>
                  <div className="chart-plot">
                    <div className="chart-empty">{t('dock.loadingChart')}</div>
                  </div>
                </div>
              }
            >
              <LossChart />
            </Suspense>
            <SampleGrid />
            <Checkpoints />
          </div>
        </>
      )}
    </section>
  );
}
