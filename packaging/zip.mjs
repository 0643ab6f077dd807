// Zips that are the same bytes whenever their files are: sorted entries, one fixed time, modes from the caller.
import { zipSync } from 'fflate';

// A zip stores local wall-clock fields; a date made from local fields writes the same bytes in every time zone.
const FIXED_TIME = new Date(2024, 0, 1, 0, 0, 0);
const UNIX = 3;

/** `entries`: { path (forward slashes), data (bytes), executable? }. Answers the zip's bytes. */
export function reproducibleZip(entries) {
  const files = {};
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const { path, data, executable } of sorted) {
    if (path in files) throw new Error(`${path} appears twice in one zip`);
    const mode = executable ? 0o100755 : 0o100644;
    files[path] = [data, { mtime: FIXED_TIME, os: UNIX, attrs: (mode << 16) >>> 0 }];
  }
  return zipSync(files, { level: 9 });
}
