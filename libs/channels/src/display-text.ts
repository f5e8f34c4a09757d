/**
 * Text other people see on a channel page (its title, its subcategory) must show what it says.
 * Bidirectional overrides can reverse how a title reads, and zero-width characters can make two
 * different titles look alike or hide words from a search, so invisible characters are refused.
 * Zero-width (non-)joiners stay allowed: emoji sequences and Persian or Indic words need them,
 * as do the tag characters of subdivision flags.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const SHOWS_SOMETHING = /[\p{L}\p{N}\p{S}\p{P}]/u;

/** The first invisible character of `text` as `U+XXXX`, or null when every character shows. */
export function firstInvisibleCharacter(text: string): string | null {
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    if (INVISIBLE.test(character) && !neededForShaping(codePoint)) return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return null;
}

function neededForShaping(codePoint: number): boolean {
  return codePoint === 0x200c || codePoint === 0x200d || (codePoint >= 0xe0020 && codePoint <= 0xe007f);
}

/** Whether at least one character of `text` is a letter, digit, symbol or punctuation mark. */
export function showsSomething(text: string): boolean {
  return SHOWS_SOMETHING.test(text);
}

/** Length as people count it for emoji and other characters outside the basic plane: in code points. */
export function lengthOf(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}
