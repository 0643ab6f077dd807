import { describe, expect, it } from 'vitest';
import { dayHeading, describePageKey, shortPageKey, localDay, paperUrl, plural, shortAuthors, shortDate, shortName } from './format';

describe('shortName', () => {
  it.each([
    ['Ashish Vaswani', 'A. Vaswani'],
    ['Noam M. Shazeer', 'N. M. Shazeer'],
    ['Jean-Pierre Dupont', 'J.-P. Dupont'],
    ['Ludwig van Beethoven', 'L. van Beethoven'],
    ['Vaswani, Ashish', 'A. Vaswani'],
    ['  Ada   Lovelace ', 'A. Lovelace'],
    ['Cher', 'Cher'],
    ['Émile Zola', 'É. Zola'],
    ['', ''],
  ])('%s -> %s', (input, expected) => {
    expect(shortName(input)).toBe(expected);
  });
});

describe('shortAuthors', () => {
  it('lists one or two authors in full and shortens longer lists with et al.', () => {
    expect(shortAuthors([])).toBe('');
    expect(shortAuthors(['Ada Lovelace'])).toBe('A. Lovelace');
    expect(shortAuthors(['Ada Lovelace', 'Alan Turing'])).toBe('A. Lovelace, A. Turing');
    expect(shortAuthors(['Ada Lovelace', 'Alan Turing', 'Grace Hopper'])).toBe('A. Lovelace, A. Turing et al.');
  });
  it('skips blank names', () => {
    expect(shortAuthors(['', 'Alan Turing', '  '])).toBe('A. Turing');
  });
});

describe('dates', () => {
  const now = new Date(2024, 2, 11, 15, 0).getTime();
  it('groups by local day', () => {
    expect(localDay(new Date(2024, 2, 11, 0, 5).getTime())).toBe('2024-03-11');
    expect(localDay(new Date(2024, 2, 10, 23, 59).getTime())).toBe('2024-03-10');
  });
  it('names today, yesterday, then weekdays with the year only when it differs', () => {
    expect(dayHeading('2024-03-11', now, 'en-US')).toBe('Today');
    expect(dayHeading('2024-03-10', now, 'en-US')).toBe('Yesterday');
    expect(dayHeading('2024-03-08', now, 'en-US')).toBe('Friday, March 8');
    expect(dayHeading('2023-12-29', now, 'en-US')).toBe('Friday, December 29, 2023');
  });
  it('shows a time for today and a date otherwise', () => {
    expect(shortDate(new Date(2024, 2, 11, 9, 7).getTime(), now, 'en-GB')).toBe('09:07');
    expect(shortDate(new Date(2024, 2, 1).getTime(), now, 'en-US')).toBe('Mar 1');
    expect(shortDate(new Date(2023, 2, 1).getTime(), now, 'en-US')).toBe('Mar 1, 2023');
  });
});

describe('describePageKey', () => {
  it.each([
    ['day:2024-03-11', 'daily list of Mar 11, 2024'],
    ['week:2024-W11', 'weekly list, week 11 of 2024'],
    ['month:2024-03', 'monthly list of March 2024'],
    ['trending', 'trending list'],
    ['search:diffusion models', 'search for “diffusion models”'],
    ['weird', 'a papers page'],
  ])('%s', (key, expected) => {
    expect(describePageKey(key, 'en-US')).toBe(expected);
  });
  it('says nothing without a key', () => {
    expect(describePageKey(undefined)).toBe('');
  });
});

describe('small helpers', () => {
  it('builds the paper address', () => {
    expect(paperUrl('2403.12345')).toBe('https://huggingface.co/papers/2403.12345');
  });
  it('pluralises', () => {
    expect(plural(1, 'paper', undefined, 'en-US')).toBe('1 paper');
    expect(plural(1234, 'paper', undefined, 'en-US')).toBe('1,234 papers');
  });
});

describe('shortPageKey', () => {
  const now = new Date(2024, 5, 1).getTime();
  it.each([
    ['day:2024-03-11', 'Daily Mar 11'],
    ['day:2023-03-11', 'Daily Mar 11, 2023'],
    ['week:2024-W11', 'Weekly W11'],
    ['week:2023-W02', 'Weekly W2 2023'],
    ['month:2024-03', 'Monthly Mar'],
    ['month:2023-03', 'Monthly Mar 2023'],
    ['trending', 'Trending'],
    ['search:llm agents', 'Search “llm agents”'],
  ])('%s', (key, expected) => {
    expect(shortPageKey(key, now, 'en-US')).toBe(expected);
  });
});
