/**
 * The backup file: one JSON document holding every paper record, every sighting and the settings.
 *
 *   { "format": "paper-lens-backup", "version": 1, "exportedAt": ISO, "counts": { "papers", "sightings" },
 *     "settings"?: Settings, "papers": PaperRecord[], "sightings": Sighting[] }
 *
 * Written one record per line, in chunks (a Blob can be built from the parts without one giant string), and read
 * back with every record checked, so a file that is not a backup, is cut short, or comes from a newer version
 * is refused with plain words before anything is imported. Pure: no browser API.
 */
import { checkPaperRecord, checkSighting } from './backup-validate';
import { isPaperId, normaliseId } from './ids';
import type { PaperRecord, Sighting } from './records';
import { normaliseSettings, type Settings } from './settings';

export { mergeIntoMap, mergePaperRecords, sameRecord, sightingKey, type MergeChange, type MergeCounts } from './backup-merge';

export const BACKUP_FORMAT = 'paper-lens-backup';
export const BACKUP_VERSION = 1;
/** Records per string chunk from backupChunks. */
export const BACKUP_CHUNK_RECORDS = 500;

export interface BackupCounts {
  papers: number;
  sightings: number;
}

/** Records of a backup left out of its import because their paper id is not one the site could show. */
export interface SkippedRecords {
  /** The papers' ids as the file wrote them, in file order. */
  paperIds: string[];
  sightings: number;
}

export interface Backup {
  format: typeof BACKUP_FORMAT;
  version: number;
  exportedAt: string;
  /** The counts the file declares (skipped records included). */
  counts: BackupCounts;
  settings?: Settings;
  /** The records to import: well formed, with a paper id the site could show. */
  papers: PaperRecord[];
  sightings: Sighting[];
  skipped: SkippedRecords;
}

/** When the backup was made: ms since epoch, an ISO string or a Date; now when absent. */
export type BackupTime = number | string | Date;

export interface BackupHeader {
  counts: BackupCounts;
  exportedAt?: BackupTime;
  settings?: Settings;
}

export interface BackupParts {
  papers: readonly PaperRecord[];
  sightings: readonly Sighting[];
  settings?: Settings;
  exportedAt?: BackupTime;
}

export type BackupFailure = 'not-json' | 'not-a-backup' | 'truncated' | 'future-version' | 'invalid-record';
export type ParsedBackup = { ok: true; backup: Backup } | { ok: false; reason: BackupFailure; message: string };

function isoTime(time: BackupTime | undefined): string {
  if (typeof time === 'string') return time;
  const date = time === undefined ? new Date() : new Date(time);
  return Number.isNaN(date.getTime()) ? new Date().toISOString() : date.toISOString();
}

/**
 * The backup as string parts, `recordsPerChunk` records per part: `new Blob([...backupChunks(...)])` writes a
 * large store without building one string. Throws if the iterables do not hold `header.counts` records, so
 * a backup that would not import is never written.
 */
export function* backupChunks(
  header: BackupHeader,
  papers: Iterable<PaperRecord>,
  sightings: Iterable<Sighting>,
  recordsPerChunk = BACKUP_CHUNK_RECORDS,
): Generator<string, void, undefined> {
  const head: Record<string, unknown> = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: isoTime(header.exportedAt),
    counts: { papers: header.counts.papers, sightings: header.counts.sightings },
  };
  if (header.settings) head.settings = header.settings;
  const opening = JSON.stringify(head).slice(0, -1);

  function* list(name: string, items: Iterable<unknown>, expected: number, first: string): Generator<string, void, undefined> {
    let written = 0;
    let chunk: string[] = [];
    yield `${first}\n"${name}":[`;
    for (const item of items) {
      chunk.push(`${written === 0 ? '\n' : ',\n'}${JSON.stringify(item)}`);
      written++;
      if (chunk.length >= recordsPerChunk) {
        yield chunk.join('');
        chunk = [];
      }
    }
    if (chunk.length > 0) yield chunk.join('');
    yield written === 0 ? ']' : '\n]';
    if (written !== expected) throw new Error(`The backup should hold ${expected} ${name} but ${written} were given.`);
  }

  yield* list('papers', papers, header.counts.papers, `${opening},`);
  yield* list('sightings', sightings, header.counts.sightings, ',');
  yield '}\n';
}

export function serialiseBackup(parts: BackupParts): string {
  const header: BackupHeader = { counts: { papers: parts.papers.length, sightings: parts.sightings.length } };
  if (parts.exportedAt !== undefined) header.exportedAt = parts.exportedAt;
  if (parts.settings) header.settings = parts.settings;
  return [...backupChunks(header, parts.papers, parts.sightings)].join('');
}

const fail = (reason: BackupFailure, message: string): ParsedBackup => ({ ok: false, reason, message });
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const plural = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** A cut-off backup still starts like one: used to tell "truncated" from "not JSON at all". */
function startsLikeBackup(text: string): boolean {
  const head = text.slice(0, 400);
  return head.trimStart().startsWith('{') && head.includes(`"${BACKUP_FORMAT}"`);
}

export function parseBackup(text: string): ParsedBackup {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return fail('not-json', 'This file is empty, so it is not a Paper Lens backup.');
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    return startsLikeBackup(body)
      ? fail('truncated', 'This backup file is incomplete: it ends before its data does (the download or copy was probably cut short).')
      : fail('not-json', 'This file is not a Paper Lens backup: it is not a JSON file. A backup is the .json file saved with "Download backup".');
  }

  if (!isObject(document)) return fail('not-a-backup', 'This file is JSON but not a Paper Lens backup.');
  if (document.format === 'paper-lens-export') {
    return fail('not-a-backup', 'This is a Paper Lens export (a list of papers for reference managers), not a backup. Use a file saved with "Download backup".');
  }
  if (document.format !== BACKUP_FORMAT) return fail('not-a-backup', 'This file is JSON but not a Paper Lens backup.');
  const version = document.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('not-a-backup', 'This backup is damaged: it does not say which version of the backup format it uses.');
  }
  if (version > BACKUP_VERSION) {
    return fail(
      'future-version',
      `This backup was made by a newer version of Paper Lens (backup format ${version}; this version reads format ${BACKUP_VERSION}). Update the extension, then import it again.`,
    );
  }

  const { counts, papers, sightings } = document;
  if (!Array.isArray(papers) || !Array.isArray(sightings)) {
    return fail('not-a-backup', 'This backup is damaged: it has no list of papers or sightings.');
  }
  if (!isObject(counts) || !isCount(counts.papers) || !isCount(counts.sightings)) {
    return fail('not-a-backup', 'This backup is damaged: it does not say how many records it holds.');
  }
  if (counts.papers !== papers.length || counts.sightings !== sightings.length) {
    return fail(
      'truncated',
      `This backup is incomplete: it should hold ${plural(counts.papers, 'paper')} and ${plural(counts.sightings, 'sighting')}, but holds ${plural(papers.length, 'paper')} and ${plural(sightings.length, 'sighting')}.`,
    );
  }

  // A damaged record refuses the whole file; a well-formed one whose id is no paper id is left out and reported.
  const checkedPapers: PaperRecord[] = [];
  const skipped: SkippedRecords = { paperIds: [], sightings: 0 };
  for (let index = 0; index < papers.length; index++) {
    const checked = checkPaperRecord(papers[index]);
    if (!checked.ok) {
      const raw = papers[index] as { id?: unknown } | null;
      const id = isObject(raw) && typeof raw.id === 'string' && raw.id ? `, id "${raw.id.slice(0, 60)}"` : '';
      return fail('invalid-record', `Paper ${index + 1} of ${papers.length} in this backup (papers[${index}]${id}) is damaged: ${checked.problem}.`);
    }
    if (isPaperId(normaliseId(checked.value.id))) checkedPapers.push(checked.value);
    else skipped.paperIds.push(checked.value.id);
  }
  const checkedSightings: Sighting[] = [];
  for (let index = 0; index < sightings.length; index++) {
    const checked = checkSighting(sightings[index]);
    if (!checked.ok) {
      return fail('invalid-record', `Sighting ${index + 1} of ${sightings.length} in this backup (sightings[${index}]) is damaged: ${checked.problem}.`);
    }
    if (isPaperId(normaliseId(checked.value.paperId))) checkedSightings.push(checked.value);
    else skipped.sightings++;
  }
  if (document.settings !== undefined && document.settings !== null && !isObject(document.settings)) {
    return fail('invalid-record', 'The settings in this backup are damaged (expected an object).');
  }

  const backup: Backup = {
    format: BACKUP_FORMAT,
    version,
    exportedAt: typeof document.exportedAt === 'string' ? document.exportedAt : '',
    counts: { papers: counts.papers, sightings: counts.sightings },
    papers: checkedPapers,
    sightings: checkedSightings,
    skipped,
  };
  if (isObject(document.settings)) backup.settings = normaliseSettings(document.settings);
  return { ok: true, backup };
}
