/**
 * An error as it may be logged: its kind, its message and where it was thrown, never the values a
 * database error carries. A PostgreSQL error's message names values ("invalid input syntax for
 * type uuid: …"), its detail quotes rows ("Key (email)=(…) already exists"), and the query
 * builder puts the whole statement, values filled in, before it; of those only the SQLSTATE code
 * and the routine are kept, which say what went wrong without saying to what.
 */
export function loggableError(error: unknown): string {
  if (!(error instanceof Error)) return `a thrown ${error === null ? 'null' : typeof error}`;
  const frames = stackFrames(error);
  const database = databaseErrorOf(error);
  const head = database ? `${error.name}: database error ${database.code}${database.routine ? ` in ${database.routine}` : ''}` : `${error.name}: ${error.message}`;
  return frames ? `${head}\n${frames}` : head;
}

function databaseErrorOf(error: Error): { code: string; routine?: string } | null {
  const { code, severity, routine } = error as { code?: unknown; severity?: unknown; routine?: unknown };
  // PostgreSQL's errors, and the query builder's copies of them, carry a severity beside the SQLSTATE.
  if (typeof code !== 'string' || typeof severity !== 'string') return null;
  return { code, ...(typeof routine === 'string' ? { routine } : {}) };
}

/** Only the `at …` lines: V8 starts a stack with the message, which may span lines. */
function stackFrames(error: Error): string {
  return (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
}
