/** The categories a channel can be listed under; subcategories are free text within them. */
export const CATEGORIES = ['gaming', 'art', 'music', 'tech', 'irl', 'education'] as const;
export type Category = (typeof CATEGORIES)[number];

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}
