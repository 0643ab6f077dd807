/**
 * Tags and a note on a starred paper, from the popup: a sheet like the export's, with the tags as removable chips,
 * the tags used before offered as the reader types (a datalist), the note with its length, and the limits said in
 * words as the reader types (core/annotations). Saves through paper/set-annotations; a failure keeps what was typed.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { MAX_NOTE_LENGTH, MAX_TAGS, checkNote, checkTag, splitTagInput, suggestTags, tagKey, type TagCount } from '../core/annotations';
import type { PaperRecord } from '../core/records';
import { CloseIcon } from '../ui/icons';

export interface AnnotationSheetProps {
  paper: PaperRecord;
  knownTags: TagCount[];
  save: (tags: string[], note: string) => Promise<string | null>;
  onClose: () => void;
}

const count = (n: number): string => n.toLocaleString('en');

export function AnnotationSheet({ paper, knownTags, save, onClose }: AnnotationSheetProps): JSX.Element {
  const dialog = useRef<HTMLDialogElement>(null);
  const [tags, setTags] = useState<string[]>(paper.tags ?? []);
  const [typed, setTyped] = useState('');
  const [note, setNote] = useState(paper.note ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const noteCheck = checkNote(note);
  const typedProblem = typed.trim() ? (() => { const checked = checkTag(typed); return checked.ok ? null : checked.problem; })() : null;
  const shownProblem = problem ?? (noteCheck.ok ? typedProblem : noteCheck.problem);

  /** The tags with `raw` added, or a problem in words. */
  const withTags = (raw: readonly string[]): { tags: string[] } | { problem: string } => {
    const next = [...tags];
    for (const text of raw) {
      const checked = checkTag(text);
      if (!checked.ok) return { problem: checked.problem };
      if (next.some((tag) => tagKey(tag) === tagKey(checked.value))) continue;
      if (next.length >= MAX_TAGS) return { problem: `A paper can carry at most ${MAX_TAGS} tags.` };
      next.push(checked.value);
    }
    return { tags: next };
  };
  const addTyped = (): boolean => {
    if (!typed.trim()) return true;
    const result = withTags(splitTagInput(typed));
    if ('problem' in result) {
      setProblem(result.problem);
      return false;
    }
    setTags(result.tags);
    setTyped('');
    setProblem(null);
    return true;
  };
  const onTagKey = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' || event.key === ',' || event.key === ';') {
      if (!typed.trim()) return;
      event.preventDefault();
      addTyped();
    } else if (event.key === 'Backspace' && typed === '' && tags.length > 0) {
      event.preventDefault();
      setTags(tags.slice(0, -1));
    }
  };
  const submit = async (): Promise<void> => {
    if (saving) return;
    let finalTags = tags;
    if (typed.trim()) {
      const result = withTags(splitTagInput(typed));
      if ('problem' in result) {
        setProblem(result.problem);
        return;
      }
      finalTags = result.tags;
      setTags(finalTags);
      setTyped('');
    }
    if (!noteCheck.ok) return;
    setSaving(true);
    const failure = await save(finalTags, noteCheck.value);
    setSaving(false);
    if (failure === null) dialog.current?.close();
    else setProblem(`Not saved: ${failure}`);
  };

  const suggestions = suggestTags(knownTags, typed, tags, 30);
  return (
    <dialog ref={dialog} class="sheet annotation-sheet" aria-labelledby="annotation-title" onClose={onClose} onCancel={onClose}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          void submit();
        }
      }}>
      <form class="sheet-body" method="dialog" onSubmit={(event) => { event.preventDefault(); void submit(); }}>
        <header class="sheet-header">
          <h2 id="annotation-title">Tags and note</h2>
          <button type="button" class="icon-button" aria-label="Close without saving" onClick={() => dialog.current?.close()}><CloseIcon /></button>
        </header>
        <p class="annotation-paper" title={paper.title}>{paper.title || paper.id}</p>
        <label class="field-label" for="annotation-tags">Tags</label>
        <div class="tag-box">
          <ul class="tag-chips" aria-label="Tags">
            {tags.map((tag, index) => (
              <li class="tag-chip" key={tag}>
                <span>{tag}</span>
                <button type="button" aria-label={`Remove tag ${tag}`} title="Remove" onClick={() => setTags(tags.filter((_, i) => i !== index))}><CloseIcon size={12} /></button>
              </li>
            ))}
          </ul>
          <input id="annotation-tags" type="text" list="annotation-tag-options" value={typed} autocomplete="off" spellcheck={false}
            placeholder={tags.length >= MAX_TAGS ? `${MAX_TAGS} tags: the most a paper can carry` : tags.length ? 'Add another tag' : 'Add a tag'}
            aria-describedby="annotation-tag-hint"
            onInput={(event) => { setTyped((event.target as HTMLInputElement).value); setProblem(null); }} onKeyDown={onTagKey} />
          <datalist id="annotation-tag-options">
            {suggestions.map((tag) => <option key={tag} value={tag} />)}
          </datalist>
        </div>
        <p class="field-hint" id="annotation-tag-hint">Enter or comma adds a tag · up to {MAX_TAGS}</p>
        <label class="field-label" for="annotation-note">Note</label>
        <textarea id="annotation-note" class="annotation-note" rows={5} value={note} aria-describedby="annotation-note-length"
          placeholder="Why it matters, what to check, where it fits…"
          onInput={(event) => { setNote((event.target as HTMLTextAreaElement).value); setProblem(null); }} />
        <p id="annotation-note-length" class={`field-hint note-length${noteCheck.ok ? '' : ' over'}`}>{count([...note].length)} / {count(MAX_NOTE_LENGTH)}</p>
        {shownProblem && <p class="banner banner-error annotation-problem" role="alert">{shownProblem}</p>}
        <div class="sheet-actions">
          <button type="button" class="button" onClick={() => dialog.current?.close()}>Cancel</button>
          <button type="submit" class="button button-primary" disabled={saving || !noteCheck.ok}>{saving ? 'Saving…' : 'Save'}</button>
        </div>
      </form>
    </dialog>
  );
}
