import { ValidationError } from '@glint/domain-errors';
import { isCategory, CATEGORIES, type Category } from './categories';
import { firstInvisibleCharacter, lengthOf, showsSomething } from './display-text';
import { isLanguage, type Language } from './languages';

/** What a channel page says about the channel. */
export interface ChannelInfo {
  title: string;
  category: Category;
  /** Free text within the category, or null for none. */
  subcategory: string | null;
  /** Normalised: lower-case `[a-z0-9-]`, no duplicates, at most 10. */
  tags: string[];
  language: Language;
  mature: boolean;
}

/** Changes to a channel's info as a person typed them, before normalising. */
export interface ChannelInfoInput {
  title?: string;
  category?: string;
  subcategory?: string | null;
  tags?: string[];
  language?: string;
  mature?: boolean;
}

export const DEFAULT_CHANNEL_INFO: ChannelInfo = {
  title: 'Live Stream!',
  category: 'gaming',
  subcategory: null,
  tags: [],
  language: 'en',
  mature: false,
};

export const TITLE_MAX_LENGTH = 250;
export const SUBCATEGORY_MAX_LENGTH = 50;
export const MAX_TAGS = 10;
export const TAG_MAX_LENGTH = 25;
const TAG = /^[a-z0-9-]{1,25}$/;

/** The fields of `input` that are given, normalised; a field that breaks its rule is refused by name. */
export function normaliseChannelInfo(input: ChannelInfoInput): Partial<ChannelInfo> {
  const normalised: Partial<ChannelInfo> = {};
  if (input.title !== undefined) normalised.title = normaliseTitle(input.title);
  if (input.category !== undefined) normalised.category = normaliseCategory(input.category);
  if (input.subcategory !== undefined) normalised.subcategory = normaliseSubcategory(input.subcategory);
  if (input.tags !== undefined) normalised.tags = normaliseTags(input.tags);
  if (input.language !== undefined) normalised.language = normaliseLanguage(input.language);
  if (input.mature !== undefined) normalised.mature = input.mature;
  return normalised;
}

export function normaliseTitle(title: string): string {
  const trimmed = title.trim();
  const length = lengthOf(trimmed);
  if (length === 0 || length > TITLE_MAX_LENGTH) {
    throw new ValidationError('invalid_title', `A title has 1 to ${TITLE_MAX_LENGTH} characters after trimming spaces; this one has ${length}.`, 'title');
  }
  refuseInvisible(trimmed, 'title');
  return trimmed;
}

export function normaliseSubcategory(subcategory: string | null): string | null {
  const trimmed = subcategory?.trim() ?? '';
  if (trimmed === '') return null;
  const length = lengthOf(trimmed);
  if (length > SUBCATEGORY_MAX_LENGTH) {
    throw new ValidationError('invalid_subcategory', `A subcategory has at most ${SUBCATEGORY_MAX_LENGTH} characters; this one has ${length}.`, 'subcategory');
  }
  refuseInvisible(trimmed, 'subcategory');
  return trimmed;
}

function normaliseCategory(category: string): Category {
  if (!isCategory(category)) throw new ValidationError('invalid_category', `The category must be one of ${CATEGORIES.join(', ')}.`, 'category');
  return category;
}

function normaliseLanguage(language: string): Language {
  if (!isLanguage(language)) throw new ValidationError('invalid_language', `"${language}" is not an ISO 639-1 language code; use two lower-case letters such as "en" or "pt".`, 'language');
  return language;
}

/**
 * Tags are matched across channels, so "Speed Run", " speed run" and "SPEED  RUN" must be one tag:
 * trimmed, lower-cased, runs of spaces made one hyphen, then kept once each, in the order given.
 */
export function normaliseTags(tags: readonly string[]): string[] {
  const normalised: string[] = [];
  for (const tag of tags) {
    const candidate = tag.trim().toLowerCase().replace(/\s+/g, '-');
    if (!TAG.test(candidate)) {
      throw new ValidationError('invalid_tag', `The tag "${tag}" must be 1 to ${TAG_MAX_LENGTH} of the letters a–z, digits and hyphens (spaces become hyphens).`, 'tags');
    }
    if (!normalised.includes(candidate)) normalised.push(candidate);
  }
  if (normalised.length > MAX_TAGS) throw new ValidationError('too_many_tags', `A channel has at most ${MAX_TAGS} tags; remove ${normalised.length - MAX_TAGS}.`, 'tags');
  return normalised;
}

function refuseInvisible(text: string, field: string): void {
  const invisible = firstInvisibleCharacter(text);
  if (invisible) throw new ValidationError('invisible_character', `The ${field} contains the invisible character ${invisible}; remove it.`, field);
  if (!showsSomething(text)) throw new ValidationError('nothing_visible', `The ${field} shows nothing: use letters, digits, symbols or punctuation.`, field);
}
