/** Folding settings patches together, so a dragged slider sends one save instead of one per step. Pure. */
import type { SettingsPatch } from '../core/messages';
import type { Settings } from '../core/settings';

export function mergePatches(first: SettingsPatch, second: SettingsPatch): SettingsPatch {
  const merged: SettingsPatch = { ...first, ...second };
  if (first.marks || second.marks) merged.marks = { ...first.marks, ...second.marks };
  return merged;
}

export function applyPatch(settings: Settings, patch: SettingsPatch): Settings {
  return { ...settings, ...patch, marks: { ...settings.marks, ...patch.marks } };
}
