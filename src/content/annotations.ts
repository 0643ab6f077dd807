/**
 * A starred card's tags and note: opens the editor (marks/annotation-editor.ts) under the card's button and saves
 * through the typed message path (paper/set-annotations), the store's answer becoming the card's state.
 */
import type { TagCount } from '../core/annotations';
import type { PageApp } from './page-app';
import { AnnotationEditor } from './marks/annotation-editor';

export class CardAnnotations {
  private readonly editor: AnnotationEditor;

  constructor(private readonly app: PageApp) {
    this.editor = new AnnotationEditor(app.token);
  }

  open(index: number, anchor: HTMLElement): void {
    if (this.editor.isOpen && this.editor.isFor(anchor)) {
      this.editor.close(true);
      return;
    }
    const view = this.app.views[index];
    if (!view) return;
    const id = view.id;
    this.app.popover.close(false);
    this.editor.open({
      anchor,
      paperTitle: view.title,
      tags: view.tags,
      note: view.note,
      knownTags: async (): Promise<TagCount[]> => (await this.app.store.request('tags/list', {}))?.tags ?? [],
      save: async (tags, note) => {
        // Un-starred in the meantime (here or in another tab): the store would refuse to add to it.
        const current = this.app.views.find((candidate) => candidate.id === id);
        if (current && !current.starred && (tags.length > 0 || note !== '')) return 'the paper is no longer starred; star it again to keep its tags and note.';
        const response = await this.app.store.request('paper/set-annotations', { id, tags, note });
        if (!response) return this.app.store.problem ?? 'Paper Lens could not save them. Try again.';
        this.app.mergeStates([response.state]);
        this.app.refresh(id);
        return null;
      },
      onClose: () => undefined,
    });
  }

  close(): void {
    this.editor.close(false);
  }
}
