import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber } from './locale-format';

const DATE_OPTIONS: Intl.DateTimeFormatOptions[] = [
  { month: 'short', day: 'numeric' },
  { month: 'short', day: 'numeric', year: 'numeric' },
  { weekday: 'long', month: 'long', day: 'numeric' },
  { weekday: 'short', month: 'short', day: 'numeric' },
  { month: 'long', year: 'numeric' },
  { month: 'short' },
];
const TIME_OPTIONS: Intl.DateTimeFormatOptions[] = [
  { hour: '2-digit', minute: '2-digit' },
  { hour: 'numeric', minute: '2-digit' },
];
const LOCALES = [undefined, 'en-US', 'en-GB', 'de-DE', 'ja-JP', 'ar-EG'];
const TIMES = [new Date(2024, 2, 11, 9, 5).getTime(), new Date(2023, 11, 31, 23, 59).getTime(), new Date(2026, 0, 1, 0, 0).getTime()];

describe('formatDate', () => {
  it('writes what toLocaleDateString writes, for every option set the UI uses', () => {
    for (const locale of LOCALES) {
      for (const options of DATE_OPTIONS) {
        for (const time of TIMES) expect(formatDate(time, options, locale)).toBe(new Date(time).toLocaleDateString(locale, options));
      }
    }
  });

  it('writes what toLocaleTimeString writes for times of day', () => {
    for (const locale of LOCALES) {
      for (const options of TIME_OPTIONS) {
        for (const time of TIMES) expect(formatDate(new Date(time), options, locale)).toBe(new Date(time).toLocaleTimeString(locale, options));
      }
    }
  });

  it('makes one formatter per locale and options, however many dates it writes', () => {
    const Real = Intl.DateTimeFormat;
    let made = 0;
    class Counted extends Real {
      constructor(...args: ConstructorParameters<typeof Real>) {
        super(...args);
        made++;
      }
    }
    Intl.DateTimeFormat = Counted as typeof Intl.DateTimeFormat;
    try {
      const options = { month: 'narrow', day: '2-digit' } as const;
      for (const time of TIMES) formatDate(time, options, 'fr-FR');
      for (const time of TIMES) formatDate(time, { ...options }, 'fr-FR');
      expect(made).toBe(1);
      formatDate(TIMES[0] as number, options, 'it-IT');
      expect(made).toBe(2);
    } finally {
      Intl.DateTimeFormat = Real;
    }
  });
});

describe('formatNumber', () => {
  it('writes what toLocaleString writes', () => {
    for (const locale of LOCALES) {
      for (const value of [0, 1, 999, 1234, 100_000, 1_234_567.5]) expect(formatNumber(value, locale)).toBe(value.toLocaleString(locale));
    }
  });
});
