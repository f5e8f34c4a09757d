import { textProblems } from './text-rules';

describe('text a person sends', () => {
  it.each([
    ['plain text', 'Sam speedruns'],
    ['emoji, also joined into one', 'gg 🎉 👩‍💻'],
    ['right-to-left script', 'مرحبا بالجميع'],
    ['line breaks and tabs in markdown', '# Rules\n\t- be kind\r\n'],
    ['a zero-width joiner inside visible text', 'mañana 👨‍👩‍👧'],
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
  ])('refuses %s', (_, text, rule) => {
    expect(textProblems(text).map((problem) => problem.rule)).toEqual([rule]);
  });
});
