/** Counts for this week and in all, and the 30-day plot. */
import type { JSX } from 'preact';
import type { Stats } from '../core/records';
import { count } from '../ui/format';
import { formatDate } from '../core/locale-format';
import { DailyChart } from './DailyChart';
import { insights } from './insights';

const TILES: Array<{ key: keyof Omit<Stats, 'daily'>; label: string; hint: string }> = [
  { key: 'listed', label: 'Listed', hint: 'Papers on the listing pages you opened' },
  { key: 'seen', label: 'Seen', hint: 'Papers whose card was on screen long enough to count' },
  { key: 'read', label: 'Read', hint: 'Papers you opened or marked read' },
  { key: 'starred', label: 'Starred', hint: 'Papers you starred' },
];

export function Dashboard({ stats, error }: { stats: Stats | null; error: string | null }): JSX.Element {
  return (
    <div class="dashboard" role="region" aria-label="Dashboard" aria-busy={!stats && !error}>
      {error && <div class="banner banner-error" role="alert">{error}</div>}
      <dl class="tiles">
        {TILES.map(({ key, label, hint }) => (
          <div class={`tile tile-${key}`} key={key} title={hint} data-stat={key}>
            <dt>{label}</dt>
            <dd>
              <span class="tile-all">{stats ? count(stats[key].all) : '–'}</span>
              <span class="tile-week">{stats ? `${count(stats[key].week)} this week` : ' '}</span>
            </dd>
          </div>
        ))}
      </dl>
      {stats ? <DailyChart daily={stats.daily} /> : !error && <div class="chart chart-placeholder" aria-hidden="true" />}
      {stats && <MonthSummary daily={stats.daily} />}
    </div>
  );
}

function dayName(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return formatDate(new Date(year ?? 1970, (month ?? 1) - 1, date ?? 1), { weekday: 'short', month: 'short', day: 'numeric' });
}

function MonthSummary({ daily }: { daily: Stats['daily'] }): JSX.Element | null {
  const month = insights(daily);
  if (month.activeDays === 0) {
    return <p class="summary-empty">Nothing seen in the last 30 days. Open huggingface.co/papers and your days fill in here.</p>;
  }
  const rate = month.readRate === null ? null : Math.round(month.readRate * 100);
  return (
    <dl class="summary" aria-label="Last 30 days">
      {rate !== null && (
        <div class="summary-row">
          <dt>Read rate</dt>
          <dd>
            <span class="meter" aria-hidden="true"><span style={{ width: `${rate}%` }} /></span>
            <span>{`${rate}% of ${count(month.seen)} seen`}</span>
          </dd>
        </div>
      )}
      <div class="summary-row">
        <dt>Active days</dt>
        <dd>{`${month.activeDays} of ${daily.length} · ${month.seenPerActiveDay.toFixed(1)} seen a day`}</dd>
      </div>
      {month.busiest && (
        <div class="summary-row">
          <dt>Busiest day</dt>
          <dd>{`${dayName(month.busiest.date)} · ${count(month.busiest.seen)} seen`}</dd>
        </div>
      )}
    </dl>
  );
}
