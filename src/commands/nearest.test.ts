import { describe, expect, it } from 'vitest';
import { editDistance, nearest } from './nearest.ts';

const commands = ['dev', 'build', 'start', 'routes'];

describe('editDistance', () => {
  it.each([
    ['build', 'build', 0],
    ['biuld', 'build', 1],
    ['buid', 'build', 1],
    ['buildd', 'build', 1],
    ['bild', 'build', 1],
    ['prot', 'port', 1],
    ['strat', 'start', 1],
    ['', 'dev', 3],
    ['dev', 'start', 5],
  ])('%s → %s is %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});

describe('nearest', () => {
  it.each([
    ['biuld', 'build'],
    ['buidl', 'build'],
    ['Build', 'build'],
    ['strat', 'start'],
    ['stat', 'start'],
    ['dve', 'dev'],
    ['route', 'routes'],
    ['rotues', 'routes'],
  ])('suggests %s → %s', (typed, expected) => {
    expect(nearest(typed, commands)).toBe(expected);
  });

  it('suggests nothing for a word that is not a typo of any candidate', () => {
    expect(nearest('deploy', commands)).toBeNull();
    expect(nearest('x', commands)).toBeNull();
    expect(nearest('', commands)).toBeNull();
  });

  it('takes a word that starts a longer candidate', () => {
    expect(nearest('conc', ['out', 'concurrency', 'verbose'])).toBe('concurrency');
    expect(nearest('verb', ['out', 'concurrency', 'verbose'])).toBe('verbose');
  });

  it('allows one edit in a short word and two in a longer one', () => {
    expect(nearest('prot', ['port', 'host'])).toBe('port');
    expect(nearest('pott', ['port', 'host'])).toBe('port');
    expect(nearest('xxrt', ['port'])).toBeNull();
    expect(nearest('cuncurency', ['concurrency'])).toBe('concurrency');
  });
});
