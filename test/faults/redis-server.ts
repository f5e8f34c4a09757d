import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { until } from '@glint/testing';

/** A redis-server of the test's own, without persistence, stopped and started again on its port. */
export class RedisServer {
  private child: ChildProcessByStdio<null, Readable, Readable> | null = null;
  private said = '';

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (this.said += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.said += chunk));
    await until('Redis to accept connections', () => /Ready to accept connections/.test(this.said) || child.exitCode !== null, { explain: () => this.said });
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}:\n${this.said}`);
  }

  /** Ends the server and every connection to it, as a restart by an operator does. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.child = null;
    this.said = '';
    child.kill('SIGTERM');
    await until('Redis to stop', () => child.exitCode !== null || child.signalCode !== null);
  }
}
