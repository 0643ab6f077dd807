/** Seen vs read per day over the last 30 days, as paired bars in SVG with axis labels and a text description. */
import type { JSX } from 'preact';
import { useId } from 'preact/hooks';
import type { Stats } from '../core/records';
import { labelledDays, niceTicks } from './chart-scale';
import { formatDate } from '../core/locale-format';

const WIDTH = 400;
const HEIGHT = 168;
const MARGIN = { top: 10, right: 6, bottom: 22, left: 30 };

function dateLabel(day: string, options: Intl.DateTimeFormatOptions): string {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return day;
  return formatDate(new Date(year, month - 1, date), options);
}

export function describeDaily(daily: Stats['daily']): string {
  if (daily.length === 0) return 'No activity recorded yet.';
  const seen = daily.reduce((sum, day) => sum + day.seen, 0);
  const read = daily.reduce((sum, day) => sum + day.read, 0);
  if (seen === 0 && read === 0) return 'No papers seen or read in the last 30 days.';
  const busiest = daily.reduce((best, day) => (day.seen > best.seen ? day : best));
  return `${seen} papers seen and ${read} read in the last ${daily.length} days; the busiest day was ${dateLabel(busiest.date, { month: 'long', day: 'numeric' })} with ${busiest.seen} seen.`;
}

export function DailyChart({ daily }: { daily: Stats['daily'] }): JSX.Element {
  const id = useId();
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const max = Math.max(0, ...daily.map((day) => Math.max(day.seen, day.read)));
  const { top, ticks } = niceTicks(max);
  const slot = plotWidth / Math.max(1, daily.length);
  const barWidth = Math.max(1.5, (slot - 2) / 2);
  const y = (value: number): number => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const bar = (value: number): number => Math.max(value > 0 ? 1.5 : 0, (value / top) * plotHeight);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="xMidYMid meet">
        <title id={`${id}-title`}>Papers seen and read per day, last 30 days</title>
        <desc id={`${id}-desc`}>{describeDaily(daily)}</desc>
        <g class="chart-grid">
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} />
              <text class="chart-label" x={MARGIN.left - 6} y={y(tick)} text-anchor="end" dominant-baseline="middle">{tick}</text>
            </g>
          ))}
        </g>
        <g>
          {daily.map((day, index) => {
            const x = MARGIN.left + index * slot + 1;
            return (
              <g key={day.date}>
                <title>{`${dateLabel(day.date, { weekday: 'short', month: 'short', day: 'numeric' })}: ${day.seen} seen, ${day.read} read`}</title>
                <rect class="bar-seen" x={x} y={MARGIN.top + plotHeight - bar(day.seen)} width={barWidth} height={bar(day.seen)} rx={1} />
                <rect class="bar-read" x={x + barWidth} y={MARGIN.top + plotHeight - bar(day.read)} width={barWidth} height={bar(day.read)} rx={1} />
              </g>
            );
          })}
        </g>
        <line class="chart-axis" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={MARGIN.top + plotHeight} y2={MARGIN.top + plotHeight} />
        {labelledDays(daily.length).map((index) => {
          const day = daily[index];
          if (!day) return null;
          const x = MARGIN.left + index * slot + slot / 2;
          return (
            <text key={day.date} class="chart-label" x={x} y={HEIGHT - 6} text-anchor={index === daily.length - 1 ? 'end' : 'middle'}>
              {dateLabel(day.date, { month: 'short', day: 'numeric' })}
            </text>
          );
        })}
      </svg>
      <figcaption class="chart-legend">
        <span><i class="swatch swatch-seen" aria-hidden="true" />Seen</span>
        <span><i class="swatch swatch-read" aria-hidden="true" />Read</span>
        <span class="chart-caption">per day, last 30 days</span>
      </figcaption>
    </figure>
  );
}
