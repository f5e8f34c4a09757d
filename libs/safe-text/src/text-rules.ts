/**
 * What shows nothing on screen: Unicode's White_Space and Default_Ignorable_Code_Point (format
 * characters, zero-width spaces, variation selectors, tags, and the Hangul fillers U+115F, U+1160,
 * U+3164, U+FFA0), plus the graphic characters that render blank though Unicode does not call them
 * ignorable: U+2800 BRAILLE PATTERN BLANK, U+16FE4 KHITAN SMALL SCRIPT FILLER and U+1D159 MUSICAL
 * SYMBOL NULL NOTEHEAD.
 */
// Variation selectors are among the ignorable characters, which is why the class may hold combining marks.
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE_ONLY = /^(?=[^]*\S)[\s\p{Default_Ignorable_Code_Point}\u2800\u{16FE4}\u{1D159}]+$/u;

/** Rules every piece of text a person sends must keep, whatever it is for. */
const TEXT_RULES: ReadonlyArray<{ rule: string; breaks: RegExp; problem: string }> = [
  // PostgreSQL text cannot hold NUL: a stored NUL would stop every read model that copies it.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point of this rule
  { rule: 'noControlCharacters', breaks: /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/, problem: 'contains a control character; remove it' },
  // Half of a surrogate pair is not text: stored as UTF-8 it would silently become U+FFFD.
  { rule: 'wellFormedUnicode', breaks: /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/, problem: 'is not well-formed Unicode (a lone surrogate)' },
  // Override and isolate controls can make text read differently from what it is ("Trojan Source").
  { rule: 'noBidiControls', breaks: /[\u202A-\u202E\u2066-\u2069]/, problem: 'contains a bidirectional override or isolate character, which can disguise text; remove it' },
  // Text of only invisible characters passes "not blank" checks while showing nothing; spaces alone
  // are left to each field's own rule.
  { rule: 'visibleText', breaks: INVISIBLE_ONLY, problem: 'has only invisible characters; write some visible text' },
];

export interface TextProblem {
  rule: string;
  /** Reads after the field's name: "title contains a control character; remove it". */
  problem: string;
}

/** A rule broken by a string somewhere in a value, with the path of the field that holds it. */
export interface FieldTextProblem {
  field: string;
  rule: string;
  /** "title contains a control character; remove it." */
  message: string;
}

/** Every rule `text` breaks; none for text Glint can store, show and read back as sent. */
export function textProblems(text: string): TextProblem[] {
  return TEXT_RULES.filter(({ breaks }) => breaks.test(text)).map(({ rule, problem }) => ({ rule, problem }));
}

/**
 * Every rule broken by any string in `value` (a request body, a socket frame's data), keys
 * included, each named by its field's path under `field`; the value itself is named `body`.
 */
export function textProblemsIn(value: unknown, field = ''): FieldTextProblem[] {
  const problems: FieldTextProblem[] = [];
  visit(value, field, problems);
  return problems;
}

function visit(value: unknown, field: string, problems: FieldTextProblem[]): void {
  if (typeof value === 'string') {
    for (const { rule, problem } of textProblems(value)) problems.push({ field: field || 'body', rule, message: `${field || 'The body'} ${problem}.` });
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) visit(item, field, problems);
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      visit(key, field, problems);
      visit(item, field ? `${field}.${key}` : key, problems);
    }
  }
}
