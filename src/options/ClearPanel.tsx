/** Clear all data, after a confirmation that names what will be lost. */
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { send } from '../platform/messaging';
import { errorMessage } from '../ui/errors';
import { plural } from '../ui/format';
import { storeCounts } from './backup-io';

type Counts = Awaited<ReturnType<typeof storeCounts>>;
type Phase = { kind: 'idle' } | { kind: 'counting' } | { kind: 'confirm'; counts: Counts; syncOn: boolean } | { kind: 'clearing' } | { kind: 'done'; tone: 'ok' | 'error'; text: string };

export function lossSentence(counts: Counts): string {
  return `This deletes ${plural(counts.papers, 'paper')} (${counts.starred} starred, ${counts.read} read) and ${plural(counts.sightings, 'sighting')} from this browser. It cannot be undone.`;
}

export function ClearPanel(): JSX.Element {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [everywhere, setEverywhere] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  const ask = async (): Promise<void> => {
    setPhase({ kind: 'counting' });
    try {
      const [counts, syncOn] = await Promise.all([storeCounts(send), send('sync/status', {}).then(({ status }) => status.enabled, () => false)]);
      setEverywhere(false);
      setPhase({ kind: 'confirm', counts, syncOn });
      requestAnimationFrame(() => dialog.current?.showModal());
    } catch (error) {
      setPhase({ kind: 'done', tone: 'error', text: errorMessage(error) });
    }
  };

  const clear = async (): Promise<void> => {
    const syncOn = phase.kind === 'confirm' && phase.syncOn;
    dialog.current?.close();
    setPhase({ kind: 'clearing' });
    try {
      const { cleared } = await send('data/clear', syncOn ? { everywhere } : {});
      const after = !syncOn ? '' : everywhere ? ' Your other browsers will un-star and un-read them when they sync.' : ' Sync is now off in this browser.';
      setPhase({ kind: 'done', tone: 'ok', text: `Cleared ${plural(cleared.papers, 'paper')} and ${plural(cleared.sightings, 'sighting')}.${after}` });
    } catch (error) {
      setPhase({ kind: 'done', tone: 'error', text: `Nothing was cleared: ${errorMessage(error)}` });
    }
  };

  const cancel = (): void => {
    dialog.current?.close();
  };

  const counts = phase.kind === 'confirm' ? phase.counts : null;
  const syncOn = phase.kind === 'confirm' && phase.syncOn;
  return (
    <section class="card card-danger" aria-labelledby="clear-title">
      <h2 id="clear-title">Clear all data</h2>
      <p class="card-intro">Deletes your reading history, stars and read marks from this browser. Download a backup first if you may want them back.</p>
      <div class="card-actions">
        <button type="button" class="button button-danger-outline" disabled={phase.kind === 'counting' || phase.kind === 'clearing'} onClick={() => void ask()}>
          {phase.kind === 'clearing' ? 'Clearing…' : 'Clear all data…'}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {phase.kind === 'done' && <p class={`banner ${phase.tone === 'ok' ? 'banner-ok' : 'banner-error'}`}>{phase.text}</p>}
      </div>
      <dialog ref={dialog} class="confirm" aria-labelledby="confirm-title" aria-describedby="confirm-text"
        onClose={() => setPhase((current) => (current.kind === 'confirm' ? { kind: 'idle' } : current))}>
        <h2 id="confirm-title">Clear all Paper Lens data?</h2>
        <p id="confirm-text">{counts ? lossSentence(counts) : ''}</p>
        {syncOn && (
          <div class="confirm-sync">
            <label>
              <input type="checkbox" name="clearSynced" checked={everywhere} onChange={(event) => setEverywhere((event.target as HTMLInputElement).checked)} />
              <span>Also clear the synced copy: your other browsers un-star and un-read these papers too (what they saw stays).</span>
            </label>
            {!everywhere && <p class="confirm-note">Otherwise sync is turned off in this browser, or the synced copy would bring your stars back.</p>}
          </div>
        )}
        <div class="confirm-actions">
          <button type="button" class="button" autofocus onClick={cancel}>Cancel</button>
          <button type="button" class="button button-danger" onClick={() => void clear()}>Delete everything</button>
        </div>
      </dialog>
    </section>
  );
}
