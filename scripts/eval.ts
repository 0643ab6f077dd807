/**
 * Measures duplicate and related detection: `npm run eval` (a table) or `npm run eval -- --json` (one JSON object).
 *  1. Synthetic labelled sets: precision and recall per duplicate rule and label, all rules together; related
 *     links: hit@1 / hit@3 of planted related pairs, topic agreement of the links shown.
 *  2. With ../shared: the seed pages replayed in date order (the same title on a later page is the everyday
 *     duplicate), false duplicates within each page; the 491 real papers with revisions, truncations,
 *     restyled titles and generic-title traps planted at run time.
 *  3. Speed of analysePage on 1000 papers.
 * Every figure is compared with its target and marked met or missed.
 */
import type { DuplicateRule, Paper } from '../src/core/types';
import { analysePage, analysePageInSteps } from '../src/core/analyse';
import { duplicateFeatures, duplicateKeys, findDuplicates, matchKnownPaper } from '../src/core/duplicates';
import { containment } from '../src/core/minhash';
import { DEFAULT_SETTINGS } from '../src/core/settings';
import { generateSyntheticSet, makeRng, DUPLICATE_LABELS } from '../e2e/fixtures/synthetic';
import { loadSeedPages, loadSharedPapers } from '../e2e/fixtures/shared-data';
import { realRelated, type RealRelatedResult } from './eval/related-real';
import type { PairCounts } from './eval/labelled';
import { evaluateForYou } from './eval/for-you';

interface Figure { name: string; value: number; target: string; met: boolean; detail?: string }
const figures: Figure[] = [];
const notes: string[] = [];
const atLeast = (name: string, value: number, target: number, detail?: string): void => {
  figures.push({ name, value: round(value), target: `>= ${target}`, met: value >= target, ...(detail ? { detail } : {}) });
};
const atMost = (name: string, value: number, target: number, detail?: string): void => {
  figures.push({ name, value: round(value), target: `<= ${target}`, met: value <= target, ...(detail ? { detail } : {}) });
};
/** Ahead only by a margin the printed figures show: a difference that rounds to 0 is a tie, not a lead. */
const ahead = (name: string, value: number, detail?: string): void => {
  figures.push({ name, value: round(value), target: '> 0', met: round(value) > 0, ...(detail ? { detail } : {}) });
};
const round = (value: number): number => Math.round(value * 1000) / 1000;
const ratio = (part: number, whole: number): number => (whole === 0 ? 1 : part / whole);
const opts = { relatedThreshold: DEFAULT_SETTINGS.relatedThreshold, maxRelated: 3 };

type Pair = { aIndex: number; bIndex: number; label: string };

/** Exact shingle containment of two abstracts, for explaining a miss. */
function nearScore(a: Paper, b: Paper): string {
  return containment(duplicateFeatures(a).shingles.set, duplicateFeatures(b).shingles.set).toFixed(2);
}

/** Detection counts pooled over pages; each page is analysed on its own (ids may repeat across pages). */
class DuplicateScore {
  private readonly byRule: Record<DuplicateRule, { correct: number; total: number }> = {
    'same-id': { correct: 0, total: 0 }, 'same-title': { correct: 0, total: 0 }, 'near-abstract': { correct: 0, total: 0 },
  };
  private readonly byLabel = new Map<string, { found: number; total: number }>();
  private readonly falses: string[] = [];
  private readonly misses: string[] = [];
  private negatives = 0;
  private negativesFlagged = 0;
  private readonly negativeLabels = new Set<string>();

  /** `pairs` are the same work; `negatives` must stay apart. */
  addPage(papers: Paper[], pairs: Pair[], negatives: Pair[]): void {
    const result = findDuplicates(papers);
    const group = papers.map((_, i) => i);
    const find = (x: number): number => (group[x] === x ? x : (group[x] = find(group[x] as number)));
    for (const pair of pairs) group[find(pair.bIndex)] = find(pair.aIndex);
    result.forEach((match, i) => {
      if (!match) return;
      const counts = this.byRule[match.rule];
      counts.total++;
      if (find(match.ofIndex) === find(i)) counts.correct++;
      else this.falses.push(`${match.rule} ${match.score.toFixed(2)}: "${papers[match.ofIndex]?.title}" ~ "${papers[i]?.title}"`);
    });
    const rootOf = (i: number): number => result[i]?.ofIndex ?? i;
    for (const pair of pairs) {
      const counts = this.byLabel.get(pair.label) ?? { found: 0, total: 0 };
      counts.total++;
      if (rootOf(pair.aIndex) === rootOf(pair.bIndex)) counts.found++;
      else this.misses.push(`${pair.label}: "${papers[pair.aIndex]?.title}" / "${papers[pair.bIndex]?.title}" (containment ${nearScore(papers[pair.aIndex] as Paper, papers[pair.bIndex] as Paper)})`);
      this.byLabel.set(pair.label, counts);
    }
    for (const pair of negatives) {
      this.negatives++;
      this.negativeLabels.add(pair.label);
      if (rootOf(pair.aIndex) === rootOf(pair.bIndex)) this.negativesFlagged++;
    }
  }

  report(prefix: string): void {
    let found = 0;
    let total = 0;
    for (const [label, counts] of this.byLabel) {
      found += counts.found;
      total += counts.total;
      atLeast(`${prefix} recall [${label}]`, ratio(counts.found, counts.total), 0.95, `${counts.found}/${counts.total}`);
    }
    let flagged = 0;
    for (const [rule, counts] of Object.entries(this.byRule)) {
      flagged += counts.total;
      if (counts.total > 0) atLeast(`${prefix} precision [rule ${rule}]`, ratio(counts.correct, counts.total), 1, `${counts.correct}/${counts.total}`);
    }
    atLeast(`${prefix} precision [all rules]`, ratio(flagged - this.falses.length, flagged), 1, `${flagged - this.falses.length}/${flagged}`);
    atLeast(`${prefix} recall [all rules]`, ratio(found, total), 0.95, `${found}/${total}`);
    if (this.negatives > 0) atMost(`${prefix} hard negatives flagged`, this.negativesFlagged, 0, `${this.negativesFlagged}/${this.negatives} (${[...this.negativeLabels].join(', ')})`);
    notes.push(...this.falses.slice(0, 8).map((text) => `${prefix} false duplicate: ${text}`));
    notes.push(...this.misses.slice(0, 8).map((text) => `${prefix} missed: ${text}`));
  }
}

function syntheticDuplicates(): void {
  const score = new DuplicateScore();
  for (const seed of [1, 2, 3, 4, 5]) {
    const set = generateSyntheticSet({ seed, count: 600, plant: true, manyAuthors: seed === 1 });
    score.addPage(set.papers, set.pairs.filter((pair) => DUPLICATE_LABELS.includes(pair.label)), set.pairs.filter((pair) => !DUPLICATE_LABELS.includes(pair.label)));
  }
  score.report('synthetic duplicates');
}

function syntheticRelated(): void {
  let hit1 = 0;
  let hit3 = 0;
  let planted = 0;
  let top1Same = 0;
  let top1Total = 0;
  let top3Same = 0;
  let top3Total = 0;
  let covered = 0;
  let total = 0;
  for (const seed of [11, 12, 13]) {
    const set = generateSyntheticSet({ seed, count: 300, plant: true });
    const analysis = analysePage(set.papers, opts);
    const loose = analysePage(set.papers, { relatedThreshold: 0.01, maxRelated: 3 });
    for (const pair of set.pairs.filter((p) => p.label === 'related' || p.label === 'hard-negative')) {
      for (const [from, to] of [[pair.aIndex, pair.bIndex], [pair.bIndex, pair.aIndex]] as const) {
        planted++;
        const links = loose.related[from] ?? [];
        if (links[0]?.index === to) hit1++;
        if (links.some((link) => link.index === to)) hit3++;
      }
    }
    analysis.related.forEach((links, i) => {
      total++;
      if (links.length > 0) covered++;
      links.forEach((link, k) => {
        const same = set.papers[link.index]?.topic === set.papers[i]?.topic ? 1 : 0;
        if (k === 0) {
          top1Total++;
          top1Same += same;
        }
        top3Total++;
        top3Same += same;
      });
    });
  }
  atLeast('synthetic related hit@1 (planted partner is the top link)', ratio(hit1, planted), 0.6, `${hit1}/${planted}`);
  atLeast('synthetic related hit@3 (planted partner in top 3)', ratio(hit3, planted), 0.8, `${hit3}/${planted}`);
  atLeast(`synthetic related topic precision@1 (threshold ${opts.relatedThreshold})`, ratio(top1Same, top1Total), 0.95, `${top1Same}/${top1Total}`);
  atLeast(`synthetic related topic precision@3 (threshold ${opts.relatedThreshold})`, ratio(top3Same, top3Total), 0.9, `${top3Same}/${top3Total}`);
  atLeast('synthetic papers with at least one related link', ratio(covered, total), 0.5, `${covered}/${total}`);
}

function seedPagesReplay(): void {
  const pages = loadSeedPages();
  if (!pages) {
    notes.push('seed pages: skipped (../shared/data/seed-pages.json is absent)');
    return;
  }
  const monthDay = (label: string | null): number => {
    const match = label ? /([A-Za-z]{3})\s+(\d{1,2})/.exec(label) : null;
    if (!match) return Number.POSITIVE_INFINITY;
    return 'JanFebMarAprMayJunJulAugSepOctNovDec'.indexOf(match[1] as string) * 10 + Number(match[2]);
  };
  const ordered = pages.map((page, order) => ({ page, order })).sort((a, b) => monthDay(a.page.dateLabel) - monthDay(b.page.dateLabel) || a.order - b.order);
  const history: Paper[] = [];
  const byTitle = new Map<string, number[]>();
  const byBand = new Map<string, number[]>();
  const seenTitles = new Set<string>();
  let repeats = 0;
  let repeatsFound = 0;
  let crossFalse = 0;
  let withinFalse = 0;
  let withinTrue = 0;
  let listings = 0;
  ordered.forEach(({ page }, pageNumber) => {
    const papers: Paper[] = page.papers.map((p, i) => ({ id: `seed${pageNumber}-${i}`, title: p.title, abstract: p.abstract, authors: [] }));
    listings += papers.length;
    // Within one page.
    const within = findDuplicates(papers);
    within.forEach((match, i) => {
      if (!match) return;
      if (papers[match.ofIndex]?.title.trim() === papers[i]?.title.trim()) withinTrue++;
      else {
        withinFalse++;
        notes.push(`seed page ${page.file}: within-page match "${papers[match.ofIndex]?.title}" ~ "${papers[i]?.title}"`);
      }
    });
    // Against everything listed on earlier pages, through the history index keys (as the store does).
    for (const paper of papers) {
      const truth = seenTitles.has(paper.title.trim());
      const keys = duplicateKeys(paper);
      const candidates = new Set<number>([...(byTitle.get(keys.titleKey) ?? []), ...keys.bandKeys.flatMap((key) => byBand.get(key) ?? [])]);
      const match = [...candidates].find((k) => matchKnownPaper(paper, history[k] as Paper) !== null);
      if (truth) repeats++;
      if (truth && match !== undefined) repeatsFound++;
      if (!truth && match !== undefined) {
        crossFalse++;
        notes.push(`seed pages: "${paper.title}" matched earlier "${history[match]?.title}" (different title: check by hand)`);
      }
    }
    for (const paper of papers) {
      const index = history.push(paper) - 1;
      const keys = duplicateKeys(paper);
      byTitle.set(keys.titleKey, [...(byTitle.get(keys.titleKey) ?? []), index]);
      for (const key of keys.bandKeys) byBand.set(key, [...(byBand.get(key) ?? []), index]);
      seenTitles.add(paper.title.trim());
    }
  });
  atLeast('seed pages: repeats on later pages found through history keys', ratio(repeatsFound, repeats), 0.95, `${repeatsFound}/${repeats} of ${listings} listings`);
  atMost('seed pages: matches to an earlier paper with another title', crossFalse, 0);
  atMost('seed pages: false duplicates within a page', withinFalse, 0, `${withinTrue} same-title repeats within pages`);
}

function realPlanted(): void {
  const real = loadSharedPapers();
  if (!real) {
    notes.push('real papers: skipped (../shared/data is absent)');
    return;
  }
  const rng = makeRng(2024);
  const sentences = (text: string): string[] => text.match(/[^.!?]+[.!?]+(\s|$)/g)?.map((s) => s.trim()) ?? [text];
  const papers: Paper[] = [...real];
  const pairs: Pair[] = [];
  const negatives: Pair[] = [];
  const letters = (n: number): string => n.toString(26).replace(/./g, (c) => String.fromCharCode(97 + Number.parseInt(c, 26)));
  const trapAbstracts = generateSyntheticSet({ seed: 5150, count: 80 }).papers;
  const plantedId = (n: number): string => `9999.${String(n).padStart(5, '0')}`;
  const restyle = (title: string): string => (rng() < 0.5 ? title.toUpperCase().replace(/:/g, ' --') : `{${title.toLowerCase()}}.`);
  for (let n = 0; n < 200; n++) {
    const index = Math.floor(rng() * real.length);
    const original = real[index] as Paper;
    const kind = n % 4;
    let copy: Paper;
    let label: string;
    if (kind === 0) {
      const words = original.abstract.split(' ');
      copy = { ...original, id: plantedId(n), title: `${original.title} (v2)`, abstract: words.slice(0, Math.ceil(words.length * (0.4 + rng() * 0.3))).join(' '), authors: rng() < 0.5 ? [] : original.authors };
      label = 'truncated';
    } else if (kind === 1) {
      const edited = sentences(original.abstract);
      const edits = 1 + Math.floor(rng() * 3);
      for (let e = 0; e < edits && edited.length > 3; e++) {
        const at = 1 + Math.floor(rng() * (edited.length - 1));
        const donor = sentences((real[Math.floor(rng() * real.length)] as Paper).abstract);
        const borrowed = donor[Math.floor(rng() * donor.length)] as string;
        const choice = rng();
        if (choice < 0.4) edited[at] = borrowed;
        else if (choice < 0.7) edited.splice(at, 0, borrowed);
        else edited.splice(at, 1);
      }
      copy = { ...original, id: plantedId(n), title: `Revisiting ${original.title}`, abstract: edited.join(' ') };
      label = 'revised';
    } else if (kind === 2) {
      copy = { ...original, id: plantedId(n), title: restyle(original.title), abstract: rng() < 0.5 ? '' : original.abstract };
      label = 'same-title';
    } else {
      // Generic-title trap: this paper's title on other work by other people (a synthetic abstract: any real
      // text reused here would be a true near copy of its source).
      const abstract = trapAbstracts[negatives.length]?.abstract ?? '';
      copy = { id: plantedId(n), title: original.title, abstract, authors: [`Quentin Trap${letters(n)}`, `Zoe Elsewhere${letters(n)}`] };
      negatives.push({ aIndex: index, bIndex: papers.length, label: 'generic-title' });
      papers.push(copy);
      continue;
    }
    pairs.push({ aIndex: index, bIndex: papers.length, label });
    papers.push(copy);
  }
  const score = new DuplicateScore();
  score.addPage(papers, pairs, negatives);
  score.report('real+planted duplicates');
  const analysis = analysePage(real, opts);
  const linked = analysis.related.filter((links) => links.length > 0).length;
  notes.push(`real papers: ${linked}/${real.length} have a related link at threshold ${opts.relatedThreshold}, ${analysis.relatedGroups} groups`);
  const top = analysis.related
    .flatMap((links, i) => links.filter((link) => link.index > i).map((link) => ({ i, link })))
    .sort((x, y) => y.link.score - x.link.score)
    .slice(0, 10);
  for (const { i, link } of top) notes.push(`real top pair ${link.score.toFixed(2)}: "${real[i]?.title}" ~ "${real[link.index]?.title}" [${link.sharedTerms.join(', ')}]`);
  // Pages as the site lists them (one per publication day): small pages are where idf is least reliable.
  const days = new Map<string, Paper[]>();
  for (const paper of real) {
    const day = (paper.publishedAt ?? '').slice(0, 10);
    days.set(day, [...(days.get(day) ?? []), paper]);
  }
  let dayLinked = 0;
  for (const page of days.values()) dayLinked += analysePage(page, opts).related.filter((links) => links.length > 0).length;
  notes.push(`real papers as ${days.size} daily pages: ${dayLinked}/${real.length} have a related link within their day`);
  atMost('real papers: duplicates among 491 distinct papers', analysis.duplicateOf.filter(Boolean).length, 0);
}

const lenientPrecision = (c: PairCounts): number => ratio(c.lenientHits, c.shown);
const strictPrecision = (c: PairCounts): number => ratio(c.strictHits, c.shown);
const strictRecall = (c: PairCounts): number => (c.strictTotal === 0 ? 0 : c.strictHits / c.strictTotal);

/** Side-by-side rows for the labelled set, printed after the figures. */
const sideBySide: string[] = [];
let labelled: RealRelatedResult | null = null;

function labelledRelated(): void {
  labelled = realRelated();
  if (labelled.skipped) {
    notes.push(`labelled real set: skipped (${labelled.skipped})`);
    return;
  }
  const { page, starred, shipped, heldOut } = labelled;
  if (!page || !starred || !shipped || !heldOut) return;
  for (const [what, counts] of [['page links', page], ['close to starred', starred]] as const) {
    const pl = counts.paperLens;
    const peer = counts.peer;
    atLeast(`labelled ${what}: lenient precision (held-out pools)`, lenientPrecision(pl), 0.7, `${pl.lenientHits}/${pl.shown}`);
    atLeast(`labelled ${what}: strict recall (held-out pools)`, strictRecall(pl), 0.5, `${pl.strictHits}/${pl.strictTotal}`);
    ahead(`labelled ${what}: lenient precision ahead of the peer`, lenientPrecision(pl) - lenientPrecision(peer), `peer ${round(lenientPrecision(peer))}`);
    ahead(`labelled ${what}: strict recall ahead of the peer`, strictRecall(pl) - strictRecall(peer), `peer ${round(strictRecall(peer))}`);
    const cell = (c: PairCounts): string[] => [
      `${round(lenientPrecision(c))} (${c.lenientHits}/${c.shown})`, `${round(strictPrecision(c))} (${c.strictHits}/${c.shown})`, `${round(strictRecall(c))} (${c.strictHits}/${c.strictTotal})`,
    ];
    const [a, b] = [cell(pl), cell(peer)];
    sideBySide.push(
      `${what}: lenient precision  Paper Lens ${a[0]}  peer ${b[0]}`,
      `${what}: strict precision   Paper Lens ${a[1]}  peer ${b[1]}`,
      `${what}: strict recall      Paper Lens ${a[2]}  peer ${b[2]}`,
    );
  }
  sideBySide.push(
    `shipped model on all pools (fitted on them, not held out): page ${round(lenientPrecision(shipped.page))} / ${round(strictPrecision(shipped.page))} / ${round(strictRecall(shipped.page))}, starred ${round(lenientPrecision(shipped.starred))} / ${round(strictPrecision(shipped.starred))} / ${round(strictRecall(shipped.starred))} (lenient precision / strict precision / strict recall)`,
    ...[...heldOut, { pool: '(none: fitted on all pools, shipped in related-model.ts)', ...labelled.fittedOnAll! }].map((fold) => `held out ${fold.pool}: bias ${fold.model.bias.toFixed(2)}, cosine ${fold.model.cosine.toFixed(2)}, specific ${fold.model.specific.toFixed(2)}, title ${fold.model.title.toFixed(2)}, exclusive ${fold.model.exclusive.toFixed(2)}, line ${fold.line.toFixed(2)}`),
    `gold: ${labelled.strictPairs} strict pairs (both readers), ${labelled.lenientPairs} lenient (either); readers ${labelled.readers?.join(', ')}; ${page.links} page links on ${heldOut.length * 40} cards`,
  );
}

/** "For you" on the labelled set: simulated readers of one topic and of two (scripts/eval/for-you.ts). */
function forYou(): void {
  for (const scenario of ['one-topic', 'two-topics'] as const) {
    const result = evaluateForYou(scenario);
    if (typeof result === 'string') {
      notes.push(result);
      return;
    }
    ahead(`for you, ${scenario} readers: precision@5 ahead of the TF-IDF centroid (held out)`, result.heldOutLenient - result.centroidLenient, `${round(result.heldOutLenient)} vs ${round(result.centroidLenient)}`);
    sideBySide.push(
      `for you, ${result.readers} ${scenario} readers, precision@5 (lenient / strict): Paper Lens held out ${round(result.heldOutLenient)} / ${round(result.heldOutStrict)} ` +
        `(each pool with the score shape the other pools chose: ${result.heldOutShapes.join('; ')}), shipped shape on all pools ${round(result.forYouLenient)} / ${round(result.forYouStrict)}  ` +
        `TF-IDF centroid ${round(result.centroidLenient)} / ${round(result.centroidStrict)}  per-reader linear SVM ${round(result.svmLenient)} / ${round(result.svmStrict)}  ` +
        `random ${round(result.randomLenient)} / ${round(result.randomStrict)}  (best possible ${round(result.bestPossibleLenient)}); ` +
        `at the shipped line ${round(result.shownPerReader)} picks a reader, ${round(result.shownPrecisionLenient)} of them related`,
    );
  }
}

function speed(): void {
  const { papers } = generateSyntheticSet({ seed: 99, count: 1000, plant: true });
  const small = papers.slice(0, 50);
  const settings = { relatedThreshold: DEFAULT_SETTINGS.relatedThreshold, maxRelated: DEFAULT_SETTINGS.relatedCount };
  const time = (list: Paper[]): number => {
    const runs: number[] = [];
    for (let r = 0; r < 7; r++) {
      const start = performance.now();
      analysePage(list, settings);
      runs.push(performance.now() - start);
    }
    return runs.sort((a, b) => a - b)[3] as number;
  };
  time(papers);
  atMost('analysePage on 1000 papers, median ms (Node)', time(papers), 100);
  atMost('analysePage on 50 papers, median ms (Node)', time(small), 10);
  // The longest step of a run, median over runs (one garbage-collection pause should not decide the figure).
  const longestPerRun: number[] = [];
  for (let run = 0; run < 5; run++) {
    let longestStep = 0;
    const steps = analysePageInSteps(papers, settings);
    for (;;) {
      const start = performance.now();
      const next = steps.next();
      longestStep = Math.max(longestStep, performance.now() - start);
      if (next.done) break;
    }
    longestPerRun.push(longestStep);
  }
  const longest = longestPerRun.sort((a, b) => a - b)[2] as number;
  atMost('longest analysePageInSteps step on 1000 papers, ms (Node, median of 5 runs)', longest, 10);
}

const started = performance.now();
syntheticDuplicates();
syntheticRelated();
seedPagesReplay();
realPlanted();
labelledRelated();
forYou();
speed();
const summary = { met: figures.filter((f) => f.met).length, missed: figures.filter((f) => !f.met).length, seconds: round((performance.now() - started) / 1000) };
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ figures, notes, labelled, summary }));
} else {
  const width = Math.max(...figures.map((f) => f.name.length));
  for (const f of figures) console.log(`${f.met ? 'met   ' : 'MISSED'}  ${f.name.padEnd(width)}  ${String(f.value).padStart(7)}  (target ${f.target})${f.detail ? `  ${f.detail}` : ''}`);
  if (sideBySide.length > 0) console.log(`\nLabelled real set, Paper Lens beside arxiv-sanity-lite's TF-IDF (same links per card):\n${sideBySide.join('\n')}`);
  if (notes.length > 0) console.log(`\n${notes.join('\n')}`);
  console.log(`\n${summary.met} met, ${summary.missed} missed, ${summary.seconds} s`);
}
