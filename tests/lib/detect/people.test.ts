/**
 * Named officials: who counts, what their canonical name and titles are, and which mentions
 * belong to them. Every sentence here is invented; the officials are fictional.
 */
import { describe, expect, it } from 'vitest';
import { detect } from '../../../lib/detect/index';

function officials(text: string, byline?: string) {
  return detect(text, { byline: byline ?? null }).officials;
}

function names(text: string, byline?: string): string[] {
  return officials(text, byline).map((o) => o.name);
}

function mentionTexts(text: string, name: string): string[] {
  const o = officials(text).find((x) => x.name === name);
  return o ? o.mentions.map((m) => m.text) : [];
}

describe('who is an official', () => {
  it.each([
    [
      'a capitalised title before the full name',
      'Foreign Minister Ilsa Marrow arrived in Vell on Monday.',
      'Ilsa Marrow',
    ],
    [
      'a nationality and title',
      'The Ruritanian Prime Minister Tomas Verhoek spoke first.',
      'Tomas Verhoek',
    ],
    [
      'a lowercase role before the name',
      'Talks stalled, and opposition leader Anya Koval walked out.',
      'Anya Koval',
    ],
    [
      'a title with a complement',
      'The Ambassador to Tuvalu Peter Strand was recalled.',
      'Peter Strand',
    ],
    [
      'an appositive after the name',
      'Dana Kestrel, a senior fellow at the Halvorsen Institute, disagreed.',
      'Dana Kestrel',
    ],
    [
      'an appositive role after a possessive',
      'Fennix’s chief executive, Oren Batt, resigned.',
      'Oren Batt',
    ],
    [
      'a role, a comma and the name',
      'The leader of the Union Party, Mara Quist, conceded.',
      'Mara Quist',
    ],
    ['a country’s own leader', 'Estonia’s Dragan Voss rejected the offer.', 'Dragan Voss'],
    ['a name with initials', 'President George Q.R. Hollin signed it.', 'George Q.R. Hollin'],
    [
      'an Arabic article in the surname',
      'Elbonia’s president, Omar Ismail al-Tabari, was indicted.',
      'Omar Ismail al-Tabari',
    ],
    [
      'a company founder',
      'Fennix co-founder and CEO Ruth Obuya declined to comment.',
      'Ruth Obuya',
    ],
    ['the X administration', 'Officials in the Calloway administration were divided.', 'Calloway'],
    [
      'an unknown company before a title',
      'The offer did not tempt Zapcart CEO Evan Dorsey, who refused.',
      'Evan Dorsey',
    ],
    [
      'a role in a who-clause',
      'Growth was steady, said Tom Ferro, who follows retail as a managing director at Brant.',
      'Tom Ferro',
    ],
    ['someone with an office', 'The plan came from Tony Abbing’s office last week.', 'Tony Abbing'],
    [
      'East Asian name order',
      'North Korean leader Pak Song Il met envoys; Pak left early.',
      'Pak Song Il',
    ],
    [
      'the second person of a list under a plural abbreviated title',
      'Two rivals — Sens. Ada Brill and Nora Vell — have struggled to gain momentum.',
      'Nora Vell',
    ],
    [
      'a role with a party and a year before a comma',
      'They heard that the newest 2020 Democratic presidential hopeful, Oren Tull, would stop by.',
      'Oren Tull',
    ],
    [
      'a role named by its relation to another',
      'He asked about his predecessor, Mara Quist, who had left the council.',
      'Mara Quist',
    ],
    [
      'a lowercase role with a capitalised complement',
      'Then former ambassador to the Ruritania Lena Brock testified for six hours.',
      'Lena Brock',
    ],
    [
      'a capitalised appositive holding a title head',
      '“End it now,” said Piet Lamm, Research and Advocacy Director for the region at Civis.',
      'Piet Lamm',
    ],
    [
      'an appositive after a suffix',
      'James T. Corden Jr., the U.S. Attorney for the district, said the case was serious.',
      'James T. Corden Jr.',
    ],
    [
      'a role told by a who-clause verb',
      'The panel heard Justin Vale, who advises Attorney-General Ruth Obuya on security.',
      'Justin Vale',
    ],
    [
      'a hyphenated title before an East Asian name',
      'Talks between Trump and Chinese vice-premier Liu He could now be pushed back.',
      'Liu He',
    ],
    [
      'a lowercase elect after a title',
      'The cast addressed Vice-president elect Mark Pelle from the stage.',
      'Mark Pelle',
    ],
  ])('finds %s', (_, text, name) => {
    expect(names(text)).toContain(name);
  });

  it.each([
    ['a journalist named in the byline', 'Priya Anand met the delegation in Vell.', 'Priya Anand'],
    [
      'a journalist with a press role',
      'The Chronicle’s Europe editor Sam Okafor said the deal was close.',
      'Sam Okafor',
    ],
    ['a photo credit', 'Delegates arrive in Vell. (Lena Fisk/AFP/Getty Images)', 'Lena Fisk'],
    ['a credit line', 'Credit Harold Penn The talks resumed.', 'Harold Penn'],
    [
      'a journalist described by what they cover',
      'Jonah Reyes covers the State Department.',
      'Jonah Reyes',
    ],
    ['a private person', 'Margo Lind said the market had emptied by noon.', 'Margo Lind'],
  ])('does not count %s', (_, text, name) => {
    expect(names(text, 'By Priya Anand')).not.toContain(name);
  });

  it.each([
    ['a month', 'In January President Hollin met the press.', ['January']],
    [
      'an institution',
      'The White House and the Halvorsen Institution issued a statement.',
      ['White House', 'Halvorsen'],
    ],
    ['a place after a title', 'Foreign Minister Ilsa Marrow flew to Geneva.', ['Geneva']],
    ['a heading with a plural role', 'Empower Experts to Negotiate', ['Negotiate']],
    [
      'a name inside an institution’s name',
      'A report by the Urban-Brookings Tax Policy Center said so.',
      ['Urban-Brookings', 'Urban-Brookings Tax'],
    ],
    [
      'the end of a consortium’s name after a hyphenated word',
      'Ana Ruiz, chief executive of the Trans-Vell Grid Consortium, said the work was done.',
      ['Grid Consortium', 'Trans-Vell Grid Consortium'],
    ],
    [
      'a secretariat or a directorate',
      'Ivo Dragan, head of the Vell Energy Secretariat, met the Fuel Directorate.',
      ['Energy Secretariat', 'Fuel Directorate'],
    ],
  ])('does not take %s for a person', (_, text, bad) => {
    const found = names(text);
    for (const b of bad) expect(found).not.toContain(b);
  });
});

describe('names and titles', () => {
  it('uses the fullest form of the name and keeps the titles', () => {
    const text =
      'Minister Verhoek opened the session. Later, Prime Minister Tomas Verhoek of Ruritania left.';
    const [o] = officials(text);
    expect(o?.name).toBe('Tomas Verhoek');
    expect(o?.titles).toContain('Prime Minister');
  });

  it('never shows a press label (photo credit, author) as an official’s title', () => {
    const text =
      'Foreign Minister Ilsa Marrow arrived. Later, Ilsa Marrow, the defence minister, spoke. ' +
      'Delegates wait. (Ilsa Marrow/AFP)';
    const [o] = officials(text);
    expect(o?.name).toBe('Ilsa Marrow');
    expect(o?.titles).toEqual(['Foreign Minister', 'the defence minister']);
  });

  it('gives two cabinet ministers named together the shared title', () => {
    const text = 'The envoys are cabinet ministers Jonas Pell and Irena Dvorak, who fled.';
    expect(names(text)).toEqual(['Jonas Pell', 'Irena Dvorak']);
  });

  it('keeps two people with the same surname apart', () => {
    const text = 'President Alma Reyes and her brother, Senator Tomas Reyes, disagree.';
    expect(names(text)).toEqual(expect.arrayContaining(['Alma Reyes', 'Tomas Reyes']));
  });
});

describe('mentions', () => {
  it('links a surname three paragraphs later to the same official', () => {
    const text =
      'Secretary of State Ilsa Marrow spoke in Vell. The talks went on. Nobody left. Marrow said little.';
    expect(mentionTexts(text, 'Ilsa Marrow')).toEqual(['Ilsa Marrow', 'Marrow']);
  });

  it('keeps the title in a title + surname mention and drops it before a full name', () => {
    const text =
      'President Tomas Verhoek arrived. Later President Verhoek and Mr Verhoek’s aides left.';
    expect(mentionTexts(text, 'Tomas Verhoek')).toEqual([
      'Tomas Verhoek',
      'President Verhoek',
      'Mr Verhoek’s',
    ]);
  });

  it('includes possessives and hyphenated compounds', () => {
    const text =
      'Prime Minister Tomas Verhoek resigned. Verhoek’s allies planned a post-Verhoek era.';
    expect(mentionTexts(text, 'Tomas Verhoek')).toEqual(['Tomas Verhoek', 'Verhoek’s', 'Verhoek']);
  });

  it('links spellings of one name with and without diacritics', () => {
    const text =
      'President Emre Yıldıroğlu spoke first. Later, Yildiroglu left; Yıldıroğlu’s aides stayed.';
    expect(names(text)).toEqual(['Emre Yıldıroğlu']);
    expect(mentionTexts(text, 'Emre Yıldıroğlu')).toEqual([
      'Emre Yıldıroğlu',
      'Yildiroglu',
      'Yıldıroğlu’s',
    ]);
  });

  it('gives a surname found with an honorific the full name it was introduced with', () => {
    const text = 'Ivo Dragan has run the port for a decade. “We are not for sale,” Mr Dragan said.';
    const people = detect(text).quotes.map((q) => q.speaker);
    expect(people).toEqual(['Ivo Dragan']);
  });

  it('links a full name with and without a middle initial', () => {
    const text = 'Senator John Q. Harlan opened the hearing. John Harlan then left.';
    expect(names(text)).toEqual(['John Q. Harlan']);
    expect(mentionTexts(text, 'John Q. Harlan')).toEqual(['John Q. Harlan', 'John Harlan']);
  });

  it('matches names split by soft hyphens and keeps the offsets exact', () => {
    const text = 'Foreign Minister Ilsa Mar\u00adrow spoke. Later Marrow left.';
    const o = officials(text).find((x) => x.name === 'Ilsa Marrow');
    expect(o?.mentions.map((m) => text.slice(m.start, m.end))).toEqual([
      'Ilsa Mar\u00adrow',
      'Marrow',
    ]);
  });

  it('counts a bare capitalised title used as a name', () => {
    const text =
      'U.S. Secretary of State Ilsa Marrow met Foreign Minister Tomas Verhoek. The Secretary also urged calm.';
    expect(mentionTexts(text, 'Ilsa Marrow')).toEqual(['Ilsa Marrow', 'Secretary']);
    expect(mentionTexts(text, 'Tomas Verhoek')).toEqual(['Tomas Verhoek']);
  });

  it('does not count a title inside another person’s title', () => {
    const text =
      'President Anya Koval spoke. On Monday, the Elbonia President’s Foreign Policy Advisor Rolf Eck arrived.';
    expect(mentionTexts(text, 'Anya Koval')).toEqual(['Anya Koval']);
  });

  it('does not take a given name alone, or a thing after "the", for a person', () => {
    const text =
      'Opposition Leader Bill Shorrock spoke. The Bill would pass, and the British Bill too.';
    expect(mentionTexts(text, 'Bill Shorrock')).toEqual(['Bill Shorrock']);
  });

  it('counts the surname first in East Asian order', () => {
    const text =
      'South Korean President Pak Song Il spoke. Pak’s party and the Pak government agreed.';
    expect(mentionTexts(text, 'Pak Song Il')).toEqual(['Pak Song Il', 'Pak’s', 'Pak']);
  });

  it('does not count a lowercase description', () => {
    const text = 'President Anya Koval spoke. Later the president left.';
    expect(mentionTexts(text, 'Anya Koval')).toEqual(['Anya Koval']);
  });

  it('does not count a name inside an institution’s name', () => {
    const text = 'Senator Ada Brill spoke at the Brill Foundation on Monday.';
    expect(mentionTexts(text, 'Ada Brill')).toEqual(['Ada Brill']);
  });

  it('gives mention offsets that index the text', () => {
    const text = 'Opposition leader Anya Koval said no.';
    const [o] = officials(text);
    for (const m of o?.mentions ?? []) expect(text.slice(m.start, m.end)).toBe(m.text);
  });
});

describe('a title whose complement runs into the name', () => {
  it.each([
    [
      'a place after "for the"',
      'Special Envoy for the Baltic Rim Oskar Lindell visited Vell. Lindell left on Friday.',
      'Oskar Lindell',
      'Special Envoy for the Baltic Rim',
    ],
    [
      'a body after "of the"',
      'Chair of the Harbour Trust Council Nadia Ferro spoke. Ferro was brief.',
      'Nadia Ferro',
      'Chair of the Harbour Trust Council',
    ],
  ])('ends the complement before the person: %s', (_, text, name, title) => {
    const [o] = officials(text);
    expect(o?.name).toBe(name);
    expect(o?.titles).toContain(title);
    expect(o?.mentions.map((m) => m.text)).toEqual([name, name.split(' ')[1]]);
  });

  it.each([
    [
      'a three-word name that starts with a given name',
      'Minister of Energy Mary Anne Halloran spoke. Halloran left.',
      'Mary Anne Halloran',
    ],
    [
      'a two-word name after the complement',
      'Ambassador to Ruritania Ada Brill spoke.',
      'Ada Brill',
    ],
  ])('keeps the whole name: %s', (_, text, name) => {
    expect(names(text)).toEqual([name]);
  });
});

describe('a role given in another sentence', () => {
  it('goes to the person named last when a description of an office opens the next sentence', () => {
    const text = '“We will win,” said Mara Quist. The senator left early, before the vote.';
    expect(officials(text).map((o) => [o.name, o.titles])).toEqual([['Mara Quist', ['senator']]]);
  });

  it('stays with the person who holds that title when another was named in between', () => {
    const text =
      'Senator Ada Brill toured the docks. “It is old,” said Jo Bright. The senator said little.';
    expect(names(text)).toEqual(['Ada Brill']);
  });

  it('does not reach back past the sentence before', () => {
    const text =
      '“We will win,” said Mara Quist. Prices rose. Markets fell. The senator left early.';
    expect(names(text)).toEqual([]);
  });
});
