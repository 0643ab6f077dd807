import { describe, expect, it } from 'vitest';
import type { Paper } from '../types';
import { rankForYou } from './rank';

const paper = (id: string, title: string, abstract: string): Paper => ({ id, title, abstract, authors: [] });

const liked = [
  paper('2401.00001', 'Gaussian splatting for fast novel view synthesis', 'We render radiance fields with 3D Gaussian splatting primitives for real-time novel view synthesis of scenes.'),
  paper('2401.00002', 'Sparse-view Gaussian splatting', 'Gaussian splatting from few input views, regularised with depth priors for novel view synthesis.'),
];
const skipped = [
  paper('2401.00010', 'Speculative decoding for language models', 'A draft model proposes tokens that a large language model verifies in parallel, speeding up decoding.'),
  paper('2401.00011', 'Reward models for RLHF', 'We study reward hacking in reinforcement learning from human feedback with reward model ensembles.'),
];
const listed = [
  paper('2401.00020', 'Quantised attention kernels', 'Low-bit attention kernels for faster inference of transformers on GPUs.'),
  paper('2401.00021', 'Dynamic Gaussian splatting for video', 'We extend Gaussian splatting to dynamic scenes for novel view synthesis of moving objects from video.'),
  paper('2401.00022', 'Speculative decoding with tree drafts', 'Tree-structured drafts let a language model verify many speculative tokens at once during decoding.'),
  liked[0]!,
];

describe('For you', () => {
  it('picks the listed paper close to what the reader liked, and says why', () => {
    const picks = rankForYou(liked, skipped, listed);
    expect(picks.map((pick) => pick.index)).toEqual([1]);
    expect(picks[0]!.closeTo.map((close) => close.id)).toContain('2401.00001');
    expect(picks[0]!.terms.join(' ')).toMatch(/splatting/i);
  });

  it('never picks a paper the reader already liked, nor one that shares nothing with what they liked', () => {
    const picks = rankForYou(liked, skipped, listed, { max: 5, minScore: -Infinity, minCloseness: 0.05 });
    expect(picks.map((pick) => pick.index)).not.toContain(3);
    expect(picks.map((pick) => pick.index)).not.toContain(2);
  });

  it('gives nothing to a reader who liked nothing', () => {
    expect(rankForYou([], skipped, listed)).toEqual([]);
  });
});
