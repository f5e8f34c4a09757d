import { textProblems, textProblemsIn } from './text-rules';

describe('text a person sends', () => {
  it.each([
    ['plain text', 'Sam speedruns'],
    ['emoji, also joined into one', 'gg 🎉 👩‍💻'],
    ['an emoji with its presentation selector', '❤️'],
    ['right-to-left script', 'مرحبا بالجميع'],
    ['Korean, whose jamo share a block with the Hangul fillers', '안녕하세요 ㅋㅋ'],
    ['line breaks and tabs in markdown', '# Rules\n\t- be kind\r\n'],
    ['a zero-width joiner inside visible text', 'mañana 👨‍👩‍👧'],
    ['a Hangul filler beside a visible letter', 'a\u3164'],
    ['a braille pattern that shows dots', '\u2801'],
    ['an empty string (a field rule decides on it)', ''],
    ['spaces only (a field rule decides on it)', '   '],
  ])('keeps %s', (_, text) => {
    expect(textProblems(text)).toEqual([]);
  });

  it.each([
    ['a NUL', 'spam\u0000', 'noControlCharacters'],
    ['a bell', 'ding\u0007', 'noControlCharacters'],
    ['DEL', 'x\u007f', 'noControlCharacters'],
    ['a lone high surrogate', 'lone \ud800 surrogate', 'wellFormedUnicode'],
    ['a lone low surrogate', '\udc00 first', 'wellFormedUnicode'],
    ['a right-to-left override', 'invoice\u202Egnp.exe', 'noBidiControls'],
    ['a first-strong isolate', 'a\u2068b', 'noBidiControls'],
    ['zero-width characters only', '\u200B\u200D\u2060', 'visibleText'],
    ['zero-width characters and spaces only', ' \u200B \uFEFF ', 'visibleText'],
    ['a HANGUL FILLER', '\u3164', 'visibleText'],
    ['Hangul fillers and spaces', '\u3164 \u3164', 'visibleText'],
    ['the Hangul choseong and jungseong fillers', '\u115F\u1160', 'visibleText'],
    ['a HALFWIDTH HANGUL FILLER', '\uFFA0', 'visibleText'],
    ['a BRAILLE PATTERN BLANK', '\u2800\u2800', 'visibleText'],
    ['a KHITAN SMALL SCRIPT FILLER', '\u{16FE4}', 'visibleText'],
    ['a MUSICAL SYMBOL NULL NOTEHEAD', '\u{1D159}', 'visibleText'],
    ['a soft hyphen and a combining grapheme joiner', '\u00AD\u034F', 'visibleText'],
    ['the Mongolian vowel separator', '\u180E', 'visibleText'],
    ['a variation selector alone', '\uFE0F', 'visibleText'],
    ['tag characters', '\u{E0067}\u{E0062}\u{E007F}', 'visibleText'],
    ['an ideographic space and a filler', '\u3000\u3164', 'visibleText'],
  ])('refuses %s', (_, text, rule) => {
    expect(textProblems(text).map((problem) => problem.rule)).toEqual([rule]);
  });

  it('names each string of a nested value by its path, keys included', () => {
    expect(textProblemsIn({ title: '\u3164', tags: ['ok', 'n\u0000l'], settings: { 'k\u202Eey': 'fine' } })).toEqual([
      { field: 'title', rule: 'visibleText', message: 'title has only invisible characters; write some visible text.' },
      { field: 'tags', rule: 'noControlCharacters', message: 'tags contains a control character; remove it.' },
      { field: 'settings', rule: 'noBidiControls', message: 'settings contains a bidirectional override or isolate character, which can disguise text; remove it.' },
    ]);
    expect(textProblemsIn('\u0000')).toEqual([{ field: 'body', rule: 'noControlCharacters', message: 'The body contains a control character; remove it.' }]);
    expect(textProblemsIn({ channel: 'x\u0000' }, 'data')).toMatchObject([{ field: 'data.channel' }]);
  });
});
