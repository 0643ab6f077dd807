/** 'stats/get': counts through index ranges (IDBIndex.count), daily seen/read over the last 30 days. */
import type { Stats } from '../../core/records';
import type { Store } from '../store';
import { localDay } from './history';


const DAY_MS = 86_400_000;
/** "This week" is the last seven days, so Monday morning does not read as an empty week. */
const WEEK_MS = 7 * DAY_MS;

export async function readStats(store: Pick<Store, 'db' | 'now'>): Promise<Stats> {
  const now = store.now();
  const weekStart = now - WEEK_MS;
  const today = new Date(now);
  const firstDay = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29).getTime();
  const { papers, sightings } = store.db;
  return store.db.transaction('r', [papers, sightings], async () => {
    const [listedAll, listedWeek, seenAll, seenWeek, readAll, readWeek, starredAll, starredWeek, seenRows, readRows] = await Promise.all([
      papers.count(),
      papers.where('lastListedAt').aboveOrEqual(weekStart).count(),
      papers.orderBy('lastSeenAt').count(),
      papers.where('lastSeenAt').aboveOrEqual(weekStart).count(),
      papers.orderBy('readAt').count(),
      papers.where('readAt').aboveOrEqual(weekStart).count(),
      papers.orderBy('starredAt').count(),
      papers.where('starredAt').aboveOrEqual(weekStart).count(),
      sightings.where('at').aboveOrEqual(firstDay).toArray(),
      papers.where('readAt').aboveOrEqual(firstDay).toArray(),
    ]);
    const days: Stats['daily'] = [];
    const byDay = new Map<string, { seen: Set<string>; read: number }>();
    for (let i = 0; i < 30; i++) {
      const date = localDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29 + i).getTime());
      byDay.set(date, { seen: new Set(), read: 0 });
    }
    for (const sighting of seenRows) if (sighting.seen) byDay.get(localDay(sighting.at))?.seen.add(sighting.paperId);
    for (const paper of readRows) {
      const day = byDay.get(localDay(paper.readAt as number));
      if (day) day.read++;
    }
    for (const [date, day] of byDay) days.push({ date, seen: day.seen.size, read: day.read });
    return {
      listed: { week: listedWeek, all: listedAll },
      seen: { week: seenWeek, all: seenAll },
      read: { week: readWeek, all: readAll },
      starred: { week: starredWeek, all: starredAll },
      daily: days,
    };
  });
}
