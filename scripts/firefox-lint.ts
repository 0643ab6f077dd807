/**
 * `web-ext lint` on dist/firefox, the check addons.mozilla.org runs on upload: fails on any error and on any
 * warning but the few allowed below by code and file, each with its reason.
 * Usage: tsx scripts/firefox-lint.ts (after node build.mjs)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LintMessage {
  code: string;
  file?: string;
  line?: number;
  message: string;
}

export interface LintReport {
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

export interface AllowedWarning {
  code: string;
  file: string;
  reason: string;
}

/** Each entry allows one warning of that code in that file. */
export const ALLOWED_WARNINGS: AllowedWarning[] = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: 'popup.js',
    reason: 'Preact’s renderer assigns innerHTML only for dangerouslySetInnerHTML, which src/ never uses (this script checks).',
  },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: 'options.js',
    reason: 'Preact’s renderer assigns innerHTML only for dangerouslySetInnerHTML, which src/ never uses (this script checks).',
  },
];

/** What fails the lint: every error, every warning no allowance takes, and allowances nothing used (stale). */
export function lintFailures(report: LintReport, allowed: readonly AllowedWarning[] = ALLOWED_WARNINGS): string[] {
  const describe = (kind: string, m: LintMessage): string => `${kind} ${m.code} in ${m.file ?? '?'}${m.line ? `:${m.line}` : ''}: ${m.message}`;
  const unused = [...allowed];
  const failures = report.errors.map((m) => describe('error', m));
  for (const warning of report.warnings) {
    const index = unused.findIndex((allowance) => allowance.code === warning.code && allowance.file === warning.file);
    if (index >= 0) unused.splice(index, 1);
    else failures.push(describe('warning', warning));
  }
  for (const allowance of unused) failures.push(`allowed warning ${allowance.code} in ${allowance.file} no longer occurs: remove it from ALLOWED_WARNINGS`);
  return failures;
}

/** The allowances' reason holds only while no source file sets HTML itself. */
export function sourcesSettingHtml(srcDir: string): string[] {
  const hits: string[] = [];
  for (const file of readdirSync(srcDir, { recursive: true }).map(String)) {
    if (!/\.(ts|tsx)$/.test(file) || /\.test\.tsx?$/.test(file)) continue;
    const text = readFileSync(join(srcDir, file), 'utf8');
    if (/dangerouslySetInnerHTML|\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML/.test(text)) hits.push(file);
  }
  return hits;
}

function main(): void {
  const root = resolve(import.meta.dirname, '..');
  const sourceDir = join(root, 'dist', 'firefox');
  if (!existsSync(join(sourceDir, 'manifest.json'))) {
    console.error('[firefox-lint] dist/firefox is missing: run `node build.mjs` first.');
    process.exit(1);
  }
  const webExt = join(root, 'node_modules', '.bin', 'web-ext');
  let output: string;
  try {
    output = execFileSync(webExt, ['lint', '--source-dir', sourceDir, '--output', 'json', '--no-config-discovery'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (error) {
    // web-ext exits non-zero when it finds errors; its JSON report is still on stdout.
    output = String((error as { stdout?: unknown }).stdout ?? '');
  }
  const start = output.indexOf('{');
  if (start < 0) {
    console.error(`[firefox-lint] web-ext printed no report:\n${output}`);
    process.exit(1);
  }
  const report = JSON.parse(output.slice(start)) as LintReport;
  const failures = lintFailures(report);
  for (const file of sourcesSettingHtml(join(root, 'src'))) failures.push(`src/${file} sets HTML itself, so the innerHTML allowances no longer hold`);
  for (const notice of report.notices) console.log(`[firefox-lint] notice ${notice.code} in ${notice.file ?? '?'}: ${notice.message}`);
  for (const allowance of ALLOWED_WARNINGS) console.log(`[firefox-lint] allowed ${allowance.code} in ${allowance.file}: ${allowance.reason}`);
  if (failures.length > 0) {
    console.error(`[firefox-lint] FAILED, ${failures.length} problem(s):\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`[firefox-lint] passed: 0 errors, ${report.warnings.length} warning(s), all allowed, ${report.notices.length} notice(s)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
