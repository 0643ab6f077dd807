/**
 * Dates and numbers in the reader's locale, through formatters made once per locale and options.
 *
 * `Date#toLocaleDateString(locale, options)` builds a new Intl formatter on every call: about 0.4 ms each in V8,
 * and the first call of a fresh page loads the locale's data. The popup's first 30 rows made some 90 of them
 * between the store's answer and the first row on screen; the marks on a page of seen papers one or two per card.
 */

type FormatterKey = string;

const dateFormatters = new Map<FormatterKey, Intl.DateTimeFormat>();
const numberFormatters = new Map<FormatterKey, Intl.NumberFormat>();

/** Each formatter's key; a locale of `undefined` is the browser's, which does not change while a page lives. */
function keyOf(locale: string | undefined, options: object): FormatterKey {
  return `${locale ?? ''}\u0000${JSON.stringify(options)}`;
}

/**
 * What `date.toLocaleDateString(locale, options)` gives, or `toLocaleTimeString` for time fields, when `options`
 * names at least one field (as every caller here does: without any, the two methods add different defaults).
 */
export function formatDate(date: Date | number, options: Intl.DateTimeFormatOptions, locale?: string): string {
  const key = keyOf(locale, options);
  let formatter = dateFormatters.get(key);
  if (!formatter) dateFormatters.set(key, (formatter = new Intl.DateTimeFormat(locale, options)));
  return formatter.format(date);
}

/** What `value.toLocaleString(locale)` gives. */
export function formatNumber(value: number, locale?: string): string {
  const key = keyOf(locale, {});
  let formatter = numberFormatters.get(key);
  if (!formatter) numberFormatters.set(key, (formatter = new Intl.NumberFormat(locale)));
  return formatter.format(value);
}
