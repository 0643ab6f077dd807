/**
 * TF-IDF index for related papers: English stop words dropped, Porter stems, word unigrams and bigrams (a stop
 * word or number ends a phrase), sublinear tf with title words counted twice, smoothed idf, l2 norm, cosine
 * through an inverted index (each pair scored once, bounded by postings, never a dense n x n pass).
 *
 * Each paper keeps its TOP_TERMS heaviest terms among those another paper also has (a term no other paper has
 * cannot make a link; terms in more than half the papers say nothing). The norm covers the kept terms plus the
 * single words only this paper has, so a paper about something else stays far from all others, while unique
 * bigrams (nearly every bigram) do not drown every score.
 */
import { stemmer } from 'stemmer';
import type { Token } from './text-tokens';
import { GENERIC_WORDS } from './text-stopwords';
import { IntList, PairTable, TopLists } from './flat-tables';
import { linkStrength, strengthWithout, RELATED_MODEL, type PairEvidence, type RelatedModel } from './related-model';

export const TOP_TERMS = 64;
const TITLE_WEIGHT = 2;
const MAX_DF_SHARE = 0.5;
const MIN_DOCS_FOR_MAX_DF = 10;
/** Shared terms considered for a reason, heaviest first. */
const SHARED_SCAN = 10;

export interface Neighbour {
  index: number;
  score: number;
}

export interface ScoringOptions {
  /** Lowest score kept. */
  floor: number;
  /** Pairs kept per doc. */
  keep: number;
  /** Pairs (a < b) that may be linked; all when absent. */
  allow?: (a: number, b: number) => boolean;
  /** The strength model (the shipped one when absent; the eval passes others). */
  model?: RelatedModel;
}

/**
 * Weight of generic research words (see GENERIC_WORDS) and of phrases made only of them ("language model",
 * "fine tuning"); a phrase with one specific word ("model merging") keeps full weight.
 */
const GENERIC_FACTOR = 0.3;
/** Weight of a named method, model or dataset (written with an inner capital or a digit: LoRA, SD3, GSM8K). */
const NAMED_FACTOR = 1.5;
/** What a term is, for its weight and for the specific part of a pair's evidence. */
const enum TermKind {
  Plain = 0,
  Generic = 1,
  /** A named method, model or dataset, or a phrase containing one. */
  Named = 2,
  /** A phrase of two words, neither generic. */
  Phrase = 3,
}
const isSpecific = (kind: number): boolean => kind >= TermKind.Named;
/** An acronym as papers write one after its long form: two or more capitals, short (MoE, CoT, SSMs, LLaVA). */
const ACRONYM = /^(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z]{2,6}$/;
/** Words that introduce a name rather than say what a paper is about. */
const NAMING_WORDS: ReadonlySet<string> = new Set(['called', 'named', 'dubbed', 'termed', 'coined', 'namely', 'introduce', 'introduces', 'propose', 'proposes', 'present', 'presents']);
/** Written like a name: a capital after the first letter or a digit beside letters ("NeRF", "LLaMA", "SD3"). */
const NAMED_SURFACE = /^.+[A-Z]|[A-Za-z]\d|\d[A-Za-z]/;
let genericStems: ReadonlySet<string> | null = null;
/** Stemmed on first use, not at load: the content script loads on every visit and mostly never analyses. */
function isGenericStem(stem: string): boolean {
  genericStems ??= new Set([...GENERIC_WORDS].map((word) => stemmer(word)));
  return genericStems.has(stem);
}

const LOG_TABLE = Float64Array.from({ length: 64 }, (_, count) => (count > 0 ? 1 + Math.log(count) : 0));

export class RelatedIndex {
  /** Global stem id (text-tokens) -> term id + 1 (0: not seen yet). */
  private unigramIds = new Int32Array(4096);
  private readonly bigramIds = new PairTable();
  /** Per term: for bigrams its two unigram ids, -1 for unigrams. */
  private readonly firstPart = new IntList(8192);
  private readonly secondPart = new IntList(8192);
  /** Per unigram: the spelling shown in reasons (the corpus's most frequent one). */
  private readonly surfaces: string[] = [];
  /** Unigram term ids of generic words. */
  private readonly generic = new Set<number>();
  private readonly surfaceOptions: Array<string[] | undefined> = [];
  private readonly surfaceCounts: Array<number[] | undefined> = [];

  /** Term ids and counts of every doc, back to back; doc d spans [docStart[d], docStart[d + 1]). */
  private readonly termIds = new IntList(1 << 16);
  private readonly termCounts = new IntList(1 << 16);
  private readonly docStart = new IntList(1024);
  private scratch = new Int32Array(1024);
  private scratchLength = 0;

  private kind = new Uint8Array(0);
  private df = new Int32Array(0);
  private idf = new Float64Array(0);
  private maxDf = Infinity;
  /** Kept vectors: doc d's terms at [d * TOP_TERMS, d * TOP_TERMS + vectorLength[d]), ascending term id. */
  private vectorIds = new Int32Array(0);
  private vectorWeights = new Float32Array(0);
  private vectorLength = new Int32Array(0);
  private weightScratch = new Float64Array(1024);
  /** Postings of term t at [postingStart[t], postingStart[t + 1]), in doc order. */
  private postingStart = new Int32Array(0);
  private postingDoc = new Int32Array(0);
  private postingWeight = new Float32Array(0);
  private accumulator = new Float64Array(0);
  private specificAccumulator = new Float64Array(0);
  private touched = new Int32Array(0);
  private top: TopLists = new TopLists(0, 0);
  private readonly sharedIds = new Int32Array(TOP_TERMS);
  private readonly sharedWeights = new Float64Array(TOP_TERMS);
  private readonly rankedIds = new Int32Array(SHARED_SCAN);
  private readonly rankedWeights = new Float64Array(SHARED_SCAN);

  /** Title (and keyword) term ids of every doc, ascending, doc d at [titleStart[d], titleStart[d + 1]). */
  private readonly titleIds = new IntList(1 << 12);
  private readonly titleStart = new IntList(1024);
  /** Per doc: the l2 norm of its title terms weighed by idf and kind (see titleShare). */
  private titleNorm = new Float64Array(0);
  private exclusiveAccumulator = new Float64Array(0);

  constructor() {
    this.docStart.push(0);
    this.titleStart.push(0);
  }

  get size(): number {
    return this.docStart.length - 1;
  }

  /**
   * Adds one paper from its title and abstract tokens (see text-tokens), and the site's keywords for it when it
   * has them (each keyword a phrase of its own, weighed like the title). Returns its doc index.
   */
  add(titleTokens: readonly Token[], abstractTokens: readonly Token[], keywordTokens: ReadonlyArray<readonly Token[]> = []): number {
    this.scratchLength = 0;
    this.collectTerms(titleTokens);
    for (const keyword of keywordTokens) this.collectTerms(keyword);
    const titleEnd = this.scratchLength;
    const titleTerms = [...new Set(this.scratch.subarray(0, titleEnd))].sort((x, y) => x - y);
    for (const term of titleTerms) this.titleIds.push(term);
    this.titleStart.push(this.titleIds.length);
    for (let copy = 1; copy < TITLE_WEIGHT; copy++) for (let t = 0; t < titleEnd; t++) this.pushScratch(this.scratch[t] as number);
    this.collectTerms(abstractTokens);
    const sorted = this.scratch.subarray(0, this.scratchLength).sort();
    this.termIds.reserve(this.termIds.length + sorted.length);
    this.termCounts.reserve(this.termCounts.length + sorted.length);
    for (let t = 0; t < sorted.length; t++) {
      if (t > 0 && sorted[t] === sorted[t - 1]) {
        const last = this.termCounts.length - 1;
        this.termCounts.data[last] = (this.termCounts.data[last] as number) + 1;
      } else {
        this.termIds.push(sorted[t] as number);
        this.termCounts.push(1);
      }
    }
    this.docStart.push(this.termIds.length);
    return this.size - 1;
  }

  private pushScratch(id: number): void {
    if (this.scratchLength === this.scratch.length) {
      const grown = new Int32Array(this.scratch.length * 2);
      grown.set(this.scratch);
      this.scratch = grown;
    }
    this.scratch[this.scratchLength++] = id;
  }

  private collectTerms(tokens: readonly Token[]): void {
    let previous = -1;
    for (const token of tokens) {
      if (token.stemId < 0) {
        // Stop words and numbers end a phrase: "learning from human" gives no "learning human" bigram.
        previous = -1;
        continue;
      }
      if (token.stemId >= this.unigramIds.length) {
        const grown = new Int32Array(Math.max(token.stemId + 1, this.unigramIds.length * 2));
        grown.set(this.unigramIds);
        this.unigramIds = grown;
      }
      let id = (this.unigramIds[token.stemId] as number) - 1;
      if (id < 0) {
        id = this.newTerm(-1, -1);
        this.unigramIds[token.stemId] = id + 1;
        if (token.stem !== null && isGenericStem(token.stem)) this.generic.add(id);
      }
      this.countSurface(id, token.display);
      this.pushScratch(id);
      if (previous >= 0 && previous !== id) {
        let bigram = this.bigramIds.get(previous, id);
        if (bigram < 0) {
          bigram = this.newTerm(previous, id);
          this.bigramIds.set(previous, id, bigram);
        }
        this.pushScratch(bigram);
      }
      previous = id;
    }
  }

  private newTerm(first: number, second: number): number {
    const id = this.firstPart.length;
    this.firstPart.push(first);
    this.secondPart.push(second);
    return id;
  }

  /** Shows each word the way the corpus writes it most often ("context window", not a rare "contexts"). */
  private countSurface(id: number, display: string): void {
    const options = this.surfaceOptions[id];
    const counts = this.surfaceCounts[id];
    if (!options || !counts) {
      this.surfaceOptions[id] = [display];
      this.surfaceCounts[id] = [1];
      this.surfaces[id] = display;
      return;
    }
    // The most frequent spelling is kept first, so the common case is one comparison.
    if (options[0] === display) {
      counts[0] = (counts[0] as number) + 1;
      return;
    }
    let at = options.indexOf(display);
    if (at < 0) {
      if (options.length >= 6) return;
      at = options.push(display) - 1;
      counts.push(0);
    }
    const count = (counts[at] as number) + 1;
    counts[at] = count;
    if (count > (counts[0] as number)) {
      options[at] = options[0] as string;
      counts[at] = counts[0] as number;
      options[0] = display;
      counts[0] = count;
      this.surfaces[id] = display;
    }
  }

  /** Document frequencies and idf; call once after every `add`. */
  computeIdf(): void {
    const termCount = this.firstPart.length;
    const n = this.size;
    this.df = new Int32Array(termCount);
    const ids = this.termIds.data;
    const df = this.df;
    for (let k = 0; k < this.termIds.length; k++) df[ids[k] as number] = (df[ids[k] as number] as number) + 1;
    this.idf = new Float64Array(termCount);
    for (let t = 0; t < termCount; t++) this.idf[t] = Math.log((n + 1) / ((this.df[t] as number) + 1)) + 1;
    this.kind = new Uint8Array(termCount);
    for (let t = 0; t < termCount; t++) this.kind[t] = this.kindOf(t);
    this.maxDf = n >= MIN_DOCS_FOR_MAX_DF ? Math.floor(n * MAX_DF_SHARE) : Infinity;
    this.vectorIds = new Int32Array(n * TOP_TERMS);
    this.vectorWeights = new Float32Array(n * TOP_TERMS);
    this.vectorLength = new Int32Array(n);
    this.titleNorm = new Float64Array(n);
  }

  /** A title term's weight: idf, cut for generic words, raised for names; 0 for terms that say nothing here. */
  private titleWeight(term: number): number {
    if ((this.df[term] as number) > this.maxDf) return 0;
    const kind = this.kind[term] as number;
    return (this.idf[term] as number) * (kind === TermKind.Generic ? GENERIC_FACTOR : kind === TermKind.Named ? NAMED_FACTOR : 1);
  }

  /** Cosine of two titles (with their keywords): binary terms weighed by titleWeight. */
  private titleShare(a: number, b: number): number {
    const ids = this.titleIds.data;
    let i = this.titleStart.data[a] as number;
    let j = this.titleStart.data[b] as number;
    const endA = this.titleStart.data[a + 1] as number;
    const endB = this.titleStart.data[b + 1] as number;
    let sum = 0;
    while (i < endA && j < endB) {
      const x = ids[i] as number;
      const y = ids[j] as number;
      if (x === y) {
        const weight = this.titleWeight(x);
        sum += weight * weight;
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
    }
    return Math.min(1, sum / ((this.titleNorm[a] as number) * (this.titleNorm[b] as number)));
  }

  private kindOf(term: number): TermKind {
    const first = this.firstPart.data[term] as number;
    if (first < 0) {
      if (this.generic.has(term)) return TermKind.Generic;
      return NAMED_SURFACE.test(this.surfaces[term] ?? '') ? TermKind.Named : TermKind.Plain;
    }
    const a = this.kindOf(first);
    const b = this.kindOf(this.secondPart.data[term] as number);
    if (a === TermKind.Named || b === TermKind.Named) return TermKind.Named;
    if (a === TermKind.Generic && b === TermKind.Generic) return TermKind.Generic;
    return a === TermKind.Generic || b === TermKind.Generic ? TermKind.Plain : TermKind.Phrase;
  }

  /** Kept term vectors of docs [from, to). */
  weigh(from: number, to: number): void {
    const ids = this.termIds.data;
    const counts = this.termCounts.data;
    const starts = this.docStart.data;
    const firstPart = this.firstPart.data;
    for (let d = from; d < to; d++) {
      const start = starts[d] as number;
      const end = starts[d + 1] as number;
      const length = end - start;
      if (this.weightScratch.length < length * 2) this.weightScratch = new Float64Array(length * 2);
      const weights = this.weightScratch;
      let eligible = 0;
      let uniqueSquares = 0;
      for (let k = 0; k < length; k++) {
        const term = ids[start + k] as number;
        const df = this.df[term] as number;
        const count = counts[start + k] as number;
        let weight = (count < 64 ? (LOG_TABLE[count] as number) : 1 + Math.log(count)) * (this.idf[term] as number);
        const kind = this.kind[term] as number;
        if (kind === TermKind.Generic) weight *= GENERIC_FACTOR;
        else if (kind === TermKind.Named) weight *= NAMED_FACTOR;
        weights[k] = 0;
        if (df < 2) {
          if (firstPart[term] === -1) uniqueSquares += weight * weight;
          continue;
        }
        if (df > this.maxDf) continue;
        weights[k] = weight;
        weights[length + eligible++] = weight;
      }
      // The TOP_TERMS-th largest weight is the cut (a numeric typed-array sort, no comparator calls).
      const cut = eligible > TOP_TERMS ? (weights.subarray(length, length + eligible).sort()[eligible - TOP_TERMS] as number) : 0;
      const base = d * TOP_TERMS;
      let kept = 0;
      let squares = uniqueSquares;
      for (let k = 0; k < length && kept < TOP_TERMS; k++) {
        const weight = weights[k] as number;
        if (weight <= 0 || weight < cut) continue;
        this.vectorIds[base + kept] = ids[start + k] as number;
        this.vectorWeights[base + kept++] = weight;
        squares += weight * weight;
      }
      const norm = Math.sqrt(squares) || 1;
      for (let k = 0; k < kept; k++) this.vectorWeights[base + k] = (this.vectorWeights[base + k] as number) / norm;
      this.vectorLength[d] = kept;
      let titleSquares = 0;
      for (let k = this.titleStart.data[d] as number; k < (this.titleStart.data[d + 1] as number); k++) {
        const weight = this.titleWeight(this.titleIds.data[k] as number);
        titleSquares += weight * weight;
      }
      this.titleNorm[d] = Math.sqrt(titleSquares) || 1;
    }
  }

  /** Inverted index over the kept terms; call once after `weigh` covered every doc. */
  buildPostings(): void {
    const termCount = this.firstPart.length;
    const n = this.size;
    const starts = new Int32Array(termCount + 1);
    for (let d = 0; d < n; d++) {
      for (let k = 0; k < (this.vectorLength[d] as number); k++) {
        const slot = (this.vectorIds[d * TOP_TERMS + k] as number) + 1;
        starts[slot] = (starts[slot] as number) + 1;
      }
    }
    for (let t = 0; t < termCount; t++) starts[t + 1] = (starts[t + 1] as number) + (starts[t] as number);
    const fill = starts.slice(0, termCount);
    this.postingDoc = new Int32Array(starts[termCount] as number);
    this.postingWeight = new Float32Array(starts[termCount] as number);
    for (let d = 0; d < n; d++) {
      for (let k = 0; k < (this.vectorLength[d] as number); k++) {
        const term = this.vectorIds[d * TOP_TERMS + k] as number;
        const at = fill[term] as number;
        fill[term] = at + 1;
        this.postingDoc[at] = d;
        this.postingWeight[at] = this.vectorWeights[d * TOP_TERMS + k] as number;
      }
    }
    this.postingStart = starts;
    this.accumulator = new Float64Array(n);
    this.specificAccumulator = new Float64Array(n);
    this.exclusiveAccumulator = new Float64Array(n);
    this.touched = new Int32Array(n);
  }

  /**
   * Scores each pair (d, other > d) for d in [from, to) and keeps, for both ends, the `keep` best pairs scoring
   * at least `floor` that `allow` accepts. Call after `buildPostings`, with the same options each time, over
   * ranges that together cover every doc whose pairs are wanted.
   */
  scorePairs(from: number, to: number, opts: ScoringOptions): void {
    const keep = Math.max(0, Math.floor(opts.keep));
    if (this.top.size !== this.size || this.top.keep !== keep) this.top = new TopLists(this.size, keep);
    if (keep === 0) return;
    const { accumulator: acc, specificAccumulator: specificAcc, exclusiveAccumulator: exclusiveAcc, touched, postingStart, postingDoc, postingWeight, kind, df } = this;
    const model = opts.model ?? RELATED_MODEL;
    const evidence: PairEvidence = { cosine: 0, specific: 0, title: 0, exclusive: 0 };
    const floorWithoutTitle = strengthWithout(opts.floor, model.title);
    for (let d = from; d < to; d++) {
      let touchedCount = 0;
      const base = d * TOP_TERMS;
      for (let k = 0; k < (this.vectorLength[d] as number); k++) {
        const term = this.vectorIds[base + k] as number;
        const weight = this.vectorWeights[base + k] as number;
        const specific = isSpecific(kind[term] as number);
        const exclusive = df[term] === 2;
        // Postings are in doc order: walk back while the other doc comes after d.
        for (let p = (postingStart[term + 1] as number) - 1; p >= (postingStart[term] as number); p--) {
          const other = postingDoc[p] as number;
          if (other <= d) break;
          if (acc[other] === 0) touched[touchedCount++] = other;
          const product = weight * (postingWeight[p] as number);
          acc[other] = (acc[other] as number) + product;
          if (specific) specificAcc[other] = (specificAcc[other] as number) + product;
          if (exclusive) exclusiveAcc[other] = (exclusiveAcc[other] as number) + product;
        }
      }
      for (let t = 0; t < touchedCount; t++) {
        const other = touched[t] as number;
        evidence.cosine = Math.min(1, acc[other] as number);
        evidence.specific = Math.min(evidence.cosine, specificAcc[other] as number);
        evidence.exclusive = Math.min(evidence.cosine, exclusiveAcc[other] as number);
        acc[other] = 0;
        specificAcc[other] = 0;
        exclusiveAcc[other] = 0;
        // Most pairs share a word or two: when even a full title match could not lift them to the floor, the
        // titles are not compared.
        evidence.title = 0;
        if (linkStrength(evidence, model) < floorWithoutTitle) continue;
        evidence.title = this.titleShare(d, other);
        const score = linkStrength(evidence, model);
        if (score < opts.floor || (opts.allow && !opts.allow(d, other))) continue;
        this.top.offer(d, other, score);
        this.top.offer(other, d, score);
      }
    }
  }

  /** The pairs kept for `d` by `scorePairs`, best first. */
  neighbours(d: number): Neighbour[] {
    const out: Neighbour[] = [];
    const base = d * this.top.keep;
    const count = this.top.counts[d] ?? 0;
    for (let k = 0; k < count; k++) out.push({ index: this.top.indices[base + k] as number, score: this.top.scores[base + k] as number });
    return out;
  }

  /** The evidence of one pair, as scorePairs weighs it (the eval fits models on it). */
  pairEvidence(a: number, b: number): PairEvidence {
    let cosine = 0;
    let specific = 0;
    let exclusive = 0;
    let i = a * TOP_TERMS;
    let j = b * TOP_TERMS;
    const endA = i + (this.vectorLength[a] ?? 0);
    const endB = j + (this.vectorLength[b] ?? 0);
    while (i < endA && j < endB) {
      const x = this.vectorIds[i] as number;
      const y = this.vectorIds[j] as number;
      if (x === y) {
        const product = (this.vectorWeights[i++] as number) * (this.vectorWeights[j++] as number);
        cosine += product;
        if (isSpecific(this.kind[x] as number)) specific += product;
        if (this.df[x] === 2) exclusive += product;
      } else if (x < y) i++;
      else j++;
    }
    cosine = Math.min(1, cosine);
    return { cosine, specific: Math.min(cosine, specific), title: this.titleShare(a, b), exclusive: Math.min(cosine, exclusive) };
  }

  /**
   * The terms two docs share most, as readable phrases. Bigrams absorb the single words they contain and chain
   * into longer phrases ("extend LLM" + "LLM context" + "context window" -> "extend LLM context window").
   */
  sharedTerms(a: number, b: number, max = 3): string[] {
    let count = 0;
    let i = a * TOP_TERMS;
    let j = b * TOP_TERMS;
    const endA = i + (this.vectorLength[a] ?? 0);
    const endB = j + (this.vectorLength[b] ?? 0);
    while (i < endA && j < endB) {
      const x = this.vectorIds[i] as number;
      const y = this.vectorIds[j] as number;
      if (x === y && this.kind[x] === TermKind.Generic) {
        // Generic words ("model", "fine tuning") count for little in the score and explain nothing to a reader.
        i++;
        j++;
      } else if (x === y) {
        this.sharedIds[count] = x;
        this.sharedWeights[count++] = (this.vectorWeights[i++] as number) * (this.vectorWeights[j++] as number);
      } else if (x < y) i++;
      else j++;
    }
    // Only the heaviest few shared terms can end up in a reason: insertion into a short ranked list.
    const rankedIds = this.rankedIds;
    const rankedWeights = this.rankedWeights;
    let ranked = 0;
    for (let k = 0; k < count; k++) {
      const weight = this.sharedWeights[k] as number;
      if (ranked === SHARED_SCAN && weight <= (rankedWeights[SHARED_SCAN - 1] as number)) continue;
      if (ranked < SHARED_SCAN) ranked++;
      let at = ranked - 1;
      while (at > 0 && (rankedWeights[at - 1] as number) < weight) {
        rankedWeights[at] = rankedWeights[at - 1] as number;
        rankedIds[at] = rankedIds[at - 1] as number;
        at--;
      }
      rankedWeights[at] = weight;
      rankedIds[at] = this.sharedIds[k] as number;
    }
    return this.phrasesOf(rankedIds.subarray(0, ranked), max);
  }

  private surfaceOf(word: number): string {
    return (this.surfaces[word] ?? '').toLowerCase();
  }

  private phrasesOf(ranked: Int32Array, max: number): string[] {
    const phrases: number[][] = [];
    const holderOf = (word: number): number[] | undefined => {
      for (const phrase of phrases) if (phrase.includes(word)) return phrase;
      return undefined;
    };
    for (const term of ranked) {
      const first = this.firstPart.data[term] as number;
      const second = this.secondPart.data[term] as number;
      if (first < 0) {
        if (phrases.length < max && !holderOf(term)) phrases.push([term]);
        continue;
      }
      const holder = holderOf(first) ?? holderOf(second);
      if (!holder) {
        if (phrases.length < max) phrases.push([first, second]);
        continue;
      }
      if (holder.includes(first) && holder.includes(second)) continue;
      if (holder.length < 4 && holder[holder.length - 1] === first) holder.push(second);
      else if (holder.length < 4 && holder[0] === second) holder.unshift(first);
      else if (holder.length === 1) holder.splice(0, 1, first, second);
      else continue;
      // A phrase that grew may now cover a single word chosen earlier ("splatting", then "gaussian splatting").
      for (let k = phrases.length - 1; k >= 0; k--) {
        const other = phrases[k] as number[];
        if (other !== holder && other.length === 1 && holder.includes(other[0] as number)) phrases.splice(k, 1);
      }
    }
    const words: string[] = [];
    for (const phrase of phrases) {
      // A chained phrase can start or end on a word that says nothing ("called self play fine"): the reason
      // shows the words between.
      let from = 0;
      let to = phrase.length;
      // Words before an acronym are the end of its long form written out before it ("chain-of-thought (CoT)
      // prompts" chains into "thought CoT prompts"): the acronym says it alone.
      for (let k = to - 1; k > 0; k--) if (ACRONYM.test(this.surfaces[phrase[k] as number] ?? '')) from = Math.max(from, k);
      while (from < to && NAMING_WORDS.has(this.surfaceOf(phrase[from] as number))) from++;
      // A generic word inside a two-word phrase belongs to it ("self play"); a longer chain loses one at an end.
      while (to - from > 2 && this.kind[phrase[to - 1] as number] === TermKind.Generic) to--;
      while (to - from > 2 && this.kind[phrase[from] as number] === TermKind.Generic) from++;
      if (from === to) continue;
      let text = this.surfaces[phrase[from] as number] as string;
      for (let k = from + 1; k < to; k++) text += ` ${this.surfaces[phrase[k] as number]}`;
      if (!words.includes(text)) words.push(text);
    }
    return words;
  }
}
