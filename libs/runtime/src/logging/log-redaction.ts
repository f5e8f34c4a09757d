const REDACTED = '[redacted]';

/**
 * What no log line may carry, whatever wrote it, and what takes its place: the last safeguard
 * behind the places that log (the request log, the error filters, the socket errors), which leave
 * these out themselves. The patterns work on the JSON text of a line: every replacement is plain
 * text, so the line stays valid JSON.
 */
const SECRETS: ReadonlyArray<readonly [RegExp, string]> = [
  // Session, app and client-secret tokens say what they are by their prefix.
  [/\b(gls|gla|glcs)_[A-Za-z0-9_-]{16,}/g, `$1_${REDACTED}`],
  // A stream key is the channel's id, a dash and 64 random characters.
  [/\b([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-[0-9A-Za-z]{32,}/g, `$1-${REDACTED}`],
  [/\b(Bearer\s+)[^\s"'\\]+/gi, `$1${REDACTED}`],
  // A WHIP or WHEP session's URL is what allows ending the session (a route's `:sessionId` stays).
  [/(\/(?:whip|whep)\/[^/\s"'\\?]+\/sessions\/)[^/\s"'\\?:][^/\s"'\\?]*/gi, `$1${REDACTED}`],
  // Links that carry a token (a confirmation, a reset) and any secret-looking query parameter.
  [/([?&](?:token|code|secret|key|password|client_secret|access_token)=)[^&\s"'\\]+/gi, `$1${REDACTED}`],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, '[e-mail]'],
];

/** A statement the query builder wrote into an error message, with its values filled in. */
const SQL_STATEMENT = /\b(?:select\b[^]*\bfrom|insert\s+into|update\b[^]*\bset|delete\s+from)\b/i;
/** A quoted SQL literal inside the JSON text of a line; it never runs past the end of the JSON string it sits in. */
const SQL_LITERAL = /'(?:[^'"\\]|\\.)*'/g;

/** The line with every secret, address and SQL value replaced. */
export function redactedLogLine(line: string): string {
  let redacted = line;
  for (const [pattern, replacement] of SECRETS) redacted = redacted.replace(pattern, replacement);
  return SQL_STATEMENT.test(redacted) ? redacted.replace(SQL_LITERAL, `'${REDACTED}'`) : redacted;
}
