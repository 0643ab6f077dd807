/**
 * The peer: arxiv-sanity-lite's TF-IDF with the settings in ../shared/DETECTION.md (scikit-learn's
 * TfidfVectorizer: unicode accent stripping, lowercase, English stop words, tokens `[a-zA-Z_][a-zA-Z0-9_]+`,
 * word 1-2 grams, 20,000 features, min_df 5, max_df 0.1, l2 norm, smoothed idf, sublinear tf) over title +
 * abstract + author names, fitted on the whole corpus as arxiv-sanity fits on its whole database. Similarity is
 * the cosine of the l2-normed vectors. Used only by the eval, never shipped.
 */
import type { Paper } from '../../src/core/types';

/** scikit-learn's ENGLISH_STOP_WORDS (the Glasgow Information Retrieval Group list), as data. */
const SKLEARN_STOP_WORDS = new Set((
  'a about above across after afterwards again against all almost alone along already also although always am among amongst amount an ' +
  'and another any anyhow anyone anything anyway anywhere are around as at back be became because become becomes becoming been before ' +
  'beforehand behind being below beside besides between beyond bill both bottom but by call can cannot cant co con could couldnt cry de ' +
  'describe detail do done down due during each eg eight either eleven else elsewhere empty enough etc even ever every everyone everything ' +
  'everywhere except few fifteen fifty fill find fire first five for former formerly forty found four from front full further get give go ' +
  'had has hasnt have he hence her here hereafter hereby herein hereupon hers herself him himself his how however hundred i ie if in inc ' +
  'indeed interest into is it its itself keep last latter latterly least less ltd made many may me meanwhile might mill mine more moreover ' +
  'most mostly move much must my myself name namely neither never nevertheless next nine no nobody none noone nor not nothing now nowhere ' +
  'of off often on once one only onto or other others otherwise our ours ourselves out over own part per perhaps please put rather re same ' +
  'see seem seemed seeming seems serious several she should show side since sincere six sixty so some somehow someone something sometime ' +
  'sometimes somewhere still such system take ten than that the their them themselves then thence there thereafter thereby therefore ' +
  'therein thereupon these they thick thin third this those though three through throughout thru thus to together too top toward towards ' +
  'twelve twenty two un under until up upon us very via was we well were what whatever when whence whenever where whereafter whereas ' +
  'whereby wherein whereupon wherever whether which while whither who whoever whole whom whose why will with within without would yet you ' +
  'your yours yourself yourselves'
).split(' '));

const MAX_FEATURES = 20_000;
const MIN_DF = 5;
const MAX_DF = 0.1;

function terms(paper: Paper): string[] {
  const text = `${paper.title} ${paper.abstract} ${paper.authors.join(' ')}`.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const words = (text.match(/[a-zA-Z_][a-zA-Z0-9_]+/g) ?? []).filter((word) => !SKLEARN_STOP_WORDS.has(word));
  const out = [...words];
  for (let i = 1; i < words.length; i++) out.push(`${words[i - 1]} ${words[i]}`);
  return out;
}

/** Sparse l2-normed TF-IDF vectors of `corpus`, by paper id. */
export function peerVectors(corpus: readonly Paper[]): Map<string, Map<string, number>> {
  const docs = corpus.map(terms);
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of new Set(doc)) df.set(term, (df.get(term) ?? 0) + 1);
  const n = docs.length;
  const counts = new Map<string, number>();
  for (const doc of docs) for (const term of doc) counts.set(term, (counts.get(term) ?? 0) + 1);
  // min_df and max_df first, then the MAX_FEATURES most frequent (corpus term frequency, ties by term) as in sklearn.
  const kept = [...df].filter(([, d]) => d >= MIN_DF && d <= MAX_DF * n).map(([term]) => term)
    .sort((x, y) => (counts.get(y) as number) - (counts.get(x) as number) || (x < y ? -1 : 1))
    .slice(0, MAX_FEATURES);
  const idf = new Map(kept.map((term) => [term, Math.log((1 + n) / (1 + (df.get(term) as number))) + 1]));
  const out = new Map<string, Map<string, number>>();
  docs.forEach((doc, i) => {
    const tf = new Map<string, number>();
    for (const term of doc) if (idf.has(term)) tf.set(term, (tf.get(term) ?? 0) + 1);
    const vector = new Map<string, number>();
    let squares = 0;
    for (const [term, count] of tf) {
      const weight = (1 + Math.log(count)) * (idf.get(term) as number);
      vector.set(term, weight);
      squares += weight * weight;
    }
    const norm = Math.sqrt(squares) || 1;
    for (const [term, weight] of vector) vector.set(term, weight / norm);
    out.set((corpus[i] as Paper).id, vector);
  });
  return out;
}

export function cosine(a: ReadonlyMap<string, number> | undefined, b: ReadonlyMap<string, number> | undefined): number {
  if (!a || !b) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [term, weight] of small) sum += weight * (large.get(term) ?? 0);
  return sum;
}
