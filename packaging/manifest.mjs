// Turns the one source manifest into each browser's manifest, and names every store rule a built package breaks.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The permissions Paper Lens may ask for; anything else is a reviewed change to this list. */
export const ALLOWED_PERMISSIONS = ['storage', 'unlimitedStorage'];

/**
 * Limits the stores check at submission. Chrome Web Store: description at most 132 characters, name at most 75,
 * a 128 px icon (16, 32 and 48 px are shown in the browser). addons.mozilla.org: name at most 50 characters,
 * 48 and 96 px icons, and data_collection_permissions for every new add-on.
 */
export const STORE_RULES = {
  descriptionMax: 132,
  nameMax: 50,
  iconSizes: [16, 32, 48, 96, 128],
};

export function manifestFor(target, source) {
  const manifest = structuredClone(source);
  if (target === 'chrome') {
    delete manifest.browser_specific_settings;
  } else {
    // Firefox runs MV3 background code as an event page, not a service worker.
    manifest.background = { scripts: [source.background.service_worker] };
  }
  return manifest;
}

/** Width and height from a PNG's IHDR chunk, or null when the file is not a PNG. */
function pngSize(bytes) {
  const signature = '89504e470d0a1a0a';
  if (bytes.length < 24 || bytes.subarray(0, 8).toString('hex') !== signature) return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Code that loads or builds code at run time: both stores refuse it in MV3 packages. */
const REMOTE_CODE = [
  [/\beval\s*\(/, 'eval('],
  [/\bnew\s+Function\s*\(/, 'new Function('],
  [/\bimportScripts\s*\(\s*["'`]https?:/, 'importScripts of a remote URL'],
  [/\bimport\s*\(\s*["'`]https?:/, 'import() of a remote URL'],
];

/**
 * Every store rule the package in `dir` (built for `target`, with `manifest`) breaks, one sentence each; empty
 * when it can be submitted as it is.
 */
export function storeRuleProblems(target, manifest, dir) {
  const problems = [];
  const description = manifest.description ?? '';
  if (description.length === 0) problems.push('description is empty');
  if (description.length > STORE_RULES.descriptionMax) {
    problems.push(`description is ${description.length} characters; the Chrome Web Store takes at most ${STORE_RULES.descriptionMax}`);
  }
  const name = manifest.name ?? '';
  if (name.length === 0 || name.length > STORE_RULES.nameMax) problems.push(`name is ${name.length} characters; the stores take 1 to ${STORE_RULES.nameMax}`);
  // Chrome and Firefox: one to four dot-separated integers, each 0-65535 without leading zeros.
  const part = '(0|[1-9]\\d{0,4})';
  const version = String(manifest.version ?? '');
  if (!new RegExp(`^${part}(\\.${part}){0,3}$`).test(version) || version.split('.').some((n) => Number(n) > 65535)) {
    problems.push(`version "${version}" is not 1-4 dot-separated integers of 0-65535`);
  }
  if (manifest.manifest_version !== 3) problems.push('manifest_version is not 3');

  for (const size of STORE_RULES.iconSizes) {
    const file = manifest.icons?.[String(size)];
    if (!file) {
      problems.push(`no ${size} px icon in icons`);
      continue;
    }
    const path = join(dir, file);
    const dimensions = existsSync(path) ? pngSize(readFileSync(path)) : null;
    if (!dimensions) problems.push(`icon ${file} is missing or not a PNG`);
    else if (dimensions.width !== size || dimensions.height !== size) problems.push(`icon ${file} is ${dimensions.width}x${dimensions.height}, not ${size}x${size}`);
  }

  const unexpected = (manifest.permissions ?? []).filter((permission) => !ALLOWED_PERMISSIONS.includes(permission));
  if (unexpected.length > 0) problems.push(`permissions not on the reviewed list: ${unexpected.join(', ')}`);
  if (manifest.host_permissions !== undefined) problems.push('host_permissions: the content script match is all Paper Lens needs');
  if (manifest.optional_permissions !== undefined) problems.push('optional_permissions are not reviewed');
  if (JSON.stringify(manifest).includes('<all_urls>')) problems.push('<all_urls> appears in the manifest');
  if (manifest.content_security_policy !== undefined) problems.push('content_security_policy is set: the MV3 default allows no remote code');

  if (target === 'firefox') {
    const gecko = manifest.browser_specific_settings?.gecko ?? {};
    if (!/^[\w.+-]+@[\w.-]+$/.test(gecko.id ?? '')) problems.push('browser_specific_settings.gecko.id is not an email-like add-on id');
    const required = gecko.data_collection_permissions?.required;
    if (!Array.isArray(required) || required.length === 0) {
      problems.push('browser_specific_settings.gecko.data_collection_permissions.required is missing (AMO requires it)');
    } else if (required.includes('none') && required.length > 1) {
      problems.push('data_collection_permissions.required lists "none" beside other data types');
    }
  } else if (manifest.browser_specific_settings !== undefined) {
    problems.push('browser_specific_settings is Firefox-only and must not ship to Chrome');
  }

  const files = existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String) : [];
  for (const file of files.filter((path) => path.endsWith('.js'))) {
    const code = readFileSync(join(dir, file), 'utf8');
    for (const [pattern, what] of REMOTE_CODE) if (pattern.test(code)) problems.push(`${file} contains ${what}`);
  }
  for (const file of files.filter((path) => path.endsWith('.html'))) {
    const html = readFileSync(join(dir, file), 'utf8');
    for (const match of html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi)) {
      if (/^[a-z][a-z\d+.-]*:|^\/\//i.test(match[1])) problems.push(`${file} loads a script from ${match[1]}`);
    }
  }
  return problems;
}
