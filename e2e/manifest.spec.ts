/**
 * Pins what the built extensions ask for, so widening permissions is a visible, reviewed decision.
 */
import { test, expect } from '@playwright/test';
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';

const dist = resolve(import.meta.dirname, '..', 'dist');
const read = (target: string): Record<string, unknown> => JSON.parse(readFileSync(resolve(dist, target, 'manifest.json'), 'utf8'));

test.describe('built manifests', () => {
  for (const target of ['chrome', 'firefox']) {
    test(`${target}: least privilege`, () => {
      const manifest = read(target);
      expect(manifest.manifest_version).toBe(3);
      // storage: sync through the browser's own storage.sync (off until the reader turns it on in the options).
      expect(manifest.permissions).toEqual(['storage', 'unlimitedStorage']);
      expect(manifest.host_permissions).toBeUndefined();
      expect(manifest.optional_permissions).toBeUndefined();
      expect(manifest.content_scripts).toEqual([
        { matches: ['https://huggingface.co/papers*'], js: ['content.js'], run_at: 'document_idle' },
      ]);
      expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
      expect(manifest.content_security_policy).toBeUndefined();
      for (const file of ['background.js', 'content.js', 'popup.js', 'popup-boot.js', 'options.js', 'popup.html', 'options.html', 'icons/icon-16.png', 'icons/icon-32.png', 'icons/icon-48.png', 'icons/icon-128.png']) {
        expect(existsSync(resolve(dist, target, file)), `${target}/${file}`).toBe(true);
      }
    });
  }

  test('chrome runs a service worker, firefox background scripts with a gecko id', () => {
    const chrome = read('chrome');
    const firefox = read('firefox');
    expect(chrome.background).toEqual({ service_worker: 'background.js' });
    expect(chrome.browser_specific_settings).toBeUndefined();
    expect(firefox.background).toEqual({ scripts: ['background.js'] });
    expect((firefox.browser_specific_settings as { gecko: { id: string } }).gecko.id).toMatch(/@/);
  });

  test('store zips exist', () => {
    expect(existsSync(resolve(dist, 'paper-lens-chrome.zip'))).toBe(true);
    expect(existsSync(resolve(dist, 'paper-lens-firefox.zip'))).toBe(true);
  });

  test('no remote code in bundles', () => {
    for (const file of ['background.js', 'content.js', 'popup.js', 'popup-boot.js', 'options.js']) {
      const code = readFileSync(resolve(dist, 'chrome', file), 'utf8');
      expect(code, file).not.toMatch(/\bimportScripts\s*\(\s*["']https?:/);
      expect(code, file).not.toMatch(/<script[^>]+src=["']https?:/);
    }
  });
});
