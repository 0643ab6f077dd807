import { describe, expect, it } from 'vitest';
import { displayName, splitAuthorName } from './names';

const split = (name: string) => splitAuthorName(name);

describe('splitAuthorName', () => {
  it.each([
    ['Hugo Touvron', { given: 'Hugo', particle: '', family: 'Touvron', suffix: '' }],
    ['J. R. R. Tolkien', { given: 'J. R. R.', particle: '', family: 'Tolkien', suffix: '' }],
    ['Jan van der Berg', { given: 'Jan', particle: 'van der', family: 'Berg', suffix: '' }],
    ['Diego de las Casas', { given: 'Diego', particle: 'de las', family: 'Casas', suffix: '' }],
    ['Fernando De la Torre', { given: 'Fernando', particle: 'De la', family: 'Torre', suffix: '' }],
    ['Leandro von Werra', { given: 'Leandro', particle: 'von', family: 'Werra', suffix: '' }],
    ['John Smith Jr.', { given: 'John', particle: '', family: 'Smith', suffix: 'Jr.' }],
    ['Martin Luther King III', { given: 'Martin Luther', particle: '', family: 'King', suffix: 'III' }],
    ['John Smith, Jr.', { given: 'John', particle: '', family: 'Smith', suffix: 'Jr.' }],
    ['Smith, John', { given: 'John', particle: '', family: 'Smith', suffix: '' }],
    ['Smith, Jr., John', { given: 'John', particle: '', family: 'Smith', suffix: 'Jr.' }],
    ['van der Berg, Jan', { given: 'Jan', particle: 'van der', family: 'Berg', suffix: '' }],
    ['De la Torre, Fernando', { given: 'Fernando', particle: 'De la', family: 'Torre', suffix: '' }],
    ['Cruz, Juan de la', { given: 'Juan', particle: 'de la', family: 'Cruz', suffix: '' }],
    ['García Márquez, Gabriel', { given: 'Gabriel', particle: '', family: 'García Márquez', suffix: '' }],
    // Capitalised words that are also particles are given names unless a lowercase particle follows.
    ['Yu Di Wang', { given: 'Yu Di', particle: '', family: 'Wang', suffix: '' }],
    ['Quoc V. Le', { given: 'Quoc V.', particle: '', family: 'Le', suffix: '' }],
    ['danah boyd', { given: 'danah', particle: '', family: 'boyd', suffix: '' }],
  ])('%s', (name, expected) => {
    expect(split(name)).toEqual(expected);
  });

  it('keeps one-word names and organisations whole', () => {
    expect(split('DeepSeek-AI')).toEqual({ given: '', particle: '', family: 'DeepSeek-AI', suffix: '', literal: 'DeepSeek-AI' });
    expect(split('Plato')?.literal).toBe('Plato');
    expect(split('Research and Development Team')?.literal).toBe('Research and Development Team');
  });

  it('folds spaces, and drops names without a letter or digit', () => {
    expect(split('  Hugo \n Touvron ')).toMatchObject({ given: 'Hugo', family: 'Touvron' });
    expect(split(':')).toBeNull();
    expect(split('')).toBeNull();
    expect(split(' , ')).toBeNull();
  });

  it('displays names given-first with the suffix after a comma', () => {
    expect(displayName(split('Smith, Jr., John')!)).toBe('John Smith, Jr.');
    expect(displayName(split('van der Berg, Jan')!)).toBe('Jan van der Berg');
    expect(displayName(split('Plato')!)).toBe('Plato');
  });
});
