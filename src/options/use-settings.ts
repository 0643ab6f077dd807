/**
 * The settings as the store holds them, changed locally at once and saved a moment later (one 'settings/set'
 * per burst of slider steps). Another options tab's changes arrive through the 'settings/changed' broadcast.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { SettingsPatch } from '../core/messages';
import type { Settings } from '../core/settings';
import { send } from '../platform/messaging';
import { errorMessage } from '../ui/errors';
import { useBroadcast } from '../ui/use-broadcast';
import { applyPatch, mergePatches } from './settings-patch';

export type SaveState = { state: 'loading' } | { state: 'saved' } | { state: 'saving' } | { state: 'error'; message: string };

const SAVE_DELAY_MS = 150;

export function useSettings(): { settings: Settings | null; save: SaveState; update: (patch: SettingsPatch) => void } {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [save, setSave] = useState<SaveState>({ state: 'loading' });
  const pending = useRef<SettingsPatch | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    send('settings/get', {})
      .then(({ settings: loaded }) => {
        setSettings(loaded);
        setSave({ state: 'saved' });
      })
      .catch((error: unknown) => setSave({ state: 'error', message: errorMessage(error) }));
  }, []);

  useBroadcast((message) => {
    if (message.type === 'settings/changed' && pending.current === null) setSettings(message.settings);
  });

  const flush = useCallback(async () => {
    const patch = pending.current;
    pending.current = null;
    if (!patch) return;
    try {
      const { settings: stored } = await send('settings/set', { patch });
      // Later edits made while this one was saving stay on screen.
      setSettings(pending.current ? applyPatch(stored, pending.current) : stored);
      if (!pending.current) setSave({ state: 'saved' });
    } catch (error) {
      setSave({ state: 'error', message: errorMessage(error) });
    }
  }, []);

  const update = useCallback((patch: SettingsPatch) => {
    setSettings((current) => (current ? applyPatch(current, patch) : current));
    pending.current = pending.current ? mergePatches(pending.current, patch) : patch;
    setSave({ state: 'saving' });
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
  }, [flush]);

  // Leaving the page mid-burst still saves.
  useEffect(() => {
    const onHide = (): void => {
      clearTimeout(timer.current);
      void flush();
    };
    addEventListener('pagehide', onHide);
    return () => removeEventListener('pagehide', onHide);
  }, [flush]);

  return { settings, save, update };
}
