/** Rules every piece of text a person sends must keep, whatever it is for. */
const TEXT_RULES: ReadonlyArray<{ rule: string; breaks: RegExp; problem: string }> = [
  // PostgreSQL text cannot hold NUL: a stored NUL would stop every read model that copies it.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point of this rule
  { rule: 'noControlCharacters', breaks: /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/, problem: 'contains a control character; remove it' },
  // Half of a surrogate pair is not text: stored as UTF-8 it would silently become U+FFFD.
  { rule: 'wellFormedUnicode', breaks: /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/, problem: 'is not well-formed Unicode (a lone surrogate)' },
  // Override and isolate controls can make text read differently from what it is ("Trojan Source").
  { rule: 'noBidiControls', breaks: /[\u202A-\u202E\u2066-\u2069]/, problem: 'contains a bidirectional override or isolate character, which can disguise text; remove it' },
  // Text of only invisible characters passes "not blank" checks while showing nothing.
  { rule: 'visibleText', breaks: /^(?=.*[\u200B-\u200D\u2060\uFEFF])[\s\u00AD\u200B-\u200D\u2060\uFEFF]+$/s, problem: 'has only invisible characters; write some visible text' },
];

export interface TextProblem {
  rule: string;
  /** Reads after the field's name: "title contains a control character; remove it". */
  problem: string;
}

/** Every rule `text` breaks; none for text Glint can store, show and read back as sent. */
export function textProblems(text: string): TextProblem[] {
  return TEXT_RULES.filter(({ breaks }) => breaks.test(text)).map(({ rule, problem }) => ({ rule, problem }));
}
