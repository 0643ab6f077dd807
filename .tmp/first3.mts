import { generateSyntheticSet } from '/work/main/e2e/fixtures/synthetic';
import { stemmer } from 'stemmer';
const { papers } = generateSyntheticSet({ seed: 7, count: 50, plant: true });
const words = new Set<string>();
let t = performance.now();
let total = 0;
for (const p of papers) for (const w of p.abstract!.split(/[^A-Za-z0-9]+/)) { total++; if (w) words.add(w.toLowerCase()); }
console.log('split', (performance.now() - t).toFixed(1), total, words.size);
t = performance.now();
for (const w of words) stemmer(w);
console.log('stem distinct', (performance.now() - t).toFixed(1));
t = performance.now();
for (const w of words) stemmer(w + 's');
console.log('stem again', (performance.now() - t).toFixed(1));
