import { Client } from 'pg';

export interface StatementCount {
  /** The text of every statement sent so far, in order. */
  readonly statements: string[];
  /** Stops counting. */
  restore(): void;
}

/**
 * Counts the statements this process sends on connections whose application name is
 * `applicationName` (give the engine a database URL with `?application_name=…`): every `pg`
 * connection, the pool's too, queries through `Client.prototype.query`.
 */
export function countStatements(applicationName: string): StatementCount {
  const statements: string[] = [];
  const query = Client.prototype.query;
  Client.prototype.query = function (this: Client & { connectionParameters: { application_name?: string } }, ...args: unknown[]) {
    if (this.connectionParameters.application_name === applicationName) {
      const [first] = args;
      statements.push(typeof first === 'string' ? first : (first as { text: string }).text);
    }
    return (query as (...given: unknown[]) => unknown).apply(this, args);
  } as typeof Client.prototype.query;
  return {
    statements,
    restore: () => {
      Client.prototype.query = query;
    },
  };
}

/** The database URL with the application name its connections show (and are counted by). */
export function withApplicationName(databaseUrl: string, applicationName: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', applicationName);
  return url.toString();
}
