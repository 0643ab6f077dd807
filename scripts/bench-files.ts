/**
 * The files Paper Lens writes and reads, timed in Node (pure core code, no browser): every export format over
 * 2,000 papers, and a 20,000-paper backup written and parsed back. The unit tests check these outputs; the times
 * are only here.
 */
import { EXPORT_FORMATS, exportPapers, type ExportFormat } from '../src/core/export';
import { EDGE_CASES } from '../src/core/export/test-papers';
import { parseBackup, serialiseBackup } from '../src/core/backup';
import { median, round, type Report } from './bench-report';
import { sightingsOf, storedPapers } from './bench-records';

const RUNS = 5;

export function declareFilesFigures(report: Report): void {
  report.declare('files_export_2000_papers_ms', 'export 2,000 papers, slowest of the seven formats', 'ms');
  report.declare('files_backup_20000_papers_ms', 'backup of 20,000 papers (200,000 sightings) written and parsed back', 'ms');
}

function timed(body: () => void): number {
  const started = performance.now();
  body();
  return performance.now() - started;
}

export function runFilesBench(report: Report, log: (line: string) => void): void {
  const many = Array.from({ length: 2000 }, (_, i) => ({ ...EDGE_CASES[i % EDGE_CASES.length]!, id: `2401.${String(10000 + i)}` }));
  const perFormat = (Object.keys(EXPORT_FORMATS) as ExportFormat[]).map((format) => {
    exportPapers(many, format);
    return { format, ms: median(Array.from({ length: RUNS }, () => timed(() => exportPapers(many, format)))) };
  }).sort((a, b) => b.ms - a.ms);
  const slowest = perFormat[0]!;
  report.set('files_export_2000_papers_ms', slowest.ms, { note: `median of ${RUNS}; ${perFormat.map((row) => `${row.format} ${round(row.ms)}`).join(', ')} ms` });

  log('files: generating 20,000 papers for the backup');
  const papers = storedPapers(0, 20_000);
  const sightings = papers.flatMap(sightingsOf);
  const runs = Array.from({ length: 3 }, () => timed(() => {
    const parsed = parseBackup(serialiseBackup({ papers, sightings }));
    if (!parsed.ok || parsed.backup.papers.length !== papers.length) throw new Error('the backup did not read back');
  }));
  report.set('files_backup_20000_papers_ms', median(runs), { note: `median of ${runs.length}: ${runs.map(round).join(', ')} ms`, samples: runs });
}
