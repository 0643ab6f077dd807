/**
 * Sync across browsers: the switch (off by default) with what travels and how each browser encrypts it, how
 * much is synced and what was left out, and, when off, the offer to remove Paper Lens's copy from sync.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { SyncStatus } from '../core/sync/status';
import { send } from '../platform/messaging';
import { errorMessage } from '../ui/errors';
import { plural } from '../ui/format';
import { useBroadcast } from '../ui/use-broadcast';
import { SwitchRow } from './controls';
import { deviceSeenText, leftOutText, syncSummary, SYNC_DEVICES_INTRO, SYNC_LOCAL_ONLY, SYNC_PRIVACY } from './sync-text';

type Note = { tone: 'ok' | 'error'; text: string } | null;

export function SyncPanel(): JSX.Element {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);

  useEffect(() => {
    send('sync/status', {}).then(({ status: loaded }) => setStatus(loaded), (error: unknown) => setNote({ tone: 'error', text: errorMessage(error) }));
  }, []);

  useBroadcast((message) => {
    if (message.type === 'sync/status') setStatus((current) => (current && !message.status.enabled && !current.enabled ? current : message.status));
  });

  const toggle = async (on: boolean): Promise<void> => {
    setBusy(true);
    setNote(null);
    try {
      const { status: next } = await send('sync/set-enabled', { on });
      setStatus(next);
      setNote(on ? { tone: 'ok', text: `Sync is on: ${plural(next.papers, 'paper')} in step with your other browsers.` } : null);
    } catch (error) {
      setNote({ tone: 'error', text: `Sync was not turned ${on ? 'on' : 'off'}: ${errorMessage(error)}` });
    } finally {
      setBusy(false);
    }
  };

  const removeRemote = async (): Promise<void> => {
    setBusy(true);
    try {
      const { removed, status: next } = await send('sync/remove-remote', {});
      setStatus(next);
      setNote({ tone: 'ok', text: removed > 0 ? 'Removed Paper Lens’s copy from your browser’s sync account. Other browsers with sync on will put theirs back.' : 'There was nothing of Paper Lens to remove.' });
    } catch (error) {
      setNote({ tone: 'error', text: `Nothing was removed: ${errorMessage(error)}` });
    } finally {
      setBusy(false);
    }
  };

  const forget = async (id: string, name: string): Promise<void> => {
    setBusy(true);
    try {
      const { status: next } = await send('sync/forget-device', { id });
      setStatus(next);
      setNote({ tone: 'ok', text: `Forgot ${name}. It is listed again if it syncs again.` });
    } catch (error) {
      setNote({ tone: 'error', text: `${name} was not forgotten: ${errorMessage(error)}` });
    } finally {
      setBusy(false);
    }
  };

  const left = status ? leftOutText(status) : undefined;
  const devices = status?.enabled ? status.devices ?? [] : [];
  const hasRemote = status !== null && !status.enabled && (status.papers > 0 || status.bytes > 0);
  const used = status ? Math.min(100, Math.round((status.bytes / status.quotaBytes) * 100)) : 0;
  return (
    <section class="card" aria-labelledby="sync-title" data-sync={status ? (status.enabled ? status.state : 'off') : 'loading'}>
      <h2 id="sync-title">Sync across browsers</h2>
      <SwitchRow name="sync" label="Sync stars, read marks, tags, notes and settings" checked={status?.enabled ?? false} onChange={(on) => void toggle(on)}
        description={SYNC_PRIVACY} />
      <p class="card-intro">{SYNC_LOCAL_ONLY}</p>
      {status && (
        <div class={`sync-status${status.state === 'retrying' || status.state === 'newer-format' ? ' sync-warn' : ''}`} role="status" aria-live="polite">
          <p data-sync-summary="">{syncSummary(status)}</p>
          {status.enabled && (
            <div class="progress sync-meter" role="meter" aria-label="Sync space used" aria-valuemin={0} aria-valuemax={100} aria-valuenow={used}>
              <span style={{ width: `${used}%` }} />
            </div>
          )}
          {left && <p class="sync-left" data-sync-left="">{left}</p>}
        </div>
      )}
      {devices.length > 0 && (
        <div class="sync-devices" data-sync-devices="">
          <h3>Browsers that sync</h3>
          <p class="sync-devices-intro">{SYNC_DEVICES_INTRO}</p>
          <ul>
            {devices.map((device) => {
              const name = device.name ?? 'A browser';
              return (
                <li key={device.id} class={device.waitedFor ? '' : 'sync-device-away'} data-device={device.id}>
                  <span class="sync-device-name">{name}</span>
                  <span class="sync-device-seen">{deviceSeenText(device)}</span>
                  {!device.self && (
                    <button type="button" class="button button-small" disabled={busy} onClick={() => void forget(device.id, name)} aria-label={`Forget ${name} (${deviceSeenText(device).toLowerCase()})`}>Forget</button>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {hasRemote && (
        <div class="card-actions">
          <button type="button" class="button" disabled={busy} onClick={() => void removeRemote()}>Remove Paper Lens’s copy from sync</button>
        </div>
      )}
      <div role="status" aria-live="polite">
        {note && <p class={`banner ${note.tone === 'ok' ? 'banner-ok' : 'banner-error'}`}>{note.text}</p>}
      </div>
    </section>
  );
}
