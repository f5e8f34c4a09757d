/** A structured log entry; `event` reads `Component.Action.Outcome`. */
export interface ProjectionLogEntry {
  event: string;
  /** The projection or reactor the entry is about. */
  consumer?: string;
  [field: string]: unknown;
}

/** What the engine logs through; Nest's `Logger` fits it, so the platform passes its own. */
export interface ProjectionEngineLogger {
  log(entry: ProjectionLogEntry): void;
  error(entry: ProjectionLogEntry): void;
}

/** JSON lines on stderr, for when nobody passes a logger: a stalled projection must never be silent. */
export const jsonStderrLogger: ProjectionEngineLogger = {
  log: (entry) => process.stderr.write(`${JSON.stringify({ level: 'info', ...entry })}\n`),
  error: (entry) => process.stderr.write(`${JSON.stringify({ level: 'error', ...entry })}\n`),
};

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
