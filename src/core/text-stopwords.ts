/**
 * A compact English stop word list plus the boilerplate words of abstracts ("we propose", "results show"),
 * which say nothing about what a paper is about. Kept short for the content script's size budget.
 */
const ENGLISH =
  'a about above across after again against all along also although am among an and any are around as at be because been before being below ' +
  'between both but by can could did do does doing down during each either else etc even ever every few for from ' +
  'further had has have having he her here hers herself him himself his how however i if in into is it its itself ' +
  'just less many may me might more most much must my neither no nor not of off often on once one only or other ' +
  'our ours ourselves out over own per same she should since so some such than that the their theirs them themselves ' +
  'then there these they this those though through thus to too toward towards two under until up upon us very via was we were what ' +
  'when where whether which while who whom whose why will with within without would yet you your yours';

const ABSTRACT_BOILERPLATE =
  'achieve achieves achieving address addresses approach approaches based demonstrate demonstrates existing ' +
  'experiment experiments extensive furthermore introduce introduces key method methods moreover new novel paper ' +
  'present presents propose proposed proposes result results show shows significantly specifically state art ' +
  'study task tasks use used uses using well work works https http www github com org io html';

export const STOP_WORDS: ReadonlySet<string> = new Set(`${ENGLISH} ${ABSTRACT_BOILERPLATE}`.split(' '));

/**
 * Words of research prose in general ("model", "LLMs", "fine-tuning", "benchmark"): they say little about what a
 * paper is about, so their single-word weight is cut in TF-IDF, while phrases made with them ("language model
 * alignment", "video generation") keep full weight. On small pages (a daily list of ten papers) idf alone
 * cannot tell they are common.
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(
  ('model models llm llms language large training train trained data performance improve improves improved improvement ' +
    'improving task fine tuning tuned learning learn framework benchmark benchmarks dataset datasets evaluation evaluate ' +
    'capabilities capability ability abilities quality efficient efficiency effective effectively general high low ' +
    'baseline baselines prior various different design simple strong accuracy open source release released code ' +
    'available self multiple shot zero advanced advances recent important significant significantly better best ' +
    'state art introduce leverage leveraging enable enables enhance enhanced enhancing demonstrate outperform ' +
    'outperforms superior challenge challenges challenging problem problems solution solutions process human ' +
    'generate generated generating input output inputs outputs level scale scaling size sizes number set time ' +
    'previous existing current standard novel pipeline module modules component components consistent').split(' '),
);
