/** Gzipped size of each built entry point (dist/chrome/*.js), level 9 as store packagers use. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXTENSION_DIR } from '../e2e/launch';
import type { Report } from './bench-report';

export const ENTRY_POINTS = ['content', 'background', 'popup', 'options'] as const;
export const CONTENT_GZIP_TARGET_KB = 40;

export function declareBundleFigures(report: Report): void {
  for (const entry of ENTRY_POINTS) {
    report.declare(`bundle_${entry}_gzip_kb`, `${entry}.js gzipped`, 'kb', entry === 'content' ? { op: '<=', value: CONTENT_GZIP_TARGET_KB } : undefined);
  }
}

export function measureBundles(report: Report, dir = EXTENSION_DIR): void {
  const present = existsSync(dir) ? new Set(readdirSync(dir)) : new Set<string>();
  for (const entry of ENTRY_POINTS) {
    const file = `${entry}.js`;
    if (!present.has(file)) {
      report.miss(`bundle_${entry}_gzip_kb`, `${join(dir, file)} is missing (run node build.mjs)`);
      continue;
    }
    const raw = readFileSync(join(dir, file));
    const gzipped = gzipSync(raw, { level: 9 });
    report.set(`bundle_${entry}_gzip_kb`, gzipped.length / 1024, { note: `${(raw.length / 1024).toFixed(1)} KB minified` });
  }
}
