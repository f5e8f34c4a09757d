import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { embeddedPostgresUrl } from '@glint/database';
import { until } from '@glint/testing';

const REPO_ROOT = join(__dirname, '..', '..');

/** postgres-server-process.ts as a child: a PostgreSQL the test alone uses, stopped and started at will. */
export class PostgresServer {
  private child: ChildProcessByStdio<null, Readable, Readable> | null = null;
  private said = '';

  constructor(
    private readonly dataDir: string,
    readonly port: number,
  ) {}

  /** The `postgres` database of this server. */
  get url(): string {
    return embeddedPostgresUrl(this.port);
  }

  async start(): Promise<void> {
    // Node itself, not npx, so the pid signalled is the server's keeper's own.
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'postgres-server-process.ts'), this.dataDir, String(this.port)], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let ready = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.said += chunk;
      if (/^ready$/m.test(this.said)) ready = true;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.said += chunk));
    await until('PostgreSQL to accept connections', () => ready || child.exitCode !== null, { timeoutMs: 60_000, explain: () => this.said });
    if (!ready) throw new Error(`PostgreSQL exited with ${child.exitCode}:\n${this.said}`);
  }

  /** A fast shutdown: PostgreSQL ends every session, as a restart by an operator does. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    this.child = null;
    child.kill('SIGTERM');
    await until('PostgreSQL to stop', () => child.exitCode !== null, { timeoutMs: 30_000, explain: () => this.said });
  }
}
