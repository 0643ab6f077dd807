/** Backup to one file, and import it back (merging), with progress for large stores. */
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { backupChunks, parseBackup, type SkippedRecords } from '../core/backup';
import type { Settings } from '../core/settings';
import { send } from '../platform/messaging';
import { saveBlob } from '../ui/download';
import { errorMessage } from '../ui/errors';
import { count, localDay, plural } from '../ui/format';
import { DownloadIcon, UploadIcon } from '../ui/icons';
import { mergeIntoStore, readStore, type MergeSummary } from './backup-io';

type Task =
  | { kind: 'idle' }
  | { kind: 'busy'; label: string; done: number; total: number }
  | { kind: 'done'; tone: 'ok' | 'error'; text: string; settings?: Settings };

export function backupFileName(date: Date): string {
  return `paper-lens-backup-${localDay(date.getTime())}.json`;
}

const SKIPPED_IDS_SHOWN = 3;

/** What an import did, in one sentence, and the records it left out (ids quoted as text, cut short). */
export function describeMerge(summary: MergeSummary, skipped: SkippedRecords = { paperIds: [], sightings: 0 }): string {
  const parts = [
    `${plural(summary.added, 'new paper')}`,
    `${count(summary.updated)} updated`,
    `${count(summary.unchanged)} already up to date`,
    `${plural(summary.sightingsAdded, 'sighting')} added`,
  ];
  let text = `Backup imported: ${parts.join(', ')}.`;
  const skippedPapers = skipped.paperIds.length;
  if (skippedPapers > 0 || skipped.sightings > 0) {
    const shown = skipped.paperIds.slice(0, SKIPPED_IDS_SHOWN).map((id) => `“${id.length > 40 ? `${id.slice(0, 39)}…` : id}”`).join(', ');
    const more = skippedPapers > SKIPPED_IDS_SHOWN ? ` and ${count(skippedPapers - SKIPPED_IDS_SHOWN)} more` : '';
    const papersPart = skippedPapers > 0 ? `${plural(skippedPapers, 'paper')} whose id is not an arXiv id (${shown}${more})` : '';
    const sightingsPart = skipped.sightings > 0 ? `${plural(skipped.sightings, 'sighting')} ${skippedPapers > 0 ? 'of papers with such ids' : 'whose paper id is not an arXiv id'}` : '';
    text += ` Skipped ${[papersPart, sightingsPart].filter(Boolean).join(' and ')}.`;
  }
  // The store checks the ids again; it finds none of these in a file this page read itself.
  if (summary.skipped > 0) text += ` The store also left out ${plural(summary.skipped, 'record')} without an arXiv id.`;
  return text;
}

export function BackupPanel(): JSX.Element {
  const [task, setTask] = useState<Task>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = task.kind === 'busy';

  const exportBackup = async (): Promise<void> => {
    setTask({ kind: 'busy', label: 'Reading your history…', done: 0, total: 0 });
    try {
      const [contents, { settings }] = await Promise.all([
        readStore(send, (done, total) => setTask({ kind: 'busy', label: 'Reading your history…', done, total })),
        send('settings/get', {}),
      ]);
      // Written in parts: a large store never becomes one giant string.
      const header = { counts: { papers: contents.papers.length, sightings: contents.sightings.length }, exportedAt: Date.now(), settings };
      const blob = new Blob([...backupChunks(header, contents.papers, contents.sightings)], { type: 'application/json' });
      const fileName = backupFileName(new Date());
      saveBlob(blob, fileName);
      setTask({ kind: 'done', tone: 'ok', text: `Saved ${plural(contents.papers.length, 'paper')} and ${plural(contents.sightings.length, 'sighting')} to ${fileName}.` });
    } catch (error) {
      setTask({ kind: 'done', tone: 'error', text: `The backup was not saved: ${errorMessage(error)}` });
    }
  };

  const importFile = async (file: File): Promise<void> => {
    setTask({ kind: 'busy', label: `Checking ${file.name}…`, done: 0, total: 0 });
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      setTask({ kind: 'done', tone: 'error', text: `Could not read ${file.name}: ${errorMessage(error)}` });
      return;
    }
    const parsed = parseBackup(text);
    if (!parsed.ok) {
      setTask({ kind: 'done', tone: 'error', text: `Did not import ${file.name}. ${parsed.message} Nothing was changed.` });
      return;
    }
    const { papers, sightings } = parsed.backup;
    const label = `Importing ${plural(papers.length, 'paper')} and ${plural(sightings.length, 'sighting')}…`;
    let merged = 0;
    try {
      const summary = await mergeIntoStore(send, { papers, sightings }, (done, total) => {
        merged = done;
        setTask({ kind: 'busy', label, done, total });
      });
      // With sync on, the merged result goes to sync now, in one write (the chunks only gathered it).
      await send('sync/flush', {}).catch(() => undefined);
      setTask({ kind: 'done', tone: 'ok', text: describeMerge(summary, parsed.backup.skipped), ...(parsed.backup.settings ? { settings: parsed.backup.settings } : {}) });
    } catch (error) {
      setTask({
        kind: 'done', tone: 'error',
        text: `The import stopped after ${count(merged)} of ${count(papers.length + sightings.length)} records: ${errorMessage(error)} Importing the same file again is safe; records already merged are skipped.`,
      });
    }
  };

  const restoreSettings = async (settings: Settings): Promise<void> => {
    try {
      await send('settings/set', { patch: settings });
      setTask({ kind: 'done', tone: 'ok', text: 'Settings restored from the backup.' });
    } catch (error) {
      setTask({ kind: 'done', tone: 'error', text: `The settings were not restored: ${errorMessage(error)}` });
    }
  };

  const onFileChosen = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void importFile(file);
  };

  const onDrop = (event: DragEvent): void => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer?.files[0];
    if (file && !busy) void importFile(file);
  };

  const percent = task.kind === 'busy' && task.total > 0 ? Math.round((task.done / task.total) * 100) : 0;
  return (
    <section class={`card${dragging ? ' dropping' : ''}`} aria-labelledby="backup-title"
      onDragOver={(event) => { event.preventDefault(); setDragging(true); }} onDragLeave={() => setDragging(false)} onDrop={onDrop}>
      <h2 id="backup-title">Backup</h2>
      <p class="card-intro">
        Your history lives only in this browser. Save it to a file to keep it safe or to move it to another browser. Importing a
        backup merges it with what is here: each star and read keeps its latest change (an un-star made later still wins) and nothing
        is dropped. You can also drop a backup file here.
      </p>
      <div class="card-actions">
        <button type="button" class="button button-primary" disabled={busy} onClick={() => void exportBackup()}>
          <DownloadIcon />Download backup
        </button>
        <button type="button" class="button" disabled={busy} onClick={() => fileInput.current?.click()}>
          <UploadIcon />Import backup…
        </button>
        <input ref={fileInput} type="file" accept=".json,application/json" class="visually-hidden" tabIndex={-1} aria-label="Backup file to import"
          onChange={onFileChosen} data-testid="backup-file" />
      </div>
      {task.kind === 'busy' && (
        <div class="task">
          <div class="task-label"><span>{task.label}</span><span>{task.total > 0 ? `${percent}%` : ''}</span></div>
          <div class="progress" role="progressbar" aria-label={task.label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
            <span style={{ width: `${percent}%` }} />
          </div>
        </div>
      )}
      <div role="status" aria-live="polite">
        {task.kind === 'done' && (
          <div class={`banner ${task.tone === 'ok' ? 'banner-ok' : 'banner-error'}`}>
            <span data-result={task.tone}>{task.text}</span>
            {task.settings && (
              <button type="button" class="button button-small" onClick={() => void restoreSettings(task.settings!)}>Use its settings too</button>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
