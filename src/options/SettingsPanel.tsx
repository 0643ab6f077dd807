/** Marks, related papers and what counts as seen. Every change saves at once and reaches open tabs. */
import type { JSX } from 'preact';
import type { Settings } from '../core/settings';
import type { SettingsPatch } from '../core/messages';
import { ChoiceRow, SliderRow, SwitchRow } from './controls';

const percent = (value: number): string => `${Math.round(value * 100)}%`;
const seconds = (ms: number): string => (ms === 0 ? 'no wait' : `${Number((ms / 1000).toFixed(2))} s`);

export function SettingsPanel({ settings, update }: { settings: Settings; update: (patch: SettingsPatch) => void }): JSX.Element {
  const { marks } = settings;
  return (
    <>
      <section class="card" aria-labelledby="marks-title">
        <h2 id="marks-title">Marks on listing pages</h2>
        <SwitchRow name="duplicates" label="Duplicates" checked={marks.duplicates} onChange={(on) => update({ marks: { duplicates: on } })}
          description="Flag a paper that repeats another on the same page, or one you already know under another id." />
        <SwitchRow name="related" label="Related papers" checked={marks.related} onChange={(on) => update({ marks: { related: on } })}
          description="Link abstracts on the page that share their key terms, and papers close to ones you starred or read." />
        <SwitchRow name="seenBefore" label="Seen before" checked={marks.seenBefore} onChange={(on) => update({ marks: { seenBefore: on } })}
          description="Say when and where you saw a paper on an earlier visit." />
        <SwitchRow name="dimRead" label="Dim read papers" checked={marks.dimRead} onChange={(on) => update({ marks: { dimRead: on } })}
          description="Fade the cards of papers you have read, so new ones stand out." />
        <SwitchRow name="forYou" label="For you" checked={marks.forYou} onChange={(on) => update({ marks: { forYou: on } })}
          description="On each listing, point out the papers closest to what you starred and read, and say why. Worked out on this computer from your own history." />
      </section>

      <section class="card" aria-labelledby="related-title">
        <h2 id="related-title">Related papers</h2>
        <SliderRow name="relatedThreshold" label="How close counts as related" value={settings.relatedThreshold} min={0.05} max={0.9} step={0.01}
          format={(value) => value.toFixed(2)} onChange={(value) => update({ relatedThreshold: value })}
          description="Similarity of two abstracts (0 to 1) above which they are linked. Lower links more papers; higher keeps only close pairs." />
        <ChoiceRow name="relatedCount" label="Links per paper" value={settings.relatedCount} choices={[1, 2, 3, 4, 5]}
          onChange={(value) => update({ relatedCount: value })} description="At most this many related papers are shown on each card, closest first." />
      </section>

      <section class="card" aria-labelledby="seen-title">
        <h2 id="seen-title">What counts as seen</h2>
        <SliderRow name="seenVisibleFraction" label="Part of the card on screen" value={settings.seenVisibleFraction} min={0.1} max={1} step={0.05}
          format={percent} onChange={(value) => update({ seenVisibleFraction: value })}
          description="A card counts as seen once at least this much of it is visible…" />
        <SliderRow name="seenDwellMs" label="For at least" value={settings.seenDwellMs} min={0} max={10000} step={250}
          format={seconds} onChange={(value) => update({ seenDwellMs: value })}
          description="…for this long. Scrolling past quickly does not count." />
        <SwitchRow name="hideSeenByDefault" label="Dim papers seen before when a page opens" checked={settings.hideSeenByDefault}
          onChange={(on) => update({ hideSeenByDefault: on })}
          description="Papers you saw on an earlier visit start faded, so today’s new papers stand out. You can show them again on the page." />
      </section>

      <section class="card" aria-labelledby="keys-title">
        <h2 id="keys-title">Keyboard</h2>
        <SwitchRow name="keyboard" label="Reading keys on the listing" checked={settings.keyboard}
          onChange={(on) => update({ keyboard: on })}
          description="j and k move between papers, s stars, r marks as read, o opens, x shows related papers, g goes to a duplicate’s original; ? lists them on the page. Keys pause while you type." />
      </section>
    </>
  );
}
