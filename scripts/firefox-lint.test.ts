import { describe, it, expect } from 'vitest';
import { lintFailures, ALLOWED_WARNINGS, type LintReport } from './firefox-lint';

const preactWarnings = ALLOWED_WARNINGS.map(({ code, file }) => ({ code, file, line: 1, message: 'Unsafe assignment to innerHTML' }));
const report = (extra: Partial<LintReport> = {}): LintReport => ({ errors: [], warnings: [...preactWarnings], notices: [], ...extra });

describe('lintFailures', () => {
  it('passes the allowed warnings, each once', () => {
    expect(lintFailures(report())).toEqual([]);
  });

  it('fails on a second warning of an allowed code in the same file, any other warning and any error', () => {
    expect(lintFailures(report({ warnings: [...preactWarnings, { code: 'UNSAFE_VAR_ASSIGNMENT', file: 'popup.js', line: 1, message: 'Unsafe assignment to innerHTML' }] }))).toHaveLength(1);
    expect(lintFailures(report({ warnings: [...preactWarnings, { code: 'UNSAFE_VAR_ASSIGNMENT', file: 'content.js', message: 'x' }] }))).toEqual(['warning UNSAFE_VAR_ASSIGNMENT in content.js: x']);
    expect(lintFailures(report({ warnings: [...preactWarnings, { code: 'MISSING_DATA_COLLECTION_PERMISSIONS', file: 'manifest.json', message: 'missing' }] }))).toHaveLength(1);
    expect(lintFailures(report({ errors: [{ code: 'JSON_INVALID', file: 'manifest.json', message: 'bad' }] }))).toEqual(['error JSON_INVALID in manifest.json: bad']);
  });

  it('fails when an allowance is no longer needed', () => {
    expect(lintFailures(report({ warnings: preactWarnings.slice(1) }))).toEqual([
      'allowed warning UNSAFE_VAR_ASSIGNMENT in popup.js no longer occurs: remove it from ALLOWED_WARNINGS',
    ]);
  });
});
