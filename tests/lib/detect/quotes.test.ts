/**
 * Quotations and speakers: which quoted spans are reported speech, their exact boundaries,
 * and who said them. Every sentence here is invented; the people are fictional.
 */
import { describe, expect, it } from 'vitest';
import { detect } from '../../../lib/detect/index';
import { findQuoteSpans } from '../../../lib/detect/quote-spans';

function quotes(text: string, breaks?: number[]) {
  return detect(text, breaks ? { breaks } : {}).quotes;
}

function said(text: string, breaks?: number[]): [string, string | null][] {
  return quotes(text, breaks).map((q) => [q.text, q.speaker]);
}

describe('quoted spans', () => {
  it.each([
    ['curly double', 'She said “we will win,” and left.', ['we will win,']],
    ['straight double', 'She said "we will win," and left.', ['we will win,']],
    ['single curly', 'She said ‘we will win’ and left.', ['we will win']],
    ['guillemets', 'She said «we will win» and left.', ['we will win']],
    ['curly open, straight close', 'She noted “it is over." Then she left.', ['it is over.']],
    ['glued to the previous block', 'It rained in 2009."We lost," he said.', ['We lost,']],
    [
      'a nested quote inside a quote',
      'He said “they told me ‘no’ twice.”',
      ['they told me ‘no’ twice.'],
    ],
  ])('finds %s', (_, text, expected) => {
    expect(findQuoteSpans(text).map((s) => text.slice(s.start, s.end))).toEqual(expected);
  });

  it('does not take apostrophes for single quotes', () => {
    const text = 'The ministers’ plan, the party’s view and the ’90s are not quotes.';
    expect(findQuoteSpans(text)).toEqual([]);
  });

  it('ends an unclosed quote at the end of its paragraph', () => {
    const first = 'Koval said: “We will not sign this year.';
    const second = 'The vote is on Monday.';
    const text = `${first} ${second}`;
    const spans = findQuoteSpans(text, [first.length + 1]);
    expect(spans.map((s) => [text.slice(s.start, s.end), s.unclosed])).toEqual([
      ['We will not sign this year.', true],
    ]);
  });

  it('splits a quote running across paragraphs at the break', () => {
    const p1 = '“We will not sign,” Koval said. “Not this year, not next year.';
    const p2 = '“Perhaps later.”';
    const text = `${p1} ${p2}`;
    expect(quotes(text, [p1.length + 1]).map((q) => q.text)).toEqual([
      'We will not sign,',
      'Not this year, not next year.',
      'Perhaps later.',
    ]);
  });

  it('splits a quote running across paragraphs even without known breaks', () => {
    const text = '“Not this year, not next year,” Koval said. “It is over. “Perhaps later.”';
    expect(quotes(text).map((q) => q.text)).toEqual([
      'Not this year, not next year,',
      'It is over.',
      'Perhaps later.',
    ]);
  });

  it('gives offsets of the text between the marks', () => {
    const text = 'Minister Ilsa Marrow said: “Peace is near.”';
    const [q] = quotes(text);
    expect(q && text.slice(q.start, q.end)).toBe('Peace is near.');
  });
});

describe('reported speech or not', () => {
  it.each([
    [
      'a partial quote of one word',
      'Senator Ada Brill said the plan was “reckless” and voted no.',
      'reckless',
    ],
    ['a partial quote described', 'Brill described the talks as “frank” on Monday.', 'frank'],
    ['a one-word exclamation', '“Enough,” a government spokesman said.', 'Enough,'],
    [
      'a tweet',
      'Ambassador Rolf Eck wrote on Twitter: “Talks today were useful and candid.”',
      'Talks today were useful and candid.',
    ],
  ])('keeps %s', (_, text, quote) => {
    expect(quotes(text).map((q) => q.text)).toContain(quote);
  });

  it.each([
    ['a scare quote', 'Buoyed by a string of “wins” on trade, the minister relaxed.'],
    ['a nickname', 'Dubbed “Iron Auntie” by the press, she never lost.'],
    ['a name in title case', 'They met at the “Grey Palace” compound near the river.'],
    ['a so-called term', 'The bill targets so-called “metadata” held by carriers.'],
    ['a policy name', 'The government kept a policy of “patient pressure,” which failed.'],
    ['a quoted modifier', 'She runs a “fact-checking” website in Vell.'],
    ['a legal term', 'A vote is needed for a sale of “substantially all” of the assets.'],
    ['a title of a work', 'His memoir, “The Long Road Home,” sold well.'],
    [
      'a title of a work with a speech verb near',
      'In his book “A Long Walk Home,” Brill writes about his father.',
    ],
  ])('drops %s', (_, text) => {
    expect(quotes(text)).toEqual([]);
  });
});

describe('speakers', () => {
  it.each([
    ['“…,” said X', '“We are ready,” said Ilsa Marrow, the foreign minister.', 'Ilsa Marrow'],
    [
      '“…,” X said',
      'Foreign Minister Ilsa Marrow arrived. “We are ready,” Marrow said.',
      'Ilsa Marrow',
    ],
    [
      'X said “…”',
      'Opposition leader Anya Koval said the deal was “a betrayal of voters.”',
      'Anya Koval',
    ],
    [
      'X noted: “…”',
      'Dana Kestrel, a senior fellow at the Halvorsen Institute, noted: “The gap is wide.”',
      'Dana Kestrel',
    ],
    [
      'X wrote on Twitter',
      '“We discussed the border at length,” Ambassador Rolf Eck wrote on Twitter.',
      'Rolf Eck',
    ],
    [
      'according to X',
      'According to Senator Ada Brill, “the budget will not pass this year.”',
      'Ada Brill',
    ],
    [
      'a title before the name after the verb',
      '“The vote is close,” said Senator Ada Brill.',
      'Ada Brill',
    ],
    ['a surname never introduced', '“The fish are smaller this year,” Okonkwo said.', 'Okonkwo'],
    [
      'an inverted verb and a lowercase title',
      '“Journalists must be exempt,” says president Dana Weil.',
      'Dana Weil',
    ],
    [
      'a person of a place',
      'Senator Ada Brill of Kentucky called the debt “the transcendent issue of our era.”',
      'Ada Brill',
    ],
    [
      'a participle after the main clause',
      'Prime Minister Tomas Verhoek thanked the delegates, adding that the talks were “productive and frank.”',
      'Tomas Verhoek',
    ],
    [
      'an appositive between the subject and the verb',
      'Anya Koval, leader of the opposition and a rival of Verhoek, called the speech “very disappointing.”',
      'Anya Koval',
    ],
  ])('attributes %s', (_, text, speaker) => {
    const [q] = quotes(text);
    expect(q?.speaker).toBe(speaker);
  });

  it('resolves "he said" after two named people to the subject', () => {
    const text =
      'Ambassador Rolf Eck met Foreign Minister Ilsa Marrow on Monday. “We agreed on a timetable,” he said.';
    expect(said(text)).toEqual([['We agreed on a timetable,', 'Rolf Eck']]);
  });

  it('keeps the speaker for a quote standing alone after a quote', () => {
    const text =
      '“We will not sign,” said Senator Ada Brill. “The budget is not serious.” Reporters left.';
    expect(said(text)).toEqual([
      ['We will not sign,', 'Ada Brill'],
      ['The budget is not serious.', 'Ada Brill'],
    ]);
  });

  it('gives the original speaker of relayed words', () => {
    const text =
      'Dana Kestrel, a senior fellow, welcomed the visit and highlighted Secretary Ilsa Marrow’s remarks last week: “Diplomacy is the only path.”';
    expect(said(text)).toEqual([['Diplomacy is the only path.', 'Ilsa Marrow']]);
  });

  it('does not take the subject of a partial quote for its speaker', () => {
    const text =
      '“Both sides have shown courage,” President Anya Koval said in her speech. Prime Minister Tomas Verhoek “has freed prisoners and kept his word.”';
    expect(said(text)).toEqual([
      ['Both sides have shown courage,', 'Anya Koval'],
      ['has freed prisoners and kept his word.', 'Anya Koval'],
    ]);
  });

  it('resolves "the president said" to the last president named', () => {
    const text =
      'President Anya Koval toured the port. “The port will reopen,” the president said.';
    expect(said(text)).toEqual([['The port will reopen,', 'Anya Koval']]);
  });

  it('names an organisation that speaks', () => {
    const text = '“The border is closed,” the Foreign Ministry said in a statement.';
    const [q] = quotes(text);
    expect(q?.speaker).toBe('Foreign Ministry');
    expect(q?.speakerType).toBe('organisation');
  });

  it('names a document cited with "according to"', () => {
    const text =
      'A code would include — according to the notes of the Data Retention Bill — “provision to protect sources”.';
    const [q] = quotes(text);
    expect(q?.speaker).toBe('Data Retention Bill');
  });

  it('does not take "States" in "the United States" for a speech verb', () => {
    const text =
      'Sanctions were a “major step” because it is unlikely the United States wanted talks, Joseph Okoro said.';
    expect(said(text)).toEqual([['major step', 'Joseph Okoro']]);
  });

  it('gives null for an unnamed source', () => {
    const text = '“The talks are over,” a senior official said.';
    const [q] = quotes(text);
    expect(q?.speaker).toBeNull();
    expect(q?.speakerType).toBe('unnamed');
  });

  it('gives null for "they said"', () => {
    const text = 'Both Ilsa Marrow and Ada Brill attended. “We agreed,” they said.';
    expect(said(text)).toEqual([['We agreed,', null]]);
  });

  it('gives null when nobody is named', () => {
    const text = 'A sign on the gate read “Closed for repairs until further notice.”';
    expect(quotes(text).map((q) => q.speaker)).toEqual([null]);
  });
});
