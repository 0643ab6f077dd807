// THIRD_PARTY_NOTICES for what ships: the packages esbuild bundled (from its metafile), each with the licence
// and notice files it ships itself.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const LICENCE_FILE = /^(licen[cs]e|copying|notice)([.-].*)?$/i;

/** The package directories (relative to the build's working directory) that bundled inputs come from. */
export function bundledPackageDirs(metafile) {
  const dirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input.split('\\').join('/'));
    if (match) dirs.add(match[1]);
  }
  return [...dirs].sort();
}

/** The package's repository as a browsable URL (package.json allows "owner/name" and git+...git forms). */
function sourceUrl(pkg) {
  const repository = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  if (!repository) return pkg.homepage ?? `https://www.npmjs.com/package/${pkg.name}`;
  if (/^[\w.-]+\/[\w.-]+$/.test(repository)) return `https://github.com/${repository}`;
  return repository.replace(/^git\+/, '').replace(/^git:\/\//, 'https://').replace(/\.git$/, '');
}

/** The notices text; throws when a bundled package ships no licence file, since its terms could not be passed on. */
export function thirdPartyNotices(root, metafile) {
  const sections = bundledPackageDirs(metafile).map((dir) => {
    const full = join(root, dir);
    const pkg = JSON.parse(readFileSync(join(full, 'package.json'), 'utf8'));
    const files = readdirSync(full).filter((name) => LICENCE_FILE.test(name)).sort();
    if (files.length === 0) throw new Error(`${pkg.name} is bundled but ships no licence file: add its licence to THIRD_PARTY_NOTICES by hand or drop it`);
    const source = sourceUrl(pkg);
    const texts = files.map((name) => `--- ${name} ---\n\n${readFileSync(join(full, name), 'utf8').trim()}\n`);
    return `${'='.repeat(72)}\n${pkg.name} ${pkg.version} (${pkg.license ?? 'licence in the files below'})\nSource: ${source}\n\n${texts.join('\n')}`;
  });
  return `Paper Lens bundles the third-party packages below into its scripts. Each one's licence and notice files\nfollow as the package ships them.\n\n${sections.join('\n')}`;
}
