/** Help, share and messages: small overlays with one job each. */
import { useEffect, useRef } from 'react';
import { dismissToast } from '../store/actions';
import { useEditor } from '../store/editor-store';
import { Dialog } from './Dialog';
import { SHORTCUTS } from './shortcuts';
import { formats, useLocale, useT } from '../i18n';
import { SHORTCUT_ZH } from '../i18n/catalog-zh';

export function HelpOverlay() {
  const open = useEditor((s) => s.ui.helpOpen);
  const setUi = useEditor((s) => s.setUi);
  const t = useT();
  const zh = useLocale((s) => s.locale) === 'zh';
  const say = (text: string) => (zh ? (SHORTCUT_ZH[text] ?? text.replace(/^Double-click/, '双击')) : text);
  if (!open) return null;
  return (
    <Dialog id="help" title={t('top.shortcuts')} closeLabel={t('overlays.closeShortcuts')} onClose={() => setUi({ helpOpen: false })} focusClose>
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.what}>
              <td>
                {s.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && <span className="muted">{t('overlays.or')}</span>}
                    <kbd>{say(k)}</kbd>
                  </span>
                ))}
              </td>
              <td>{say(s.what)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}

export function ShareDialog() {
  const link = useEditor((s) => s.ui.shareLink);
  const setUi = useEditor((s) => s.setUi);
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.select();
  }, [link]);
  if (!link) return null;
  const close = () => setUi({ shareLink: null });
  return (
    <Dialog id="share" title={t('overlays.shareTitle')} closeLabel={t('overlays.closeShare')} onClose={close}>
      <p className="muted">{t('overlays.shareHelp')}</p>
      <input ref={input} className="input share-link" readOnly value={link} aria-label={t('overlays.shareLink')} onFocus={(e) => e.target.select()} />
      <div className="dialog-actions">
        <span className="muted">{formats().number(link.length / 1024, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} KB</span>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            input.current?.select();
            void navigator.clipboard?.writeText(link).then(
              () => setUi({ shareLink: null }),
              () => undefined,
            );
          }}
        >
          {t('lecture.copyLink')}
        </button>
      </div>
    </Dialog>
  );
}

export function Toasts() {
  const toast = useEditor((s) => s.ui.toast);
  if (!toast) return null;
  const near = toast.at ? { left: Math.min(toast.at.x + 14, innerWidth - 380), top: Math.min(toast.at.y + 14, innerHeight - 90) } : undefined;
  return (
    <div
      className={`toast is-${toast.tone}${near ? ' is-near' : ''}`}
      role={toast.tone === 'error' ? 'alert' : 'status'}
      style={near}
      onClick={dismissToast}
    >
      {toast.text}
      {toast.action && (
        <button
          type="button"
          className="btn btn-small toast-action"
          onClick={(e) => {
            e.stopPropagation();
            dismissToast();
            toast.action!.run();
          }}
        >
          {toast.action.label}
        </button>
      )}
    </div>
  );
}
