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
    [
      'curly open, two right single marks close',
      '“It was an attempt to mislead,’’ Will Roe said. “Fine.”',
      ['It was an attempt to mislead,', 'Fine.'],
    ],
    ['glued to the previous block', 'It rained in 2009."We lost," he said.', ['We lost,']],
    [
      'a nested quote inside a quote',
      'He said “they told me ‘no’ twice.”',
      ['they told me ‘no’ twice.'],
    ],
    [
      'a double quote nested in a single one (British style)',
      'She said: ‘They called it “a farce” and left.’',
      ['They called it “a farce” and left.'],
    ],
    [
      'spaced guillemets, without the spaces',
      'She said « we will win » on Sunday.',
      ['we will win'],
    ],
    ['low-high marks', 'She said „we will manage“ on Monday.', ['we will manage']],
    ['low-high single marks', 'She said ‚we will manage‘ on Monday.', ['we will manage']],
    ['single guillemets', 'She said ‹we will manage› on Monday.', ['we will manage']],
    ['inward guillemets (German)', 'She said »we will manage« on Monday.', ['we will manage']],
    ['right marks on both sides', 'She said ”we will manage” on Monday.', ['we will manage']],
    ['a left mark typed to close', 'She said “we will manage“ on Monday.', ['we will manage']],
    ["TeX-style ``…''", "She said ``we will manage'' on Monday.", ['we will manage']],
    [
      "doubled straight singles ''…''",
      "She said ''we will manage'' on Monday.",
      ['we will manage'],
    ],
    [
      'a quote nested in a quote with the same marks',
      'She said “he told me “no” twice,” and left.',
      ['he told me “no” twice,'],
    ],
  ])('finds %s', (_, text, expected) => {
    expect(findQuoteSpans(text).map((s) => text.slice(s.start, s.end))).toEqual(expected);
  });

  it.each([
    [
      'two left single marks opening, two right ones closing (wire copy)',
      '‘‘We will manage,’’ she said.',
      ['We will manage,'],
    ],
    ['double prime marks', 'She said ″we will manage″ on Monday.', ['we will manage']],
    ['full-width marks', 'She said ＂we will manage＂ on Monday.', ['we will manage']],
    ['a reversed high mark opening', 'She said ‟we will manage” on Monday.', ['we will manage']],
    [
      'straight marks nested in curly ones',
      '“He told me "no" twice,” she said.',
      ['He told me "no" twice,'],
    ],
    [
      'curly marks nested in straight ones',
      '"He told me “no” twice," she said.',
      ['He told me “no” twice,'],
    ],
    [
      'a double quotation closed by a single mark after its punctuation',
      '“We will manage,’ she said. “Fine.”',
      ['We will manage,', 'Fine.'],
    ],
    [
      'a single quotation closed by a double mark',
      '‘We will manage,” she said. Then she left.',
      ['We will manage,'],
    ],
  ])('finds a quotation typed with %s', (_, text, expected) => {
    expect(findQuoteSpans(text).map((s) => text.slice(s.start, s.end))).toEqual(expected);
  });

  it.each([
    [
      'a plural possessive',
      '“The ministers’ plan is sound,” she said.',
      ['The ministers’ plan is sound,'],
    ],
    [
      'a possessive after an abbreviation',
      '“The U.S.’ view is clear,” she said.',
      ['The U.S.’ view is clear,'],
    ],
    [
      'a nested single quotation closing after a comma',
      '“He said ‘no,’ and left,” she said.',
      ['He said ‘no,’ and left,'],
    ],
    [
      'inch marks after numbers',
      'The 12″ pipe and the 55" screen cost “too much,” she said.',
      ['too much,'],
    ],
    [
      'a straight quotation after a curly one left open',
      'She said: “We will manage. "Fine," he said.',
      ['We will manage.', 'Fine,'],
    ],
  ])('keeps the boundaries of a quotation beside %s', (_, text, expected) => {
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

  it('runs a single quotation on into a paragraph that opens with a single mark', () => {
    const p1 = 'Hugh Lister said: ‘We will rebuild.';
    const p2 = '‘Every home, every school.’';
    const text = `${p1} ${p2}`;
    expect(said(text, [p1.length + 1])).toEqual([
      ['We will rebuild.', 'Hugh Lister'],
      ['Every home, every school.', 'Hugh Lister'],
    ]);
  });

  it('keeps a British quotation longer than 400 characters', () => {
    const long = Array.from(
      { length: 20 },
      (_, i) => `we will rebuild street number ${i + 1}`,
    ).join(', ');
    const text = `Mayor Ellen Park said: ‘${long}.’ Then she left.`;
    expect(said(text)).toEqual([[`${long}.`, 'Ellen Park']]);
  });

  it('reads a sentence that is only the attribution after a quote ending in a full stop', () => {
    expect(said('‘We will win. We will rebuild.’ Mayor Ellen Park said.')).toEqual([
      ['We will win. We will rebuild.', 'Ellen Park'],
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

  it('finds the second part of a quote whose next paragraph has only the closing mark', () => {
    const p1 = 'Senator Ada Brill said: “We will win this fight.';
    const p2 = 'We have the votes.”';
    const p3 = 'The vote is Monday.';
    const text = `${p1} ${p2} ${p3}`;
    const breaks = [p1.length + 1, p1.length + p2.length + 2];
    expect(said(text, breaks)).toEqual([
      ['We will win this fight.', 'Ada Brill'],
      ['We have the votes.', 'Ada Brill'],
    ]);
  });

  it('takes no closing mark for a run-on once another paragraph has passed', () => {
    const p1 = 'Senator Ada Brill said: “We will win this fight.';
    const p2 = 'The vote is Monday.';
    const p3 = 'It is 6” wide.';
    const text = `${p1} ${p2} ${p3}`;
    const breaks = [p1.length + 1, p1.length + p2.length + 2];
    expect(quotes(text, breaks).map((q) => q.text)).toEqual(['We will win this fight.']);
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
      'a phrase after a noun, not a determiner',
      'Senator Ada Brill called the plan “a betrayal of voters” on Monday.',
      'a betrayal of voters',
    ],
    [
      'a tweet',
      'Ambassador Rolf Eck wrote on Twitter: “Talks today were useful and candid.”',
      'Talks today were useful and candid.',
    ],
    [
      'a quoted verb before its object',
      'Vell Motors, which accuses Orrin Corp of “poaching” engineers, filed suit on Monday.',
      'poaching',
    ],
    [
      'a quoted verb before "due to"',
      'In Kessel’s view, the earlier rounds of talks “proved futile” due to a lack of trust.',
      'proved futile',
    ],
    [
      'a short quote ending in a comma before "according to"',
      'The strike was “illegal,” according to Minister Tomas Varga.',
      'illegal,',
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
    [
      'a quoted modifier in a sentence with a speech verb',
      'Senator Ada Brill said she runs a “fact-checking” website in Vell.',
    ],
    [
      'a scare quote followed by "and" and a speech verb',
      'Vell does not have the luxury of being “patient” and insisting on terms.',
    ],
    [
      'a policy before its noun after a verb that takes no stand',
      'Minister Tomas Varga supports the “one nation” formula.',
    ],
    ['a legal term', 'A vote is needed for a sale of “substantially all” of the assets.'],
    ['a name after "known as the"', 'They were known as the “Three Wise Men.”'],
    [
      'a policy between a determiner and its noun',
      'Vell said it backs the “one nation, two rules” formula for the port.',
    ],
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

describe('pronoun speakers', () => {
  it.each([
    [
      '"she said" skips a man named in between',
      'Foreign Minister Ada Brill, who led her delegation, spoke first. She praised the hosts. ' +
        'Senator Tomas Verhoek, in his first term, met Brill. “We will return in May,” she said.',
      'Ada Brill',
    ],
    [
      '"he said" skips a woman named by a gendered honorific',
      'Deputy Minister Jonas Pell spoke first. He was brief. Mrs Ilsa Marrow, a senator, answered. ' +
        '“The vote is on Monday,” he said.',
      'Jonas Pell',
    ],
    [
      'a journalist named in an interview is not the speaker',
      'Prime Minister Irena Dvorak spoke in Vell. In an interview with Oskar Lindell, a reporter for ' +
        'the Vell Courier, Dvorak confirmed the date. “We will sign,” she said.',
      'Irena Dvorak',
    ],
    [
      'a name after a preposition is not the sentence subject',
      'Governor Ada Brill spoke. Talks with Senator Tomas Verhoek went well. “It was useful,” she said.',
      'Ada Brill',
    ],
    [
      '"he" skips a woman the text describes as one ("X is one of the first women …")',
      'Walter K. Pell Jr., 55, of Vell, pleaded guilty on Monday. Pell faces a fine. Sentencing is in May. Sign up for our newsletter. ' +
        'Get the news every morning. He was arrested in April. Senator Ada Brill speaks in Vell. ' +
        'During the call, he asked about the bill, called Brill a “traitor” and said, “somebody ought to stop her.” ' +
        'Brill is one of the first two women elected in Vell.',
      'Walter K. Pell Jr.',
    ],
  ])('%s', (_, text, speaker) => {
    expect(quotes(text).at(-1)?.speaker).toBe(speaker);
  });

  it('gives a one-word quote after "called X a" to the subject, not to X', () => {
    const text =
      'Walter K. Pell Jr., 55, of Vell, pleaded guilty on Monday. Pell faces a fine. Senator Ada Brill spoke. Brill is a mother of two. ' +
      'During the call, he called Brill a “traitor” and hung up.';
    expect(quotes(text).map((q) => q.speaker)).toEqual(['Walter K. Pell Jr.']);
  });

  it('still resolves a pronoun to the only person when genders are unknown', () => {
    const text = 'Minister Oskar Lindell met Senator Ada Brill. “We agreed,” she said.';
    // Neither person's gender is given, so the first person of the sentence is taken.
    expect(quotes(text)[0]?.speaker).toBe('Oskar Lindell');
  });
});

describe('a quotation that runs across paragraphs', () => {
  it.each([
    [
      'the speaker named after the second part',
      [
        'Senator Tomas Verhoek left early. “The survey is finished and the stations are designed.',
        '“We can decide within a year,” said chief executive Ada Brill.',
      ],
      [
        ['The survey is finished and the stations are designed.', 'Ada Brill'],
        ['We can decide within a year,', 'Ada Brill'],
      ],
    ],
    [
      'the speaker named before the first part',
      [
        'The talks ended. Minister Oskar Lindell said: “The survey is finished.',
        '“Nobody disputes the route.” The hall emptied.',
      ],
      [
        ['The survey is finished.', 'Oskar Lindell'],
        ['Nobody disputes the route.', 'Oskar Lindell'],
      ],
    ],
  ])('gives both parts %s', (_, paragraphs, expected) => {
    const text = paragraphs.join(' ');
    const breaks = [(paragraphs[0] as string).length + 1];
    expect(said(text, breaks)).toEqual(expected);
  });

  it('does not join a closed quote to the next paragraph’s quote', () => {
    const p1 = 'Minister Oskar Lindell spoke. “The survey is finished,” an aide said.';
    const p2 = '“Nobody disputes the route,” said Lindell.';
    const text = `${p1} ${p2}`;
    expect(said(text, [p1.length + 1])).toEqual([
      ['The survey is finished,', null],
      ['Nobody disputes the route,', 'Oskar Lindell'],
    ]);
  });
});

describe('a quotation introduced by a colon', () => {
  it.each([
    [
      'the sentence subject before the colon',
      'Harbour chief Ada Brill toured the docks. The season opens in May. Prices rose. Nobody objected. ' +
        'Brill summed up the journey: “It is old school meets new school.”',
      'Ada Brill',
    ],
    [
      'nobody when the sentence names nobody',
      'Senator Ada Brill arrived. The talks ended. Prices rose. Nobody objected. It rained. ' +
        'The agenda had one item: “peace and quiet for all of us.”',
      null,
    ],
    [
      'nobody when the name is an object',
      'The talks ended. Prices rose. Nobody objected. It rained. Later, the hall was closed. ' +
        'Talks with Senator Ada Brill had one theme: “peace and quiet for all of us.”',
      null,
    ],
  ])('gives the quote %s', (_, text, speaker) => {
    expect(quotes(text).at(-1)?.speaker).toBe(speaker);
  });
});

describe('a huge paragraph', () => {
  it('is analysed when one name is mentioned hundreds of thousands of times', () => {
    // 5 MB in one paragraph, 500,000 mentions: more than a spread into push can take.
    const text = `Senator Ann Lee spoke. ${'Lee agreed with Lee. '.repeat(250_000)}“We will win,” Lee said.`;
    const found = detect(text);
    expect(found.officials.map((o) => [o.name, o.mentions.length])).toEqual([['Ann Lee', 500_002]]);
    expect(found.quotes.map((q) => [q.text, q.speaker])).toEqual([['We will win,', 'Ann Lee']]);
  }, 60_000);
});

describe('organisations, documents and places as speakers', () => {
  it.each([
    [
      'a ministry a nationality qualifies',
      'The Ruritanian foreign ministry said it “regrets any decision of this kind.”',
      ['Ruritanian foreign ministry', 'organisation'],
    ],
    [
      'a ministry a possessive country qualifies',
      'Elbonia’s foreign ministry called it “another measure contradicting the accord.”',
      ['Elbonia’s foreign ministry', 'organisation'],
    ],
    [
      'a report',
      'The Halvorsen report said there were “multiple indications of activity at the site.”',
      ['Halvorsen report', 'document'],
    ],
    [
      'a body nobody names',
      'The ministry said it “regrets any decision of this kind.”',
      [null, 'unnamed'],
    ],
  ])('gives %s', (_, text, [speaker, type]) => {
    const [q] = quotes(text);
    expect([q?.speaker, q?.speakerType]).toEqual([speaker, type]);
  });

  it('never takes a nationality for the speaker', () => {
    const text =
      'Secretary of State Mike Tull spoke. Tull said the plan was “not, per se, unlawful”, saying he trusted the Danish courts.';
    expect(quotes(text).map((q) => q.speaker)).toEqual(['Mike Tull']);
  });
});

describe('an appositive between the speaker and the verb', () => {
  it('gives the quote to the name right after it, not to the organisation in the appositive', () => {
    const text =
      '“It was an attempt to mislead voters,” Will Roe, chief executive of the London-based website Fact Line, told the BBC.';
    expect(quotes(text).map((q) => q.speaker)).toEqual(['Will Roe']);
  });

  it('never takes a sentence adverb for a speaker', () => {
    const text = 'Critically, it said it had “a role in regulating campaign content.”';
    expect(quotes(text).map((q) => q.speaker)).toEqual([null]);
  });
});

describe('attribution across sentences', () => {
  it.each([
    [
      'a quotation that opens a sentence is read in its own sentence, not the one before',
      'Senator Ada Brill spoke. Aides said Brill has decided to sign. "The deal is bigger than the small one" agreed in May, said Tom Orrin, a scholar at the Vell Institute.',
      ['Tom Orrin'],
    ],
    [
      'a partial quote with no speech verb, right after a sentence where a person speaks',
      'In May, Foreign Minister Ilsa Marrow called for new talks. Elbonia is “ready to work with all parties.”',
      ['Ilsa Marrow'],
    ],
    [
      'a quote standing alone after a sentence where a person speaks, not the speaker before',
      '“The breach matters,” said Tom Orrin, a fellow at the Vell Institute. Ada Brill said it was only the latest move. “They wanted us on our knees.”',
      ['Tom Orrin', 'Ada Brill'],
    ],
  ])('gives %s', (_, text, speakers) => {
    expect(quotes(text).map((q) => q.speaker)).toEqual(speakers);
  });
});

describe('the subject of the speech verb', () => {
  it.each([
    [
      'a spokesperson voicing a country’s position, not the country',
      'A spokesperson for the Elbonian Foreign Office reiterated Elbonia’s position that the settlements “are unlawful and must stop.”',
      [null, 'unnamed'],
    ],
    [
      'a spokesman for a government, not the government',
      'A statement by a spokesman for the Ruritanian government said that “the talks are over for now.”',
      [null, 'unnamed'],
    ],
    [
      'the person who says what a place concluded',
      'Secretary of State Mike Tull spoke on Monday. Tull said that after long talks Washington had concluded the plan was “not, per se, unlawful.”',
      ['Mike Tull', 'person'],
    ],
    [
      'a body before a relative clause',
      'The Electoral Board, which oversees campaign money, issued a statement warning that “voters deserve honest campaigns.”',
      ['Electoral Board', 'organisation'],
    ],
    [
      'the body a sentence opens with, for a participle after a comma',
      'To answer the charge, the Elbonian Foreign Ministry released a statement through the state news agency, urging Ruritania not to “groundlessly reject” the treaty.',
      ['Elbonian Foreign Ministry', 'organisation'],
    ],
    [
      'a platform that speaks',
      'Twitter pledged to take “firm corrective action” against such accounts.',
      ['Twitter', 'organisation'],
    ],
    [
      'a magazine whose tweet reads',
      'The tweet from Vell magazine reads, “Show interrupted by angry fans.”',
      ['Vell magazine', 'organisation'],
    ],
    [
      'the person, not the platform they posted to',
      'Senator Ada Brill posted to Twitter asking if there were “any calm voters left?”',
      ['Ada Brill', 'person'],
    ],
    [
      'the person, not a relative clause’s antecedent that names nobody',
      'Tom Orrin, speaking at a briefing hosted by the Vell Institute, said that the new position, which called only for a freeze, is more practical and “clearly and very deliberately” sets out the goal.',
      ['Tom Orrin', 'person'],
    ],
    [
      'a place that answers by saying, after a sentence ending in a speech verb',
      'A deal is unlikely, Orrin said. Ottawa responded on May 11 by saying in its state news agency that it would cut ties after Vell City “insulted the dignity” of its leaders.',
      ['Ottawa', 'organisation'],
    ],
  ])('is %s', (_, text, [speaker, type]) => {
    const [q] = quotes(text);
    expect([q?.speaker, q?.speakerType]).toEqual([speaker, type]);
  });

  it('resolves "it said" to the body quoted just before', () => {
    const text =
      'The Electoral Board, which oversees campaign money, issued a statement warning that “voters deserve honest campaigns.” However, it pointed out that it has no “power to police campaign content.”';
    expect(quotes(text).map((q) => [q.speaker, q.speakerType])).toEqual([
      ['Electoral Board', 'organisation'],
      ['Electoral Board', 'organisation'],
    ]);
  });
});

describe('speakers named away from the quotation', () => {
  it('gives the speaker before the quote, not the outlet reporting it after a clause', () => {
    const text =
      'Chief executive Tom Orrin said in a memo that the “gap between the two brands matters less” as the chain cut prices, the Vell Herald reported.';
    expect(quotes(text).map((q) => q.speaker)).toEqual(['Tom Orrin']);
  });

  it('gives a line that opens with a name and a colon to that person', () => {
    const breaks = [27];
    const text = 'Senator Ada Brill testified. Brill: the charges are “not credible”';
    expect(quotes(text, breaks).map((q) => [q.text, q.speaker])).toEqual([
      ['not credible', 'Ada Brill'],
    ]);
  });

  it('gives a line that opens with a name, its role and a colon to that person', () => {
    const p1 = 'Reactions to the vote:';
    const p2 = 'Ivo Dragan, the mayor of Vell: “A sad day”';
    expect(quotes(`${p1} ${p2}`, [p1.length + 1]).map((q) => [q.text, q.speaker])).toEqual([
      ['A sad day', 'Ivo Dragan'],
    ]);
  });

  it.each([
    [
      'hailed the “…” deal',
      'Prime Minister Anna Kessel hailed the “historic” agreement on Tuesday.',
    ],
    ['cheered on the “…” move', 'Vell’s premier, Anna Kessel, cheered on the “historic” move.'],
    ['rejected the “…” claims', 'Prime Minister Anna Kessel rejected the “baseless” claims.'],
  ])('gives an evaluative word before a stance verb’s object to its subject: %s', (_, text) => {
    expect(quotes(text).map((q) => q.speaker)).toEqual(['Anna Kessel']);
  });

  it.each([
    [
      'what she called “…” + noun',
      'Governor Ruth Calder condemned what she called “reckless” spending.',
      'reckless',
    ],
    [
      'which she called “…”',
      'Governor Ruth Calder attacked the budget, which she called “a betrayal of voters.”',
      'a betrayal of voters.',
    ],
    [
      'what she has called “…”',
      'Governor Ruth Calder denounced what she has called “economic warfare” by Vell.',
      'economic warfare',
    ],
    [
      'which she termed “…”',
      'Governor Ruth Calder said the move, which she termed “a farce,” was illegal.',
      'a farce,',
    ],
    ['what she dubbed “…”', 'Governor Ruth Calder condemned what she dubbed “a farce”.', 'a farce'],
  ])(
    'gives a quote after a naming verb with a person as subject to that person: %s',
    (_, text, quote) => {
      expect(said(text)).toEqual([[quote, 'Ruth Calder']]);
    },
  );

  it.each([
    ['a program called “…”', 'Vell launched a program called “clean streets” in May.'],
    [
      'a stance verb before a two-word policy name',
      'Governor Ruth Calder rejected the “phase one” deal.',
    ],
  ])('still drops %s', (_, text) => {
    expect(quotes(text)).toEqual([]);
  });

  it('gives a quote followed by "according to X" to X', () => {
    expect(said('“The strike was illegal,” according to Minister Tomas Varga.')).toEqual([
      ['The strike was illegal,', 'Tomas Varga'],
    ]);
  });

  it('gives a heading quote the speaker of the quotation it repeats', () => {
    const text =
      '“The talks have failed” Day 2: the hearing. Ada Brill told the committee, “I warned them in May. The talks have failed.”';
    expect(quotes(text).map((q) => q.speaker)).toEqual(['Ada Brill', 'Ada Brill']);
  });
});

describe('a short phrase that repeats a quotation', () => {
  const body =
    'Minister Tomas Varga was asked about the deal. “There is not a chance we sign this,” he said.';

  it('is a quotation of the same speaker when it heads the text', () => {
    const head = '“Not a chance”';
    expect(said(`${head} ${body}`, [head.length + 1])).toEqual([
      ['Not a chance', 'Tomas Varga'],
      ['There is not a chance we sign this,', 'Tomas Varga'],
    ]);
  });

  it('is a quotation of the same speaker after the quotation too', () => {
    const text = `${body} Varga’s aides on “not a chance” in the afternoon`;
    expect(said(text)).toEqual([
      ['There is not a chance we sign this,', 'Tomas Varga'],
      ['not a chance', 'Tomas Varga'],
    ]);
  });

  it('stays a term when the text marks it as one', () => {
    const text = `${body} The so-called “not a chance” line spread fast.`;
    expect(said(text)).toEqual([['There is not a chance we sign this,', 'Tomas Varga']]);
  });

  // A block that is only a quotation is one even when no quotation shares its words (see
  // "a block made only of a quotation"); inside a paragraph, such a phrase is not.
  it('stays dropped when no quotation has its words', () => {
    expect(said(`${body} Aides planned “talks at dawn” for Friday.`)).toEqual([
      ['There is not a chance we sign this,', 'Tomas Varga'],
    ]);
  });

  it('gives each of thousands of phrases repeating one long quotation its speaker', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i % 50}`).join(' ');
    const phrases = Array.from({ length: 20_000 }, (_, i) => `“w${i % 50} w${(i + 1) % 50}”`);
    const text = `Minister Tomas Varga said: “${words}.” ${phrases.join(' ')}`;
    expect(quotes(text).length).toBe(20_001);
  });
});

describe('common journalistic patterns (invented text, one row each)', () => {
  it.each([
    [
      'said X, the minister,',
      '“We will not back down,” said Tomas Varga, the finance minister, on Monday.',
      ['Tomas Varga'],
    ],
    [
      'X, who ..., said',
      'Senator Lena Ostrova, who chairs the budget committee, said the plan was “dead on arrival.”',
      ['Lena Ostrova'],
    ],
    [
      'she added across paragraphs',
      [
        'Prime Minister Anna Kessel said on Tuesday that talks would resume. “We are ready,” she said.',
        '“There is no other path,” she added.',
      ],
      ['Anna Kessel', 'Anna Kessel'],
    ],
    [
      'told reporters',
      'Defence Minister Pavel Drozd told reporters in Kyiv that the army was “fully prepared.”',
      ['Pavel Drozd'],
    ],
    [
      'told reporters after',
      '“The army is fully prepared,” Defence Minister Pavel Drozd told reporters in Kyiv.',
      ['Pavel Drozd'],
    ],
    [
      'in a statement, X said',
      'In a statement, Interior Minister Rafael Ostos said the attack was “a cowardly act.”',
      ['Rafael Ostos'],
    ],
    [
      'X said in a statement',
      '“This is a cowardly act,” Interior Minister Rafael Ostos said in a statement.',
      ['Rafael Ostos'],
    ],
    [
      'was quoted as saying',
      'Economy Minister Ilse Brandt was quoted as saying the deal was “a turning point.”',
      ['Ilse Brandt'],
    ],
    [
      'passive: it was said by X',
      '“The era of cheap money is over,” it was said by central bank governor Mara Quill.',
      ['Mara Quill'],
    ],
    [
      'X wrote on Twitter',
      'Representative Dana Holt wrote on Twitter that the vote was “a disgrace.”',
      ['Dana Holt'],
    ],
    ['X tweeted', '“A disgrace,” Representative Dana Holt tweeted.', ['Dana Holt']],
    [
      'according to X',
      'According to Ambassador Keiko Tanabe, the talks were “productive and frank.”',
      ['Keiko Tanabe'],
    ],
    [
      'split by attribution',
      '“We will not,” said President Omar Haddad, “accept any deal that divides us.”',
      ['Omar Haddad', 'Omar Haddad'],
    ],
    [
      'split by X said',
      '“We will not,” President Omar Haddad said, “accept any deal that divides us.”',
      ['Omar Haddad', 'Omar Haddad'],
    ],
    ['title surname said', '“Everything is on the table,” Chancellor Brandt said.', ['Brandt']],
    [
      'surname said after full intro',
      'Finance Minister Tomas Varga spoke on Monday. “We have no plan B,” Varga said.',
      ['Tomas Varga'],
    ],
    [
      'the minister said (role back)',
      'Finance Minister Tomas Varga arrived late. “We have no plan B,” the minister said.',
      ['Tomas Varga'],
    ],
    [
      'single quotes british',
      'Foreign Secretary Hugh Lister said the move was ‘deeply regrettable’.',
      ['Hugh Lister'],
    ],
    ['straight quotes', 'Mayor Ellen Park said "we will rebuild" after the storm.', ['Ellen Park']],
    ['colon intro', 'Governor Ruth Calder put it bluntly: “We are broke.”', ['Ruth Calder']],
    [
      'X added',
      '“We are broke,” Governor Ruth Calder said. “The state cannot pay,” Calder added.',
      ['Ruth Calder', 'Ruth Calder'],
    ],
    [
      'said X, adding',
      'Mayor Ellen Park said the city would recover, adding: “We will rebuild every home.”',
      ['Ellen Park'],
    ],
    [
      'spokesman named',
      'Ellen Park’s spokesman, Tom Reyes, said the claims were “completely false.”',
      ['Tom Reyes'],
    ],
    [
      'said in an interview',
      '“We never agreed to that,” Senator Lena Ostrova said in an interview with the newspaper.',
      ['Lena Ostrova'],
    ],
    ['asked', '“Why now?” asked Senator Lena Ostrova.', ['Lena Ostrova']],
    [
      'quote standing alone after speaker para',
      [
        'Senator Lena Ostrova said the bill was flawed.',
        '“It will cost billions and help nobody.”',
      ],
      ['Lena Ostrova'],
    ],
    [
      'writes',
      'In his memoir, former president Aldo Renzi writes that the summit was “a missed chance.”',
      ['Aldo Renzi'],
    ],
    [
      'warned',
      'Central bank governor Mara Quill warned that inflation could become “entrenched and painful.”',
      ['Mara Quill'],
    ],
    [
      'organisation said',
      'The Ministry of Defence said in a statement that the drills were “routine.”',
      ['Ministry of Defence'],
    ],
    [
      'he said with unnamed object',
      'Asked about the deal, Varga said: “There is no deal.”',
      ['Varga'],
    ],
    ['guillemets simple', 'Marc Dulac said «we will win» on Sunday.', ['Marc Dulac']],
    [
      'appositive possessive subject',
      'Le Pen’s adviser, Marc Dulac, said “we will win” on Sunday.',
      ['Marc Dulac'],
    ],
    [
      'quote, X said, long',
      '“We have spent ten years building this coalition, and we will not let it fall apart over one vote,” said Nadia Farouk, the party’s leader in parliament.',
      ['Nadia Farouk'],
    ],
    [
      'quote X, title, said',
      '“We will not let it fall apart,” Nadia Farouk, the party’s leader in parliament, said on Tuesday.',
      ['Nadia Farouk'],
    ],
    [
      'X, title of Org, told Org',
      '“It is a mess,” Karl Stein, director of the Berlin Institute, told Reuters.',
      ['Karl Stein'],
    ],
    [
      'his spokesman',
      'Karl Stein’s spokeswoman, Ana Ruiz, said the meeting was “cordial.”',
      ['Ana Ruiz'],
    ],
    [
      'the statement said',
      'The ministry issued a statement on Friday. “The drills are routine,” the statement said.',
      [null],
    ],
    [
      'group of quotes paragraph',
      [
        '“We will not sign,” Foreign Minister Ivo Dragan said.',
        '“Not now, not ever.”',
        '“The answer is no.”',
      ],
      ['Ivo Dragan', 'Ivo Dragan', 'Ivo Dragan'],
    ],
    [
      'multi paragraph quote',
      [
        'Foreign Minister Ivo Dragan was blunt. “We will not sign this treaty.',
        '“Not now, and not under any future government.”',
      ],
      ['Ivo Dragan', 'Ivo Dragan'],
    ],
    [
      'she continued next para',
      [
        '“The treaty is dead,” said Foreign Minister Ilka Moor.',
        'She continued: “Nobody in this country wants it.”',
      ],
      ['Ilka Moor', 'Ilka Moor'],
    ],
    [
      'X responded',
      'Opposition leader Ravi Menon responded that the budget was “a work of fiction.”',
      ['Ravi Menon'],
    ],
    ['X acknowledged', 'Menon later acknowledged that the party had “made mistakes.”', ['Menon']],
    ['X insisted', 'Health Secretary Joan Pike insisted: “There is no shortage.”', ['Joan Pike']],
    [
      'X, speaking in Brussels, said',
      'Joan Pike, speaking in Brussels, said there was “no shortage at all.”',
      ['Joan Pike'],
    ],
    [
      'speaking to BBC',
      'Speaking to the BBC, Joan Pike said there was “no shortage at all.”',
      ['Joan Pike'],
    ],
    [
      "X's remarks",
      'Joan Pike’s remarks — “there is no shortage” — angered nurses.',
      ['Joan Pike'],
    ],
    [
      'X wrote in letter',
      'In a letter to the committee, Joan Pike wrote: “I regret the delay.”',
      ['Joan Pike'],
    ],
    [
      'said the X official',
      '“We were not informed,” said a senior State Department official.',
      [null],
    ],
    ['officials said', '“We were not informed,” officials said.', [null]],
    [
      'two quotes two speakers',
      '“Yes,” said Ana Ruiz. “No,” said Karl Stein.',
      ['Ana Ruiz', 'Karl Stein'],
    ],
    [
      'X told the newspaper',
      'Former ambassador Leon Marsh told the Guardian the policy was “a failure from the start.”',
      ['Leon Marsh'],
    ],
    [
      'X said, quote mid-sentence after that',
      'Leon Marsh said that while the policy was popular, it was “a failure from the start.”',
      ['Leon Marsh'],
    ],
    ['questioned', '“Who pays for this?” Leon Marsh asked during the hearing.', ['Leon Marsh']],
    [
      'headline colon',
      [
        'Marsh: “The policy failed”',
        'Former ambassador Leon Marsh said on Monday that the policy had failed.',
      ],
      ['Leon Marsh'],
    ],
    [
      'news agency quoting',
      'The Tass news agency quoted Foreign Minister Ivo Dragan as saying the sanctions were “illegal.”',
      ['Ivo Dragan'],
    ],
    [
      'long blockquote-like',
      [
        'Ivo Dragan said:',
        '“The sanctions are illegal and they will fail, as every previous round of sanctions failed, because our people are stronger than any pressure from abroad.”',
      ],
      ['Ivo Dragan'],
    ],
    [
      'quote with nested',
      'Ivo Dragan said: “They told us ‘sign or else,’ and we refused.”',
      ['Ivo Dragan'],
    ],
    [
      'X said it in quote before: quote X said then pronoun',
      [
        '“It is over,” Ivo Dragan said.',
        'Dragan, 64, has led the ministry since 2010. “I have seen worse,” he said.',
      ],
      ['Ivo Dragan', 'Ivo Dragan'],
    ],
    [
      'a spokesman for Mayor X',
      'A spokesman for Mayor Ellen Park said the claims were “false and malicious.”',
      [null],
    ],
    [
      'an aide to X',
      'An aide to Senator Lena Ostrova said the senator was “deeply troubled.”',
      [null],
    ],
    [
      'spokesman after quote',
      '“The claims are false,” a spokesman for Mayor Ellen Park said.',
      [null],
    ],
    [
      'said a spokesman for',
      '“The claims are false,” said a spokesman for Mayor Ellen Park.',
      [null],
    ],
    [
      "X's spokesman said",
      'Mayor Ellen Park’s spokesman said the claims were “false and malicious.”',
      [null],
    ],
    [
      'the mayor of X said - person',
      '“The claims are false,” said Ellen Park, the mayor of Vell.',
      ['Ellen Park'],
    ],
    ['friend of', '“She was brave,” said Tom Reyes, a friend of Mayor Ellen Park.', ['Tom Reyes']],
    [
      'statement issued by ministry',
      'In a statement issued by the Foreign Ministry of Vell, the strike was described as “an act of war.”',
      ['Foreign Ministry of Vell'],
    ],
    [
      'statement issued by ministry subj',
      'A statement issued by the Foreign Ministry of Vell described the strike as “an act of war.”',
      ['Foreign Ministry of Vell'],
    ],
    [
      'remarks delivered by',
      'In remarks delivered by Governor Ruth Calder on Monday, the plan was described as “a lifeline.”',
      ['Ruth Calder'],
    ],
    [
      'words written by',
      'The letter, written by Senator Lena Ostrova, called the deal “a betrayal.”',
      ['Lena Ostrova'],
    ],
    [
      'quoted by does not give agent',
      'Senator Lena Ostrova, quoted by the Vell Gazette, called the deal “a betrayal.”',
      ['Lena Ostrova'],
    ],
    [
      'the post, shared by X',
      '“We will win,” read a post shared by Governor Ruth Calder.',
      ['Ruth Calder'],
    ],
    ['by the ministry lowercase', '“This is routine,” it was stated by the ministry.', [null]],
    [
      'adverb + shared by is not attribution',
      'Senator Ana Ruiz spoke on Monday. “We must guard the interests” mutually shared by Vell and Ruritania, she warned.',
      ['Ana Ruiz'],
    ],
    [
      'the report said -> named report',
      'The Vell Audit Office report was published on Monday. The report said the agency had “failed to protect the public.”',
      ['Vell Audit Office report'],
    ],
    [
      'the report said, none named',
      'A report was published on Monday. The report said the agency had “failed to protect the public.”',
      [null],
    ],
    [
      'the ministry said -> named ministry',
      'The Foreign Ministry of Vell summoned the envoy. “The strike was unacceptable,” the ministry said.',
      ['Foreign Ministry of Vell'],
    ],
    [
      'the ministry lowercase named',
      'The Vell foreign ministry summoned the envoy. “The strike was unacceptable,” the ministry said.',
      ['Vell foreign ministry'],
    ],
    ['the ministry none named', '“The strike was unacceptable,” the ministry said.', [null]],
    [
      "Vell's ambassador",
      'Ambassador Ana Ruiz arrived in Ruritania on Monday. Vell’s ambassador warned that the talks were “near collapse.”',
      ['Ana Ruiz'],
    ],
    [
      'the ambassador',
      'Ambassador Ana Ruiz arrived in Ruritania on Monday. The ambassador warned that the talks were “near collapse.”',
      ['Ana Ruiz'],
    ],
    [
      'the senator said back to named',
      ['Senator Lena Ostrova voted against the bill.', '“It is a giveaway,” the senator said.'],
      ['Lena Ostrova'],
    ],
    [
      'the former governor said (description)',
      [
        'Ruth Calder, who ran the state for eight years, is now running for the Senate.',
        '“I know how to win,” the former governor said.',
      ],
      ['Ruth Calder'],
    ],
    [
      'pronoun chain 3 paras',
      [
        'Foreign Minister Ivo Dragan flew to Vell on Monday.',
        'He met the president for two hours.',
        '“The talks were useful,” he said afterwards.',
      ],
      ['Ivo Dragan'],
    ],
    [
      'quote split by attribution with pronoun',
      [
        'Foreign Minister Ivo Dragan flew to Vell on Monday.',
        '“The talks,” he said, “were useful.”',
      ],
      ['Ivo Dragan', 'Ivo Dragan'],
    ],
    [
      'X says (present)',
      '“We are not for sale,” says Ivo Dragan, the port’s director.',
      ['Ivo Dragan'],
    ],
    ['X, 54, said', '“We are not for sale,” Ivo Dragan, 54, said.', ['Ivo Dragan']],
    [
      'said X, who ...',
      '“We are not for sale,” said Ivo Dragan, who has run the port since 2010.',
      ['Ivo Dragan'],
    ],
    [
      'X told CNN',
      '“We are not for sale,” Foreign Minister Ivo Dragan told CNN on Sunday.',
      ['Ivo Dragan'],
    ],
    [
      'X said on Twitter',
      'Foreign Minister Ivo Dragan said on Twitter: “We are not for sale.”',
      ['Ivo Dragan'],
    ],
    [
      'quote then another person mentioned',
      '“We are not for sale,” Foreign Minister Ivo Dragan said after meeting Ana Ruiz.',
      ['Ivo Dragan'],
    ],
    [
      'a quote with two people; the second speaks',
      'After Ivo Dragan left, Senator Ana Ruiz said: “He was rude.”',
      ['Ana Ruiz'],
    ],
    ['Dr. X said', '“The virus is spreading,” Dr. Mira Holm said.', ['Mira Holm']],
    ['Mr X said', '“The virus is spreading,” Mr Holm said.', ['Holm']],
    [
      'lower title + name + said that',
      'Health minister Mira Holm said that the virus was “spreading fast.”',
      ['Mira Holm'],
    ],
    [
      'hyphenated name',
      '“We disagree,” said Foreign Minister Jean-Paul Duval-Marchand.',
      ['Jean-Paul Duval-Marchand'],
    ],
    [
      'particle name',
      '“We disagree,” said Foreign Minister Ursula von der Berg.',
      ['Ursula von der Berg'],
    ],
    ['bin name', '“We disagree,” said Crown Prince Faisal bin Tamir.', ['Faisal bin Tamir']],
    ['east asian name', '“We disagree,” said President Moon Jae-sun.', ['Moon Jae-sun']],
    [
      'quote in parentheses',
      'The minister (“we will not yield,” Ivo Dragan said) left early.',
      ['Ivo Dragan'],
    ],
    [
      'quote after dash attribution',
      'Foreign Minister Ivo Dragan was blunt — “we will not yield.”',
      ['Ivo Dragan'],
    ],
    [
      'quote as subject of sentence',
      '“We will not yield” was the message from Foreign Minister Ivo Dragan.',
      ['Ivo Dragan'],
    ],
    [
      'in the words of',
      'In the words of Foreign Minister Ivo Dragan, “we will not yield.”',
      ['Ivo Dragan'],
    ],
    ['per X', 'Per Foreign Minister Ivo Dragan, the talks were “useful.”', ['Ivo Dragan']],
    [
      'X’s words',
      'Foreign Minister Ivo Dragan’s words were clear: “We will not yield.”',
      ['Ivo Dragan'],
    ],
    ['as X put it', 'As Foreign Minister Ivo Dragan put it, “we will not yield.”', ['Ivo Dragan']],
    [
      'X was asked, replied',
      'Asked whether Vell would yield, Foreign Minister Ivo Dragan replied: “Never.”',
      ['Ivo Dragan'],
    ],
    [
      "quote then 'the minister added'",
      '“We will not yield,” said Foreign Minister Ivo Dragan. “Never,” the minister added.',
      ['Ivo Dragan', 'Ivo Dragan'],
    ],
    [
      'said X in an interview published',
      '“We will not yield,” Foreign Minister Ivo Dragan said in an interview published on Sunday by the Vell Gazette.',
      ['Ivo Dragan'],
    ],
    [
      'she said: the person an appositive calls a woman',
      [
        'Foreign Minister Ivo Dragan and Senator Ana Ruiz, the first woman to chair the committee, met on Monday.',
        '“We made progress,” she said.',
      ],
      ['Ana Ruiz'],
    ],
    [
      'he said: the person followed by “and his”',
      [
        'Senator Ana Ruiz criticised Foreign Minister Ivo Dragan and his deputy.',
        '“She is wrong,” he said.',
      ],
      ['Ivo Dragan'],
    ],
    [
      'he said after quote of other',
      [
        '“We made progress,” Senator Ana Ruiz said.',
        'Foreign Minister Ivo Dragan disagreed. “Nothing changed,” he said.',
      ],
      ['Ana Ruiz', 'Ivo Dragan'],
    ],
    [
      'multi-para speech with final attribution',
      [
        '“We made progress on trade.',
        '“We made progress on security.',
        '“And we will meet again,” Foreign Minister Ivo Dragan said.',
      ],
      ['Ivo Dragan', 'Ivo Dragan', 'Ivo Dragan'],
    ],
    [
      'statement from org then quote',
      [
        'The Vell Chamber of Commerce issued a statement on Monday.',
        '“The tariffs will hurt exporters,” it said.',
      ],
      ['Vell Chamber of Commerce'],
    ],
    ['they said unnamed', '“We were never consulted,” they said.', [null]],
    ['residents said', '“We were never consulted,” residents said.', [null]],
    [
      'one official said',
      '“We were never consulted,” one official said on condition of anonymity.',
      [null],
    ],
    ['people familiar', '“The deal is close,” said people familiar with the talks.', [null]],
    [
      'X said, then quote in next sentence w/o cue',
      ['Foreign Minister Ivo Dragan spoke to reporters on Monday.', '“The deal is close.”'],
      ['Ivo Dragan'],
    ],
    [
      'X told Y that',
      'Foreign Minister Ivo Dragan told Senator Ana Ruiz that the deal was “close.”',
      ['Ivo Dragan'],
    ],
    [
      'Y was told by X',
      'Senator Ana Ruiz was told by Foreign Minister Ivo Dragan that the deal was “close.”',
      ['Ivo Dragan'],
    ],
    [
      'X said of Y',
      'Foreign Minister Ivo Dragan said of Senator Ana Ruiz: “She is a tough negotiator.”',
      ['Ivo Dragan'],
    ],
    [
      'X praised Y as',
      'Foreign Minister Ivo Dragan praised Senator Ana Ruiz as “a tough negotiator.”',
      ['Ivo Dragan'],
    ],
    [
      'X called Y',
      'Foreign Minister Ivo Dragan called Senator Ana Ruiz “a tough negotiator.”',
      ['Ivo Dragan'],
    ],
    [
      'X accused Y of',
      'Foreign Minister Ivo Dragan accused Senator Ana Ruiz of “spreading lies about the deal.”',
      ['Ivo Dragan'],
    ],
    [
      "X's statement said",
      'Foreign Minister Ivo Dragan’s statement said the deal was “close.”',
      ['Ivo Dragan'],
    ],
    [
      'X, in a tweet,',
      'Foreign Minister Ivo Dragan, in a tweet, called the deal “close.”',
      ['Ivo Dragan'],
    ],
    [
      'quote + said + name + title of org',
      '“The deal is close,” said Ana Ruiz, the chief executive of Vell Shipping.',
      ['Ana Ruiz'],
    ],
    [
      'quote + name + of org + said',
      '“The deal is close,” Ana Ruiz of Vell Shipping said.',
      ['Ana Ruiz'],
    ],
    [
      'quote + org spokesperson name',
      '“The deal is close,” Vell Shipping spokesperson Ana Ruiz said.',
      ['Ana Ruiz'],
    ],
    [
      'quote + org said',
      '“The deal is close,” Vell Shipping said in a statement.',
      ['Vell Shipping'],
    ],
    [
      'agency reported + quote',
      'The Vell News Agency reported that the minister called the deal “close.”',
      [null],
    ],
  ] as [string, string | string[], (string | null)[]][])(
    'attributes %s',
    (_, paragraphs, speakers) => {
      const parts = Array.isArray(paragraphs) ? paragraphs : [paragraphs];
      const breaks: number[] = [];
      let at = 0;
      for (const p of parts.slice(0, -1)) {
        at += p.length + 1;
        breaks.push(at);
      }
      expect(quotes(parts.join(' '), breaks).map((q) => q.speaker)).toEqual(speakers);
    },
  );
});

describe('a short quote in a clause whose subject is a person', () => {
  it.each([
    [
      'after "is"',
      'Senator Ada Brill met the families. Brill is “confident” the bill will pass.',
      'confident',
      'Ada Brill',
    ],
    [
      'after "she was"',
      'Senator Ada Brill met the families. She was “deeply troubled” by the findings.',
      'deeply troubled',
      'Ada Brill',
    ],
    [
      'after "remains"',
      'Minister Tomas Varga remains “committed” to the deal.',
      'committed',
      'Tomas Varga',
    ],
    [
      'after a verb of wanting',
      'Minister Tomas Varga wants “a fair deal” for farmers.',
      'a fair deal',
      'Tomas Varga',
    ],
    [
      'as the predicate of a clause the subject believes',
      'Minister Tomas Varga believes the bill is “dead on arrival”.',
      'dead on arrival',
      'Tomas Varga',
    ],
    ['after "has"', 'Minister Tomas Varga has “no plans” to resign.', 'no plans', 'Tomas Varga'],
    [
      'after "defended … as"',
      'Minister Tomas Varga defended the decision as “necessary and proportionate”.',
      'necessary and proportionate',
      'Tomas Varga',
    ],
  ])('keeps it %s, with the subject as speaker', (_, text, quote, speaker) => {
    expect(said(text)).toContainEqual([quote, speaker]);
  });

  it.each([
    ['when the person is passive', 'Minister Tomas Varga was sentenced to “time served”.'],
    ['when the person is an object', 'Talks with Minister Tomas Varga stayed “on track”.'],
    ['when a place is the subject', 'Minister Tomas Varga flew home. Vell has “no plans” yet.'],
    ['in a heading "Name on …"', 'Tomas Varga on “the Vell question”'],
    ['across a comma', 'Minister Tomas Varga, a “moderate” in the party, flew home.'],
  ])('drops it %s', (_, text) => {
    expect(quotes(text)).toEqual([]);
  });
});

describe('a quoted modifier that is someone’s word', () => {
  it.each([
    [
      'with the attribution right after its noun',
      'Mayor Ada Brill met the council. The “unacceptable” delay, she said, would cost millions.',
      'unacceptable',
      'Ada Brill',
    ],
    [
      'with the attribution ending the sentence',
      'Mayor Ada Brill met the governor. It was a “very productive” meeting, Brill said.',
      'very productive',
      'Ada Brill',
    ],
    [
      'after a speech verb and "of"',
      'Mayor Ada Brill warned of “catastrophic” floods if nothing is done.',
      'catastrophic',
      'Ada Brill',
    ],
    [
      'as an adverb and a verb, with a speech verb',
      'Mayor Ada Brill alleges the company “knowingly misled” investors.',
      'knowingly misled',
      'Ada Brill',
    ],
    [
      'as a quoted verb before "allege"',
      'The guards “falsified” records, prosecutors allege.',
      'falsified',
      null,
    ],
  ])('keeps it %s', (_, text, quote, speaker) => {
    expect(said(text)).toContainEqual([quote, speaker]);
  });

  it('drops a modifier whose noun runs on past the attribution', () => {
    const text =
      'Ministers think a “thin” trade deal that skips the hard issues is a bad one, a person briefed on the talks said.';
    expect(quotes(text)).toEqual([]);
  });
});

describe('a headline in title case', () => {
  it('is the words of the person named before a colon', () => {
    const head = 'Brill: “We Will Not Back Down”';
    const text = `${head} Senator Ada Brill spoke in Vell on Monday.`;
    expect(said(text, [head.length + 1])).toEqual([['We Will Not Back Down', 'Ada Brill']]);
  });

  it('stays a title without a name before it', () => {
    expect(quotes('Review: “We Will Not Back Down”')).toEqual([]);
  });
});

describe('speakers past a parenthesis, a participle or a plural role', () => {
  it.each([
    [
      'a party and state in parentheses before the verb',
      'Senator Ada Brill (D-Vell) said the decision was “a betrayal.”',
      'Ada Brill',
    ],
    [
      'a party and state in parentheses after the quote',
      '“This is a betrayal,” Senator Ada Brill (D-Vell) said in a statement.',
      'Ada Brill',
    ],
    [
      'a participle after the quote',
      'Senator Ada Brill said the cabinet had ‘lost the plot’, adding that ministers were asleep.',
      'Ada Brill',
    ],
    ['a plural role opening the sentence', 'Officials said the plan was “under review.”', null],
    ['prosecutors', 'Prosecutors said the guards “repeatedly failed” to act.', null],
    [
      'a tweet signed with a dash',
      'Senator Ada Brill met Minister Tomas Varga. “Great talks today. #peace” — Tomas Varga (@tvarga) May 3, 2019',
      'Tomas Varga',
    ],
  ])('attributes %s', (_, text, speaker) => {
    expect(quotes(text).map((q) => q.speaker)).toEqual([speaker]);
  });
});

describe('single marks after a plural, nested straight marks, a quoted verb after a modal', () => {
  it.each([
    [
      'a plural quoted before "and"',
      'Chief Executive Cara Vell called the marchers ‘rioters’ and vowed to restore order.',
      ['rioters'],
    ],
    [
      'a plural quoted before "but", and a later quote',
      'Mrs Vell said the city faced ‘dark days’ but promised that ‘order will be restored’.',
      ['dark days', 'order will be restored'],
    ],
    [
      'straight marks nested in straight marks',
      'Senator Ada Brill said: "He told me "no" twice, and then he left."',
      ['He told me "no" twice, and then he left.'],
    ],
    [
      'a quoted verb phrase after a modal',
      'Minister Tomas Varga said Vell would ‘never allow’ secession.',
      ['never allow'],
    ],
  ])('finds %s', (_, text, expected) => {
    expect(quotes(text).map((q) => q.text)).toEqual(expected);
  });

  it('still reads a plural possessive before a noun as an apostrophe', () => {
    const text = 'Mrs Vell said the students’ demands were ‘unrealistic’ and would not be met.';
    expect(quotes(text).map((q) => q.text)).toEqual(['unrealistic']);
  });
});

describe('one capitalised word said as a predicate', () => {
  it.each([
    [
      'an adjective from a name',
      'Senator Ada Brill said the ruling was “Kafkaesque”.',
      'Kafkaesque',
    ],
    ['an acronym', 'Senator Ada Brill said the agreement was “OK” and left.', 'OK'],
  ])('keeps %s', (_, text, quote) => {
    expect(said(text)).toEqual([[quote, 'Ada Brill']]);
  });

  it('drops a name after "was" with nobody speaking', () => {
    expect(quotes('The ship in the harbour was “Endeavour” and it sailed at dawn.')).toEqual([]);
  });
});

describe('a relative clause between the speaker and the verb', () => {
  it('gives the quote to the antecedent, not to a place ending the clause', () => {
    const text =
      'Senator Ada Brill, who has led the agency since 2015 and moved it to Denver, has repeatedly said that the rules are “outdated and unfair.”';
    expect(said(text)).toEqual([['outdated and unfair.', 'Ada Brill']]);
  });
});

describe('a quoted pair of evaluative words, a quoted adverb and verb, a body naming a thing', () => {
  it.each([
    [
      'denounced the “… and …” decision',
      'Governor Ruth Calder denounced the “reckless and dangerous” decision on Monday.',
      'reckless and dangerous',
    ],
    [
      'promised a “… and …” inquiry',
      'Governor Ruth Calder promised a “thorough and transparent” inquiry.',
      'thorough and transparent',
    ],
  ])(
    'gives two evaluative words before a stance verb’s object to its subject: %s',
    (_, text, quote) => {
      expect(said(text)).toEqual([[quote, 'Ruth Calder']]);
    },
  );

  it.each([
    ['a policy name of two words', 'Governor Ruth Calder rejected the “phase one” deal.'],
    ['a capitalised pair', 'Governor Ruth Calder rejected the “Law and Order” bill.'],
    ['a pair after a plain verb', 'Vell runs a “quick and dirty” review of every bill.'],
  ])('still drops %s', (_, text) => {
    expect(quotes(text)).toEqual([]);
  });

  it('keeps an adverb and a participle quoted with no speech verb', () => {
    const text =
      'The Vell ministry attacked the court. The ruling has been seen as “seriously weakening” the power of the governor.';
    expect(quotes(text).map((q) => q.text)).toEqual(['seriously weakening']);
  });

  it('gives such a quote to the body taking a stand in the sentence before, not to an earlier speaker', () => {
    const text =
      '“We will appeal,” said Governor Ruth Calder. This comes as Vell has denounced the ruling. It was seen as “seriously weakening” the governor.';
    expect(said(text)).toEqual([
      ['We will appeal,', 'Ruth Calder'],
      ['seriously weakening', 'Vell'],
    ]);
  });

  it('still drops one quoted participle with no cue', () => {
    expect(quotes('The team kept “winning” all season and the fans loved it.')).toEqual([]);
  });

  it.each([
    ['a report', 'Senator Ana Ruiz dismissed the report as “nonsense”.'],
    ['a statement', 'Senator Ana Ruiz dismissed the statement as “nonsense” on Monday.'],
  ])('gives "X dismissed %s as “…”" to X, not to the thing dismissed', (_, text) => {
    expect(said(text)).toEqual([['nonsense', 'Ana Ruiz']]);
  });

  it('gives a term a body names with "what it termed" to that body', () => {
    const text = 'The Vell Foreign Ministry condemned what it termed “foreign interference”.';
    expect(quotes(text).map((q) => q.text)).toEqual(['foreign interference']);
  });
});

describe('a speech tag with any verb, and a signature after a dash or in parentheses', () => {
  const intro = 'Foreign Minister Ana Ruiz of Vell spoke on Monday. ';
  it.each([
    ['scoffed', '“No deal,” Ruiz scoffed.'],
    ['muttered', '“No deal,” Ruiz muttered.'],
    ['interjected', '“No deal,” Ruiz interjected.'],
    ['reasoned', '“No deal,” Ruiz reasoned.'],
    ['reminded reporters', '“No deal,” Ruiz reminded reporters.'],
    ['shot back', '“No deal,” Ruiz shot back.'],
    ['a verb no list holds, after the name', '“No deal,” Ruiz laughed.'],
    ['a verb no list holds, before the name', '“No deal,” sighed Ruiz.'],
    ['a verb no list holds, after a pronoun', '“No deal,” she laughed.'],
    ['a verb no list holds, in the present', '“No deal,” Ruiz laughs.'],
  ])('gives a quotation tagged with %s to its speaker', (_, text) => {
    expect(said(intro + text)).toEqual([[text.match(/“(.*?)[”]/)?.[1], 'Ana Ruiz']]);
  });

  it.each([
    ['a dash and a title before the name', '“Never again.” — Foreign Minister Ana Ruiz'],
    [
      'a dash after a full stop, and an appositive',
      '“We will never give up our claim to the islands.” — Ruiz, foreign minister of Vell',
    ],
    ['a parenthesis', '“We will never give up our claim to the islands” (Ana Ruiz).'],
    ['a dash, the quotation two words long', '“No deal” — Foreign Minister Ana Ruiz'],
  ])('gives a quotation signed with %s to the signer, not to the last speaker', (_, text) => {
    const before =
      'Foreign Minister Ana Ruiz of Vell flew home. Senator Lena Ostrova said the talks failed. ';
    expect(said(before + text)).toEqual([[text.match(/“(.*?)[”]/)?.[1], 'Ana Ruiz']]);
  });

  it('gives both parts of a quotation split by "X began," to X', () => {
    expect(said(`${intro}“Friends,” Ruiz began, “this is a hard day for all of us.”`)).toEqual([
      ['Friends,', 'Ana Ruiz'],
      ['this is a hard day for all of us.', 'Ana Ruiz'],
    ]);
  });

  it.each([
    ['a scare quote inside a sentence', 'After the “reforms,” Ruiz resigned.'],
    ['a verb that only starts something', 'The “reforms” began in May.'],
    ['a scare quote opening a sentence with no tag', '“Reforms,” then, was the word Ruiz avoided.'],
  ])('still drops %s', (_, text) => {
    expect(said(intro + text)).toEqual([]);
  });
});

describe('a short quote opening a reported clause', () => {
  it.each([
    ['after the speech verb', 'Senator Ana Ruiz said “serious concerns” remained.'],
    ['after "said that"', 'Senator Ana Ruiz said that “serious concerns” remained about the deal.'],
    ['opening the sentence, the tag after', '“Serious concerns” remain, Senator Ana Ruiz said.'],
  ])('is the speaker’s words %s, though a word follows it', (_, text) => {
    expect(said(text)).toEqual([[text.match(/“(.*?)”/)?.[1], 'Ana Ruiz']]);
  });

  it.each([
    [
      'a modifier after a determiner',
      'Senator Ana Ruiz said the “maximum pressure” campaign failed.',
    ],
    ['a modifier with no speech verb', 'Senator Ana Ruiz runs a “fact-checking” site.'],
    ['a term opening a sentence with no tag', '“Maximum pressure” failed in the end.'],
  ])('still drops %s', (_, text) => {
    expect(said(text)).toEqual([]);
  });

  it('reads past a day named between the subject and the verb', () => {
    expect(said('Senator Ana Ruiz on Monday sought to “reassure” allies.')).toEqual([
      ['reassure', 'Ana Ruiz'],
    ]);
  });
});

describe('a speaker named only in the next sentence', () => {
  it.each([
    [
      '"So said X"',
      '“We will not back down under any circumstances.” So said Foreign Minister Ana Ruiz on Monday.',
    ],
    [
      '"So said X." (the whole sentence)',
      '“We will not back down under any circumstances.” So said Foreign Minister Ana Ruiz.',
    ],
    [
      '"Those were the words of X", past a person speaking before',
      'Senator Lena Ostrova spoke first. “We will not back down under any circumstances.” Those were the words of Foreign Minister Ana Ruiz.',
    ],
    [
      'the subject of a speech verb, when nobody spoke before',
      'The rebels left the capital on Monday. “We will not back down under any circumstances.” Foreign Minister Ana Ruiz said the rebels had lost.',
    ],
  ])('gives a quotation standing alone to %s', (_, text) => {
    expect(said(text)).toEqual([['We will not back down under any circumstances.', 'Ana Ruiz']]);
  });

  it('keeps the person who spoke just before', () => {
    const text =
      'Foreign Minister Ana Ruiz of Vell spoke on Monday. “We will not back down.” Senator Lena Ostrova said she disagreed.';
    expect(said(text)).toEqual([['We will not back down.', 'Ana Ruiz']]);
  });

  it('does not reach past a next sentence holding its own quotation', () => {
    const text =
      'The rebels left the capital on Monday. “We will not back down under any circumstances.” Senator Lena Ostrova said it was “a farce.”';
    expect(said(text)).toEqual([
      ['We will not back down under any circumstances.', null],
      ['a farce.', 'Lena Ostrova'],
    ]);
  });
});

describe('a heading in title case repeating a quotation', () => {
  it('is the quotation’s words, with its speaker', () => {
    const [p1, p2, p3] = [
      '“We Will Not Back Down”',
      'Foreign Minister Ana Ruiz of Vell spoke on Monday.',
      'Ruiz said: “We will not back down. Not now, not ever.”',
    ];
    const text = `${p1} ${p2} ${p3}`;
    const breaks = [p1.length + 1, p1.length + p2.length + 2];
    expect(said(text, breaks)).toEqual([
      ['We Will Not Back Down', 'Ana Ruiz'],
      ['We will not back down. Not now, not ever.', 'Ana Ruiz'],
    ]);
  });

  it('stays a title when no quotation has its words', () => {
    const text = 'Foreign Minister Ana Ruiz starred in “The Long Road Home” last year.';
    expect(said(text)).toEqual([]);
  });
});

describe('an age between the speaker and the verb', () => {
  it.each([
    ['an age', 'Ana Ruiz, 54, said the plan was “dead”.'],
    ['an age after a title', 'Senator Ana Ruiz, 54, said the plan was “dead”.'],
  ])('gives the quote to the speaker past %s', (_, text) => {
    expect(said(text)).toEqual([['dead', 'Ana Ruiz']]);
  });

  it('gives a quote to the speaker past an age after the quote', () => {
    expect(said('“The plan is dead,” Ana Ruiz, 54, said.')).toEqual([
      ['The plan is dead,', 'Ana Ruiz'],
    ]);
  });
});

describe('a noun of saying as the cue', () => {
  it.each([
    [
      'the claim by X that',
      'The claim by Senator Ana Ruiz that the vote was “rigged” was false.',
      'rigged',
    ],
    [
      'X’s insistence on',
      'Senator Ana Ruiz’s insistence on “full autonomy” angered Vell.',
      'full autonomy',
    ],
    [
      'the assurance from X that',
      'Despite the assurance from Senator Ana Ruiz that talks were “on track”, Vell walked out.',
      'on track',
    ],
    [
      'the accusation by X of',
      'The accusation by Senator Ana Ruiz of “treason” shocked Vell.',
      'treason',
    ],
    ['X’s plea for', 'Senator Ana Ruiz’s plea for “calm” was ignored.', 'calm'],
  ])('keeps a short quote after %s, with X as its speaker', (_, text, quote) => {
    expect(said(text)).toEqual([[quote, 'Ana Ruiz']]);
  });

  it('still drops a term after a noun that is not one of saying', () => {
    expect(said('Senator Ana Ruiz’s support for “green” energy is well known.')).toEqual([]);
  });
});

describe('a role named before the person who holds it', () => {
  it('gives "Vell’s ambassador warned …" to the ambassador named later', () => {
    const text =
      'Vell’s ambassador to Britain warned that his government “will not sit on its hands”. Vell’s ambassador to Britain, Ivo Dragan, said talks were over.';
    expect(said(text)).toEqual([['will not sit on its hands', 'Ivo Dragan']]);
  });

  it('does not give it to a later holder of another country’s post', () => {
    const text =
      'Vell’s ambassador to Britain warned that his government “will not sit on its hands”. Elbonia’s ambassador to Britain, Ivo Dragan, said talks were over.';
    expect(said(text)).toEqual([['will not sit on its hands', null]]);
  });
});

describe('an intensified or paired evaluation before a noun', () => {
  it.each([
    [
      'after a speech verb',
      'Senator Ana Ruiz said a “very productive” meeting had taken place.',
      'very productive',
    ],
    [
      'after a stance verb',
      'Senator Ana Ruiz praised the “very productive” talks.',
      'very productive',
    ],
    [
      'an adverb in -ly',
      'Senator Ana Ruiz condemned the “deeply troubling” remarks.',
      'deeply troubling',
    ],
    [
      'after "called for"',
      'Senator Ana Ruiz called for a “full and transparent” inquiry.',
      'full and transparent',
    ],
    [
      'after "warned of a"',
      'Senator Ana Ruiz warned of a “very dangerous” escalation.',
      'very dangerous',
    ],
    [
      'one word after "warned of a"',
      'Senator Ana Ruiz warned of a “catastrophic” flood.',
      'catastrophic',
    ],
  ])('is the speaker’s words %s', (_, text, quote) => {
    expect(said(text)).toEqual([[quote, 'Ana Ruiz']]);
  });

  it.each([
    [
      'a policy’s name after a speech verb',
      'Senator Ana Ruiz said the “maximum pressure” campaign failed.',
    ],
    [
      'an intensified phrase with no verb of saying',
      'Senator Ana Ruiz runs a “very exclusive” club.',
    ],
  ])('still drops %s', (_, text) => {
    expect(said(text)).toEqual([]);
  });
});

describe('a viewpoint named before the clause', () => {
  it.each([
    ['"To quote X,"', 'To quote Senator Ana Ruiz, the plan is “dead”.'],
    ['"For X,"', 'For Senator Ana Ruiz, the plan is “dead”.'],
  ])('gives the quote in a clause after %s to X', (_, text) => {
    expect(said(text)).toEqual([['dead', 'Ana Ruiz']]);
  });

  it('does not read "for X" inside a sentence as a viewpoint', () => {
    expect(said('The minister voted for Senator Ana Ruiz, whose plan is “dead”.')).toEqual([]);
  });
});

describe('a state of mind in the passive form', () => {
  it.each([
    ['convinced', 'Senator Ana Ruiz is convinced the plan is “dead”.'],
    ['worried', 'Senator Ana Ruiz was worried the plan was “dead”.'],
  ])('gives the quote to the person who is %s', (_, text) => {
    expect(said(text)).toEqual([['dead', 'Ana Ruiz']]);
  });

  it('still drops a phrase after another passive', () => {
    expect(said('Senator Ana Ruiz was moved to “the front”.')).toEqual([]);
  });
});

describe('words introduced by how someone put them, or by a colon', () => {
  it('gives "“…,” is how X put it" to X', () => {
    expect(said('“A disaster,” is how Senator Ana Ruiz put it.')).toEqual([
      ['A disaster,', 'Ana Ruiz'],
    ]);
  });

  it('keeps one capitalised word after a noun of saying and a colon', () => {
    expect(said('Senator Ana Ruiz’s answer: “No”.')).toEqual([['No', 'Ana Ruiz']]);
  });

  it('still drops a name after a colon with no cue', () => {
    expect(said('Senator Ana Ruiz’s home town: “Vell”.')).toEqual([]);
  });
});

describe('a name nobody introduced, an appositive, then the verb', () => {
  it.each([
    ['one word', '“The plan is dead,” Ruiz, a Democrat from Vell, told reporters.', 'Ruiz'],
    [
      'two words',
      '“The plan is dead,” Ana Ruiz, a Democrat from Vell, told reporters.',
      'Ana Ruiz',
    ],
  ])('gives the quote to the name (%s), not to a place in the appositive', (_, text, who) => {
    expect(said(text)).toEqual([['The plan is dead,', who]]);
  });
});

describe('a quotation retold inside a quotation', () => {
  it('keeps the outer quotation and gives each line a speech verb introduces its own', () => {
    expect(
      said(
        '“My team had a deal,” Ana Ruiz recounted. “And I said, ‘We need more.’ They said, ‘The staff will refuse.’ I said, ‘Tell them to work harder.’”',
      ),
    ).toEqual([
      ['My team had a deal,', 'Ana Ruiz'],
      [
        'And I said, ‘We need more.’ They said, ‘The staff will refuse.’ I said, ‘Tell them to work harder.’',
        'Ana Ruiz',
      ],
      ['We need more.', 'Ana Ruiz'],
      ['The staff will refuse.', null],
      ['Tell them to work harder.', 'Ana Ruiz'],
    ]);
  });

  it.each([
    [
      'a person named inside, with an object and a colon',
      '“Then Ivo Dragan told me: ‘We are done,’ and left,” Senator Ana Ruiz said.',
      ['We are done,', 'Ivo Dragan'],
    ],
    [
      'an unnamed third person',
      '“He asked me, ‘Why now?’ and I had no answer,” Senator Ana Ruiz said.',
      ['Why now?', null],
    ],
    [
      'the verb after the line',
      '“Then ‘We are done,’ I told them, and we left,” Senator Ana Ruiz said.',
      ['We are done,', 'Ana Ruiz'],
    ],
    [
      'straight single marks in straight double ones',
      '"We said, \'Not this year.\' Then we left," Senator Ana Ruiz said.',
      ['Not this year.', 'Ana Ruiz'],
    ],
    [
      'double marks in a British single quotation',
      '‘I said to them, “We are done,” and left,’ Senator Ana Ruiz said.',
      ['We are done,', 'Ana Ruiz'],
    ],
  ])('finds the retold line: %s', (_, text, inner) => {
    const found = said(text);
    expect(found).toHaveLength(2);
    expect(found[1]).toEqual(inner);
  });

  it.each([
    ['a scare quote', '“We call it the ‘red line’ policy,” Senator Ana Ruiz said.'],
    ['a title', '“I read ‘The Long Night’ twice,” Senator Ana Ruiz said.'],
    [
      'a title after a verb of writing',
      '“I wrote ‘The Long Night’ in a year,” Senator Ana Ruiz said.',
    ],
    ['a plural possessive', '“The workers’ union said no,” Senator Ana Ruiz said.'],
  ])('keeps only the outer quotation around %s', (_, text) => {
    expect(said(text)).toHaveLength(1);
  });
});

describe('a verb of affirming or stressing before a quoted evaluative word', () => {
  it.each([
    [
      'reaffirmed',
      'Foreign Minister Ivo Dragan reaffirmed the “unshakable” nature of the alliance.',
    ],
    ['affirms', 'Foreign Minister Ivo Dragan affirms the “unshakable” nature of the alliance.'],
    ['reiterated', 'Foreign Minister Ivo Dragan reiterated the “vital” role of the alliance.'],
    ['stressed', 'Foreign Minister Ivo Dragan stressed the “vital” role of the alliance.'],
    ['emphasised', 'Foreign Minister Ivo Dragan emphasised the “vital” role of the alliance.'],
    [
      'emphasizing',
      'Foreign Minister Ivo Dragan left, emphasizing the “vital” role of the alliance.',
    ],
    ['underscored', 'Foreign Minister Ivo Dragan underscored the “urgent” need for talks.'],
    ['underlines', 'Foreign Minister Ivo Dragan underlines the “urgent” need for talks.'],
    ['highlighted', 'Foreign Minister Ivo Dragan highlighted the “urgent” need for talks.'],
    ['insisted on', 'Foreign Minister Ivo Dragan insisted on the “urgent” need for talks.'],
    ['will reaffirm', 'Foreign Minister Ivo Dragan will reaffirm the “unshakable” bond.'],
  ])('gives the word after "%s the" to the subject', (_, text) => {
    const found = said(text);
    expect(found).toHaveLength(1);
    expect(found[0]?.[1]).toBe('Ivo Dragan');
  });

  it('keeps the word when the subject is unnamed', () => {
    expect(
      said('Officials have repeatedly reaffirmed the “unshakable” nature of the alliance.'),
    ).toEqual([['unshakable', null]]);
  });

  it.each([
    ['a name of a treaty', 'Foreign Minister Ivo Dragan reaffirmed the “Vell Accord” on Monday.'],
    [
      'a term marked as such',
      'Foreign Minister Ivo Dragan stressed the so-called “unshakable” rule.',
    ],
    ['a noun "stress", not a verb', 'The stress of the “unshakable” rule was felt.'],
  ])('still drops %s', (_, text) => {
    expect(said(text)).toEqual([]);
  });
});

describe('a noun that is also a verb of praising', () => {
  it('still drops a quoted word after "praise for the"', () => {
    expect(said('The plan won praise for the “bold” design of its bridges.')).toEqual([]);
  });
});

describe('a quoted fragment anywhere in a clause a speech verb reports', () => {
  it.each([
    [
      'after a long subject, with "alleged that"',
      'Prosecutors alleged that Ana Ruiz and Ivo Dragan, who worked the night shift, “played cards,” lingered in the hall and slept.',
      [['played cards,', null]],
    ],
    [
      'a named subject of "alleged that"',
      'Senator Ana Ruiz alleged that the two guards, who worked the night shift, “played cards” for hours.',
      [['played cards', 'Ana Ruiz']],
    ],
    [
      'after a second verb of the clause',
      'Senator Ana Ruiz said the guards, who worked nights, skipped their rounds and “played cards” for hours.',
      [['played cards', 'Ana Ruiz']],
    ],
    [
      'an object late in the clause',
      'Senator Ana Ruiz told reporters that the guards, who worked nights, had taken “a nap on the job” twice.',
      [['a nap on the job', 'Ana Ruiz']],
    ],
  ])('finds it %s', (_, text, expected) => {
    expect(said(text)).toEqual(expected);
  });

  it.each([
    [
      'a term after "so-called"',
      'Senator Ana Ruiz said that the so-called “night shift” guards slept.',
    ],
    ['a title after "the book"', 'Senator Ana Ruiz said the book “The Long Night” was dull.'],
    ['a title read', 'Senator Ana Ruiz said the guards read “The Long Night” during their shift.'],
    ['a modifier', 'Senator Ana Ruiz said the guards ran a “fact-checking” site at night.'],
    [
      'a sentence with no speech verb',
      'The two guards, who worked the night shift, “played cards” and slept.',
    ],
    ['"alleged" as an adjective', 'The alleged “ringleader” of the guards was arrested.'],
    ['"charged" with a crime', 'Police charged the “ringleader” with theft.'],
  ])('still drops %s', (_, text) => {
    expect(said(text)).toEqual([]);
  });
});

describe('a sentence that closes with "according to" its source', () => {
  it.each([
    [
      'a phrase before a participle',
      'The two guards signed “bogus logbooks” attesting they had done their rounds, according to court records.',
      [['bogus logbooks', null]],
    ],
    [
      'a phrase before a clause, from a body',
      'The guards had “no idea” where the keys were, according to a statement from the Vell Prison Service.',
      [['no idea', 'Vell Prison Service']],
    ],
    [
      'a predicate, from a person',
      'The warden was “furious” about the guards, according to Senator Ana Ruiz.',
      [['furious', 'Ana Ruiz']],
    ],
    [
      'an object, from a person',
      'The guards ignored “repeated warnings” from their managers, according to Senator Ana Ruiz.',
      [['repeated warnings', 'Ana Ruiz']],
    ],
  ])('finds %s and gives it to the source', (_, text, expected) => {
    expect(said(text)).toEqual(expected);
  });

  it.each([
    [
      'a term after "so-called"',
      'The so-called “night shift” rule was dropped, according to court records.',
    ],
    [
      'a title after "the book"',
      'The book “The Long Night” sold well, according to the publisher.',
    ],
    [
      'a modifier after a determiner',
      'The guards ran a “fact-checking” site at night, according to court records.',
    ],
    [
      'a one-word modifier',
      'The guards ran “fact-checking” sites at night, according to court records.',
    ],
    [
      'a title in title case',
      'The guards watched “The Long Night” on Monday, according to court records.',
    ],
  ])('still drops %s', (_, text) => {
    expect(said(text)).toEqual([]);
  });
});

describe('a block made only of a quotation', () => {
  /** Blocks joined by spaces, with a break where each starts. */
  function blocks(...parts: string[]): [string, number[]] {
    const breaks: number[] = [];
    let at = 0;
    for (const p of parts.slice(0, -1)) {
      at += p.length + 1;
      breaks.push(at);
    }
    return [parts.join(' '), breaks];
  }

  it('is a quotation, with the speaker of the body’s quotation of part of it', () => {
    const [text, breaks] = blocks(
      'Senator Ana Ruiz spoke on Monday.',
      '“Foreign-backed rebel units”',
      'The Vell Defence League said that “rebel units” had crossed the border.',
    );
    expect(said(text, breaks)).toEqual([
      ['Foreign-backed rebel units', 'Vell Defence League'],
      ['rebel units', 'Vell Defence League'],
    ]);
  });

  it('is a quotation of nobody named when no quotation shares its words', () => {
    const [text, breaks] = blocks(
      'Senator Ana Ruiz spoke on Monday.',
      '“Rebel units”',
      'The minister left for Vell.',
    );
    expect(said(text, breaks)).toEqual([['Rebel units', null]]);
  });

  it.each([
    ['one word', ['The talks ended.', '“Enough”', 'The minister left.']],
    [
      'titles in a list of publications',
      ['Selected reports', '“Borders and keepers”', '“Water at risk”', 'All reports are free.'],
    ],
    [
      'titles of works in title case',
      ['Publications', '“The Long Night of Policy”', '“Borders and Their Keepers”'],
    ],
  ])('still drops %s', (_, parts) => {
    const [text, breaks] = blocks(...parts);
    expect(said(text, breaks)).toEqual([]);
  });

  it('still drops the same phrase inside a paragraph with no cue', () => {
    expect(said('Senator Ana Ruiz spoke on Monday about “rebel units” near Vell.')).toEqual([]);
  });
});

describe('a long quotation full of single marks', () => {
  it('is read in one pass, the apostrophes taken for no retold line', () => {
    const inner = Array.from({ length: 20_000 }, () => "they 'd said").join(' ');
    const found = said(`“${inner},” Senator Ana Ruiz said.`);
    expect(found).toEqual([[`${inner},`, 'Ana Ruiz']]);
  });
});
