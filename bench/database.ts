import { Client } from 'pg';

/** URL of another database on the same server. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withClient<T>(connectionString: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TransactionCounts {
  commits: number;
  rollbacks: number;
}

/** Committed and rolled-back transactions of one database so far (flushed when its sessions end). */
export async function transactionCounts(admin: Client, database: string): Promise<TransactionCounts> {
  await admin.query('SELECT pg_stat_clear_snapshot()');
  const { rows } = await admin.query<{ commits: string; rollbacks: string }>(
    'SELECT xact_commit AS commits, xact_rollback AS rollbacks FROM pg_stat_database WHERE datname = $1',
    [database],
  );
  return { commits: Number(rows[0]?.commits ?? 0), rollbacks: Number(rows[0]?.rollbacks ?? 0) };
}

/** The statements a database spent its server time in since the last reset (needs pg_stat_statements). */
export async function topStatements(admin: Client, database: string, limit = 8): Promise<string[]> {
  const { rows } = await admin.query<{ calls: string; total_ms: number; mean_ms: number; rows: string; query: string; toplevel: boolean; read_ms: number }>(
    `SELECT s.calls, s.total_exec_time AS total_ms, s.mean_exec_time AS mean_ms, s.rows, s.query, s.toplevel,
            s.shared_blk_read_time AS read_ms
       FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
      WHERE d.datname = $1
      ORDER BY s.total_exec_time DESC
      LIMIT $2`,
    [database, limit],
  );
  const { rows: totals } = await admin.query<{ total_ms: number | null }>(
    'SELECT sum(s.total_exec_time) AS total_ms FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = $1 AND s.toplevel',
    [database],
  );
  const lines = [
    `    server execution time of top-level statements: ${Math.round(Number(totals[0]?.total_ms ?? 0)).toLocaleString('en-US')} ms ("in fn": run inside a function, part of its caller's time)`,
  ];
  for (const row of rows) {
    const query = row.query.replace(/\s+/g, ' ').trim().slice(0, 150);
    lines.push(
      `    ${Math.round(row.total_ms).toLocaleString('en-US').padStart(9)} ms  ${Number(row.calls).toLocaleString('en-US').padStart(9)} calls  ${row.mean_ms.toFixed(3).padStart(8)} ms/call  ${Number(row.rows).toLocaleString('en-US').padStart(10)} rows  ${Math.round(row.read_ms).toLocaleString('en-US').padStart(6)} ms disk read  ${row.toplevel ? '     ' : 'in fn'}  ${query}`,
    );
  }
  return lines;
}
