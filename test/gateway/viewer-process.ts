import { until } from '@glint/testing';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

const REPO_ROOT = join(__dirname, '..', '..');

/** slow-viewer-process.ts running as a child process, which the test can freeze and kill. */
export class ViewerProcess {
  packets = 0;
  private output = '';

  private constructor(private readonly child: ChildProcessByStdio<null, Readable, Readable>) {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (this.output + chunk).split('\n');
      this.output = lines.pop() ?? '';
      for (const line of lines) this.packets = (JSON.parse(line) as { packets: number }).packets;
    });
  }

  /** Starts the viewer and waits until it is receiving the stream. */
  static async watch(whepUrl: string): Promise<ViewerProcess> {
    // Node itself, not npx, so the pid signalled is the viewer's own.
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'slow-viewer-process.ts'), whepUrl], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const viewer = new ViewerProcess(child);
    let errors = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    try {
      await until('the viewer process to receive packets', () => viewer.packets > 0 || child.exitCode !== null, { timeoutMs: 20_000 });
      if (child.exitCode !== null) throw new Error(`The viewer process exited with ${child.exitCode}: ${errors}`);
    } catch (error) {
      viewer.kill();
      throw error;
    }
    return viewer;
  }

  get pid(): number {
    return this.child.pid as number;
  }

  /** Stops the process dead, as a player whose machine hangs: it reads nothing more, and answers nothing. */
  async freeze(): Promise<void> {
    this.child.kill('SIGSTOP');
    await until('the viewer process to stop', () => this.state() === 'T', { timeoutMs: 2_000 });
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  async killed(): Promise<void> {
    this.kill();
    await until('the viewer process to die', () => this.child.signalCode !== null || this.child.exitCode !== null, { timeoutMs: 5_000 });
  }

  /** The process state letter from /proc: `T` once stopped. */
  private state(): string {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  }
}
