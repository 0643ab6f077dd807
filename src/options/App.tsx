/** The options page: settings (saved as they change), sync across browsers, backup, and clearing all data. */
import type { JSX } from 'preact';
import { AlertIcon, LogoMark } from '../ui/icons';
import { BackupPanel } from './BackupPanel';
import { ClearPanel } from './ClearPanel';
import { SettingsPanel } from './SettingsPanel';
import { SyncPanel } from './SyncPanel';
import { useSettings, type SaveState } from './use-settings';

function SaveIndicator({ save }: { save: SaveState }): JSX.Element {
  const text = save.state === 'loading' ? 'Loading…' : save.state === 'saving' ? 'Saving…' : save.state === 'saved' ? 'All changes saved' : 'Not saved';
  return (
    <span class={`save-state save-${save.state}`} role="status" aria-live="polite" data-save={save.state}>
      <i aria-hidden="true" />{text}
    </span>
  );
}

export function App(): JSX.Element {
  const { settings, save, update } = useSettings();
  return (
    <div class="page">
      <header class="page-header">
        <div class="brand">
          <LogoMark size={30} />
          <div>
            <h1>Paper Lens</h1>
            <p class="subtitle">Settings and backup</p>
          </div>
        </div>
        <SaveIndicator save={save} />
      </header>
      {save.state === 'error' && (
        <div class="banner banner-error" role="alert"><AlertIcon /><span>{save.message}</span></div>
      )}
      <main class="sections">
        {settings ? <SettingsPanel settings={settings} update={update} /> : save.state === 'loading' && <div class="card card-loading" aria-busy="true" />}
        <SyncPanel />
        <BackupPanel />
        <ClearPanel />
      </main>
      <footer class="page-footer">Everything Paper Lens keeps stays in this browser unless you turn on sync. Changes apply to open huggingface.co tabs at once.</footer>
    </div>
  );
}
