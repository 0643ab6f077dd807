/**
 * The last few page analyses, by what they read: a page loaded again (a return visit, a reload, another tab on the
 * same list) is answered with the analysis already made instead of a second one. The analysis is a pure function
 * of the papers' id, title, abstract, authors and keywords and of the options, so an equal input is the same answer.
 */
import type { AnalysisOptions, PageAnalysis, Paper } from '../../core/types';

/** Listings remembered at most: a few tabs and pages, each up to a few thousand papers of text. */
const KEPT = 4;

interface Entry {
  papers: readonly Paper[];
  options: AnalysisOptions;
  analysis: Promise<PageAnalysis>;
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function samePaper(a: Paper, b: Paper): boolean {
  return a.id === b.id && a.title === b.title && a.abstract === b.abstract && sameList(a.authors, b.authors) && sameList(a.keywords, b.keywords);
}

function sameInput(entry: Entry, papers: readonly Paper[], options: AnalysisOptions): boolean {
  if (entry.options.relatedThreshold !== options.relatedThreshold || entry.options.maxRelated !== options.maxRelated) return false;
  if (entry.papers.length !== papers.length) return false;
  for (let i = 0; i < papers.length; i++) if (!samePaper(entry.papers[i] as Paper, papers[i] as Paper)) return false;
  return true;
}

export class AnalysisMemo {
  /** Oldest first. */
  private readonly entries: Entry[] = [];

  constructor(private readonly kept = KEPT) {}

  /** The analysis of an equal input made before, else `analyse()`'s, remembered (dropped again if it fails). */
  analysis(papers: readonly Paper[], options: AnalysisOptions, analyse: () => Promise<PageAnalysis>): Promise<PageAnalysis> {
    const index = this.entries.findIndex((entry) => sameInput(entry, papers, options));
    if (index >= 0) {
      const [entry] = this.entries.splice(index, 1) as [Entry];
      this.entries.push(entry);
      return entry.analysis;
    }
    const entry: Entry = { papers, options: { ...options }, analysis: analyse() };
    this.entries.push(entry);
    if (this.entries.length > this.kept) this.entries.shift();
    entry.analysis.catch(() => {
      const at = this.entries.indexOf(entry);
      if (at >= 0) this.entries.splice(at, 1);
    });
    return entry.analysis;
  }
}
