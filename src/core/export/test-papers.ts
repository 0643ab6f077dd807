/**
 * Papers the export tests run every format over: hand-made edge cases, a synthetic set (one 300-author paper)
 * and, when ../shared is present, the 491 real papers from the site. Test data only.
 */
import { generateSyntheticSet } from '../../../e2e/fixtures/synthetic';
import { loadSharedPapers } from '../../../e2e/fixtures/shared-data';
import type { PaperRecord } from '../records';
import type { Paper } from '../types';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 2, 11, 9, 30);

function record(paper: Paper, extra: Partial<PaperRecord> = {}): PaperRecord {
  return {
    ...paper,
    firstListedAt: T0,
    lastListedAt: T0 + DAY,
    listedCount: 2,
    seenCount: 1,
    firstSeenAt: T0 + 1000,
    lastSeenAt: T0 + 2000,
    pageKinds: ['day'],
    updatedAt: T0 + 3000,
    ...extra,
  };
}

export const EDGE_CASES: PaperRecord[] = [
  record(
    {
      id: '2307.09288',
      title: 'LLaMA 2: Open Foundation and Fine-Tuned Chat Models',
      abstract: 'In this work, we develop and release Llama 2, a collection of pretrained LLMs.\nSecond line.',
      authors: ['Hugo Touvron', 'Louis Martin', 'Kevin Stone'],
      publishedAt: '2023-07-18T14:31:57Z',
      upvotes: 12,
      keywords: ['large language models', 'RLHF'],
      githubRepo: 'https://github.com/facebookresearch/llama',
    },
    { starredAt: T0 + 5000, readAt: T0 + 4000 },
  ),
  record({
    id: '2401.00001',
    title: 'Braces {and} "quotes" with $\\alpha$-math, \\emph{emphasis}, 100% & #1 a_b ~x^2 \\ backslash',
    abstract: 'Unbalanced { brace and } another; 50% of $x_i$ use \\cite{foo}. Ünïcödé — 日本語 — π.',
    authors: ['Jan van der Berg', 'Juan de la Cruz', 'Fernando De la Torre', 'John Smith Jr.', 'DeepSeek-AI', 'Plato'],
    publishedAt: '2024-01-01T00:10:00Z',
  }),
  record({ id: '2402.00002', title: 'No Authors at All', abstract: '', authors: [] }),
  record({ id: '2402.00003', title: '', abstract: 'A paper whose title the page did not show.', authors: ['Ada Lovelace'] }),
  record({
    id: 'not-an-arxiv-id',
    title: 'A Paper Hosted Elsewhere',
    abstract: 'Its id is not an arXiv id.',
    authors: ['Grace Hopper'],
    submittedOnDailyAt: '2024-02-05T08:00:00.000Z',
  }),
  record({ id: 'hep-th/9901001', title: 'Old-Style Identifiers in {QCD}', abstract: 'Old id.', authors: ['Edward Witten'] }),
  record({
    id: '2403.00004',
    title: '=HYPERLINK("http://evil.example","click") +1 -1 @SUM',
    abstract: '@cmd|\' /C calc\'!A0',
    authors: ['-Minus Person', '+Plus Person', '=Formula Person'],
    publishedAt: '2024-03-01T00:00:00Z',
  }),
  record({
    id: '2403.00005',
    title: 'Markdown *stars* _under_ [brackets](x) `code` <b>tag</b> | pipe',
    abstract: '',
    authors: ['Research and Development Team', 'Smith, Jr., John', 'Cruz, Juan de la', 'Ludwig van Beethoven'],
    publishedAt: '2024-03-02T00:00:00Z',
    keywords: ['a, b', 'c'],
  }),
  record({
    id: '2403.00006',
    title: 'The Same First Author and Word',
    abstract: '',
    authors: ['Wei Zhang'],
    publishedAt: '2024-03-03T00:00:00Z',
  }),
  record({
    id: '2403.00007',
    title: 'The Same First Author and Word Again',
    abstract: '',
    authors: ['Wei Zhang'],
    publishedAt: '2024-03-04T00:00:00Z',
  }),
  record({
    id: '2403.00008',
    title: 'Same Word, Same Author, Third Paper',
    abstract: '',
    authors: ['Zhang, Wei'],
    publishedAt: '2024-03-05T00:00:00Z',
  }),
];

export function syntheticPapers(): Paper[] {
  return generateSyntheticSet({ seed: 11, count: 120, plant: true, manyAuthors: true }).papers;
}

/** The 491 real papers, or null when ../shared is absent. */
export const SHARED_PAPERS: Paper[] | null = loadSharedPapers();
