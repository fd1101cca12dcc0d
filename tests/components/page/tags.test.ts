import { describe, expect, it } from 'vitest';
import { addTag, suggestTags } from '../../../components/page/tags';
import { normaliseTag } from '../../../lib/annotation/rules';

describe('normaliseTag', () => {
  it.each([
    ['  energy   security ', 'energy security'],
    ['#NATO', 'NATO'],
    ['## to read', 'to read'],
    ['   ', ''],
  ])('turns %j into %j', (raw, tag) => {
    expect(normaliseTag(raw)).toBe(tag);
  });
});

describe('addTag', () => {
  it('ignores an empty tag and one already there in another case', () => {
    expect(addTag(['EU'], '  ', [])).toEqual(['EU']);
    expect(addTag(['EU'], 'eu', [])).toEqual(['EU']);
  });

  it('uses the spelling of a known tag', () => {
    expect(addTag([], 'nato', ['NATO'])).toEqual(['NATO']);
  });
});

describe('suggestTags', () => {
  const known = ['energy security', 'EU', 'Azerbaijan', 'sanctions', 'eu'];

  it('ranks tags starting with the text, then words starting with it, then the rest', () => {
    expect(suggestTags(known, 's', [])).toEqual(['sanctions', 'energy security']);
    expect(suggestTags(known, 'a', [])).toEqual(['Azerbaijan', 'sanctions']);
  });

  it('leaves out tags already on the note and duplicates by case', () => {
    expect(suggestTags(known, 'e', ['energy security'])).toEqual(['EU', 'Azerbaijan']);
  });

  it('suggests the known tags in order when nothing is typed, up to the limit', () => {
    expect(suggestTags(known, '', [], 2)).toEqual(['energy security', 'EU']);
  });
});
