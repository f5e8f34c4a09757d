/**
 * The roles every route and WebSocket action is tried with, in the order of a table's columns.
 *
 * - `otherChannelModerator`: a moderator of another channel, holding every permission there.
 * - `moderatorWithout`: a moderator of this channel holding every permission but the one the route
 *   turns on (for a route no permission turns on: every permission but `edit`).
 * - `moderatorWith`: a moderator of this channel holding every permission.
 * - `appPublic`: a developer app's token with the `public` scope only.
 * - `appWithoutPublic`: an app token holding every other scope (`email`, `chat`, `follow`,
 *   `stream_info`, `streamkey`) but not `public`: no scope may open a person's routes to an app.
 */
export const ROLES = [
  'anonymous',
  'user',
  'otherChannelModerator',
  'moderatorWithout',
  'moderatorWith',
  'owner',
  'support',
  'analyst',
  'admin',
  'appPublic',
  'appWithoutPublic',
] as const;
export type Role = (typeof ROLES)[number];

/** One expected answer per role, in the order of `ROLES`. */
export type Answers<Answer> = readonly [Answer, Answer, Answer, Answer, Answer, Answer, Answer, Answer, Answer, Answer, Answer];

/** A table: per route, the answer each role gets. */
export type Table<Route extends string, Answer> = Partial<Record<Route, Answers<Answer>>>;

/** A table as `it.each` rows: `[route, role, expected]`, one per cell, route by route. */
export function cells<Route extends string, Answer>(table: Table<Route, Answer>): Array<[Route, Role, Answer]> {
  return (Object.entries(table) as Array<[Route, Answers<Answer>]>).flatMap(([route, answers]) => ROLES.map((role, column): [Route, Role, Answer] => [route, role, answers[column]]));
}

/**
 * The callers platform sanctions stand on, in the order of a sanctions table's columns: whatever
 * their role, a sanction decides their answer on the routes it reaches.
 *
 * - `banned`: a user banned from Glint, sending the session token they had (the ban ended it).
 * - `suspended`: a channel owner suspended from streaming, still signed in.
 * - `appOfBanned`: a token a banned user's app was issued before the ban.
 * - `appOfDeleted`: a token an app was issued before its owner deleted their account.
 */
export const SANCTIONED_ROLES = ['banned', 'suspended', 'appOfBanned', 'appOfDeleted'] as const;
export type SanctionedRole = (typeof SANCTIONED_ROLES)[number];

/** One expected answer per sanctioned caller, in the order of `SANCTIONED_ROLES`. */
export type SanctionedAnswers<Answer> = readonly [Answer, Answer, Answer, Answer];

export type SanctionedTable<Route extends string, Answer> = Partial<Record<Route, SanctionedAnswers<Answer>>>;

/** A sanctions table as `it.each` rows: `[route, role, expected]`, one per cell, route by route. */
export function sanctionedCells<Route extends string, Answer>(table: SanctionedTable<Route, Answer>): Array<[Route, SanctionedRole, Answer]> {
  return (Object.entries(table) as Array<[Route, SanctionedAnswers<Answer>]>).flatMap(([route, answers]) =>
    SANCTIONED_ROLES.map((role, column): [Route, SanctionedRole, Answer] => [route, role, answers[column]]),
  );
}
