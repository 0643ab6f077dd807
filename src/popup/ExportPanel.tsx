/**
 * Export sheet: which papers (starred, or the list on screen), which format, then a file or the clipboard.
 * Papers are gathered when the sheet opens, so the copy happens inside the click (Firefox needs that).
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { EXPORT_FORMATS, exportFileName, exportPapers, type ExportFormat } from '../core/export/index';
import type { PaperRecord } from '../core/records';
import { copyText, saveTextFile } from '../ui/download';
import { errorMessage } from '../ui/errors';
import { count, plural } from '../ui/format';
import { CloseIcon, CopyIcon, DownloadIcon } from '../ui/icons';
import { collectPapers } from './collect';
import type { FetchHistoryPage, HistoryQuery } from './history-pager';

export interface ExportScope {
  id: 'starred' | 'list';
  label: string;
  query: HistoryQuery;
}

const FORMAT_KEY = 'paper-lens:export-format';
const FORMATS = Object.keys(EXPORT_FORMATS) as ExportFormat[];

function savedFormat(): ExportFormat {
  try {
    const saved = localStorage.getItem(FORMAT_KEY);
    if (saved && saved in EXPORT_FORMATS) return saved as ExportFormat;
  } catch {
    // Storage may be unavailable; BibTeX is the default.
  }
  return 'bibtex';
}

type Gathered = { state: 'loading'; done: number; total: number } | { state: 'ready'; papers: PaperRecord[] } | { state: 'error'; message: string };
type Status = { tone: 'ok' | 'error'; text: string } | null;

export interface ExportPanelProps {
  scopes: ExportScope[];
  initialScope: ExportScope['id'];
  fetchPage: FetchHistoryPage;
  onClose: () => void;
}

export function ExportPanel({ scopes, initialScope, fetchPage, onClose }: ExportPanelProps): JSX.Element {
  const dialog = useRef<HTMLDialogElement>(null);
  const [scopeId, setScopeId] = useState<ExportScope['id']>(initialScope);
  const [format, setFormat] = useState<ExportFormat>(savedFormat);
  const [gathered, setGathered] = useState<Gathered>({ state: 'loading', done: 0, total: 0 });
  const [status, setStatus] = useState<Status>(null);
  const scope = scopes.find((candidate) => candidate.id === scopeId) ?? scopes[0];

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  useEffect(() => {
    if (!scope) return;
    const controller = new AbortController();
    setGathered({ state: 'loading', done: 0, total: 0 });
    setStatus(null);
    collectPapers(fetchPage, scope.query, (done, total) => {
      if (!controller.signal.aborted) setGathered({ state: 'loading', done, total });
    }, controller.signal)
      .then((papers) => !controller.signal.aborted && setGathered({ state: 'ready', papers }))
      .catch((error: unknown) => !controller.signal.aborted && setGathered({ state: 'error', message: errorMessage(error) }));
    return () => controller.abort();
  }, [scope?.id, scope?.query.view, scope?.query.query, scope?.query.tag]);

  const chooseFormat = (next: ExportFormat): void => {
    setFormat(next);
    setStatus(null);
    try {
      localStorage.setItem(FORMAT_KEY, next);
    } catch {
      // Not remembering the choice is fine.
    }
  };

  const papers = gathered.state === 'ready' ? gathered.papers : [];
  const info = EXPORT_FORMATS[format];
  const render = (): string | null => {
    try {
      return exportPapers(papers, format);
    } catch (error) {
      setStatus({ tone: 'error', text: `Could not write ${info.label}: ${errorMessage(error)}` });
      return null;
    }
  };
  const download = (): void => {
    const text = render();
    if (text === null) return;
    const fileName = exportFileName(format, papers.length, new Date());
    saveTextFile(text, fileName, info.mimeType);
    setStatus({ tone: 'ok', text: `Saved ${plural(papers.length, 'paper')} to ${fileName}.` });
  };
  const copy = async (): Promise<void> => {
    const text = render();
    if (text === null) return;
    const result = await copyText(text);
    setStatus(result.ok ? { tone: 'ok', text: `Copied ${plural(papers.length, 'paper')} as ${info.label} to the clipboard.` } : { tone: 'error', text: result.message });
  };

  const ready = gathered.state === 'ready' && papers.length > 0;
  return (
    <dialog ref={dialog} class="sheet" aria-labelledby="export-title" onClose={onClose} onCancel={onClose}
      onClick={(event) => event.target === dialog.current && dialog.current?.close()}>
      <div class="sheet-body">
        <header class="sheet-header">
          <h2 id="export-title">Export</h2>
          <button type="button" class="icon-button" aria-label="Close export" onClick={() => dialog.current?.close()}><CloseIcon /></button>
        </header>
        <fieldset class="field">
          <legend>Papers</legend>
          <div class="segmented">
            {scopes.map((candidate) => (
              <label key={candidate.id} class={candidate.id === scopeId ? 'checked' : ''}>
                <input type="radio" name="export-scope" value={candidate.id} checked={candidate.id === scopeId} onChange={() => setScopeId(candidate.id)} />
                {candidate.label}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset class="field">
          <legend>Format</legend>
          <div class="format-grid">
            {FORMATS.map((candidate) => (
              <label key={candidate} class={candidate === format ? 'checked' : ''}>
                <input type="radio" name="export-format" value={candidate} checked={candidate === format} onChange={() => chooseFormat(candidate)} />
                <span class="format-label">{EXPORT_FORMATS[candidate].label}</span>
                <span class="format-ext">.{EXPORT_FORMATS[candidate].extension}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <p class="sheet-summary" aria-live="polite">
          {gathered.state === 'loading' && (gathered.total > 0 ? `Gathering papers… ${count(gathered.done)} of ${count(gathered.total)}` : 'Gathering papers…')}
          {gathered.state === 'error' && <span class="text-error">{gathered.message}</span>}
          {gathered.state === 'ready' && (papers.length === 0 ? 'No papers to export here yet.' : `${plural(papers.length, 'paper')} ready as ${info.label}.`)}
        </p>
        <div class="sheet-actions">
          <button type="button" class="button" disabled={!ready} onClick={() => void copy()}><CopyIcon />Copy</button>
          <button type="button" class="button button-primary" disabled={!ready} onClick={download}><DownloadIcon />Download .{info.extension}</button>
        </div>
        <p class={`sheet-status${status ? ` tone-${status.tone}` : ''}`} role="status">{status?.text ?? ''}</p>
      </div>
    </dialog>
  );
}
