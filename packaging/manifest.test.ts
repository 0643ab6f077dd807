/**
 * The built packages against the stores' rules and what Paper Lens asks for: a longer description, a missing
 * icon size, a new permission or remote code fails here (and the build refuses to write such a package).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { buildExtension, NOTICES_FILE, TARGETS } from './build.mjs';
import { ALLOWED_PERMISSIONS, STORE_RULES, manifestFor, storeRuleProblems } from './manifest.mjs';
import { bundledPackageDirs } from './notices.mjs';

const root = resolve(import.meta.dirname, '..');
let outDir = '';
let metafile: { inputs: Record<string, unknown> };
const read = (target: string): Record<string, any> => JSON.parse(readFileSync(join(outDir, target, 'manifest.json'), 'utf8')); // any: manifest JSON, checked field by field below

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'paper-lens-build-'));
  const built = await buildExtension({ root, outDir });
  if (!built.metafile) throw new Error('esbuild wrote no metafile');
  metafile = built.metafile;
}, 120_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('built manifests', () => {
  it.each(TARGETS)('%s: breaks no store rule', (target) => {
    const manifest = read(target);
    expect(storeRuleProblems(target, manifest, join(outDir, target))).toEqual([]);
    expect(manifest.description.length).toBeLessThanOrEqual(132);
    expect(manifest.version).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version);
  });

  it.each(TARGETS)('%s: least privilege', (target) => {
    const manifest = read(target);
    expect(manifest.manifest_version).toBe(3);
    // "storage" is allowed for browser sync (storage.sync); nothing else without changing ALLOWED_PERMISSIONS.
    expect(ALLOWED_PERMISSIONS).toEqual(['storage', 'unlimitedStorage']);
    expect(manifest.permissions).toContain('unlimitedStorage');
    for (const permission of manifest.permissions) expect(ALLOWED_PERMISSIONS).toContain(permission);
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.optional_permissions).toBeUndefined();
    expect(manifest.content_scripts).toEqual([{ matches: ['https://huggingface.co/papers*'], js: ['content.js'], run_at: 'document_idle' }]);
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
    expect(manifest.content_security_policy).toBeUndefined();
    for (const file of ['background.js', 'content.js', 'popup.js', 'popup-boot.js', 'options.js', 'popup.html', 'options.html', 'LICENSE.txt', NOTICES_FILE]) {
      expect(existsSync(join(outDir, target, file)), `${target}/${file}`).toBe(true);
    }
  });

  it('chrome runs a service worker; firefox background scripts, a gecko id and no data collection', () => {
    const chrome = read('chrome');
    const firefox = read('firefox');
    expect(chrome.background).toEqual({ service_worker: 'background.js' });
    expect(chrome.browser_specific_settings).toBeUndefined();
    expect(firefox.background).toEqual({ scripts: ['background.js'] });
    expect(firefox.browser_specific_settings.gecko.id).toBe('paper-lens@paper-lens.dev');
    expect(firefox.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
  });

  it('the store zips hold exactly the unpacked packages', () => {
    for (const target of TARGETS) {
      const files = unzipSync(readFileSync(join(outDir, `paper-lens-${target}.zip`)));
      expect(Object.keys(files)).toContain('manifest.json');
      for (const [path, bytes] of Object.entries(files)) expect(Buffer.from(bytes).equals(readFileSync(join(outDir, target, path))), path).toBe(true);
    }
  });
});

describe('store rules', () => {
  const source = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  const checkWith = (target: string, change: (manifest: Record<string, any>) => void, copyDir = true): string[] => { // any: a manifest edited freely
    const manifest = manifestFor(target, source);
    change(manifest);
    const dir = mkdtempSync(join(tmpdir(), 'paper-lens-rules-'));
    try {
      if (copyDir) cpSync(join(outDir, target), dir, { recursive: true });
      return storeRuleProblems(target, manifest, dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('the unchanged source manifest passes', () => {
    for (const target of TARGETS) expect(checkWith(target, () => {})).toEqual([]);
  });

  it('a description of 133 characters is refused, 132 accepted', () => {
    expect(checkWith('chrome', (m) => { m.description = 'x'.repeat(STORE_RULES.descriptionMax); })).toEqual([]);
    expect(checkWith('chrome', (m) => { m.description = 'x'.repeat(STORE_RULES.descriptionMax + 1); }))
      .toEqual(['description is 133 characters; the Chrome Web Store takes at most 132']);
  });

  it('names too long, bad versions, missing icons, new permissions, a CSP and a missing data-collection key are refused', () => {
    expect(checkWith('firefox', (m) => { m.name = 'n'.repeat(51); })).toEqual(['name is 51 characters; the stores take 1 to 50']);
    for (const version of ['1.02', '1.2.3.4.5', '70000', 'v1', '']) expect(checkWith('chrome', (m) => { m.version = version; }), version).toHaveLength(1);
    expect(checkWith('chrome', (m) => { delete m.icons['96']; })).toEqual(['no 96 px icon in icons']);
    expect(checkWith('chrome', (m) => { m.icons['96'] = 'icons/icon-48.png'; })).toEqual(['icon icons/icon-48.png is 48x48, not 96x96']);
    expect(checkWith('chrome', (m) => { m.permissions = ['unlimitedStorage', 'tabs']; })).toEqual(['permissions not on the reviewed list: tabs']);
    expect(checkWith('chrome', (m) => { m.content_security_policy = { extension_pages: "script-src 'self'" }; })).toHaveLength(1);
    expect(checkWith('firefox', (m) => { delete m.browser_specific_settings.gecko.data_collection_permissions; })).toHaveLength(1);
    expect(checkWith('chrome', (m) => { m.browser_specific_settings = { gecko: { id: 'a@b' } }; })).toHaveLength(1);
  });

  it('remote code in a bundle or a page is refused', () => {
    const manifest = manifestFor('chrome', source);
    const dir = mkdtempSync(join(tmpdir(), 'paper-lens-rules-'));
    try {
      cpSync(join(outDir, 'chrome'), dir, { recursive: true });
      writeFileSync(join(dir, 'extra.js'), 'const run = (s) => eval(s); importScripts("https://example.com/x.js");');
      writeFileSync(join(dir, 'extra.html'), '<script src="https://cdn.example.com/lib.js"></script><script src="local.js"></script>');
      expect(storeRuleProblems('chrome', manifest, dir)).toEqual([
        'extra.js contains eval(',
        'extra.js contains importScripts of a remote URL',
        'extra.html loads a script from https://cdn.example.com/lib.js',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('licences', () => {
  it('the notices carry every bundled package’s own licence files', () => {
    const packages = bundledPackageDirs(metafile).map((dir: string) => dir.replace(/^.*node_modules\//, ''));
    expect(packages).toEqual(expect.arrayContaining(['dexie', 'preact', 'stemmer', 'webextension-polyfill']));
    for (const target of TARGETS) {
      const notices = readFileSync(join(outDir, target, NOTICES_FILE), 'utf8');
      for (const name of packages) {
        const dir = join(root, 'node_modules', name);
        const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
        expect(notices).toContain(`${name} ${version} (`);
      }
      // Apache-2.0 asks for Dexie's NOTICE file as well as its licence.
      expect(notices).toContain(readFileSync(join(root, 'node_modules/dexie/NOTICE'), 'utf8').trim());
      expect(notices).toContain(readFileSync(join(root, 'node_modules/preact/LICENSE'), 'utf8').trim());
      expect(readFileSync(join(outDir, target, 'LICENSE.txt'), 'utf8')).toBe(readFileSync(join(root, 'LICENSE'), 'utf8'));
    }
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).license).toBe('MIT');
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
  });
});
