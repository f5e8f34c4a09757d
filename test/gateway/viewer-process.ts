import { until } from '@glint/testing';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

const REPO_ROOT = join(__dirname, '..', '..');

/** slow-viewer-process.ts running as a child process, which the test can freeze and kill. */
export class ViewerProcess {
  private receiving = false;
  private said = '';

  private constructor(private readonly child: ChildProcessByStdio<null, Readable, Readable>) {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.said += chunk;
      if (/^receiving$/m.test(this.said)) this.receiving = true;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.said += chunk));
  }

  /** Starts the viewer and waits until it is receiving the stream. */
  static async watch(whepUrl: string): Promise<ViewerProcess> {
    // Node itself, not npx, so the pid signalled is the viewer's own.
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'slow-viewer-process.ts'), whepUrl], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const viewer = new ViewerProcess(child);
    try {
      await until('the viewer process to receive packets', () => viewer.receiving || child.exitCode !== null, { explain: () => `The viewer process said:\n${viewer.said}` });
      if (!viewer.receiving) throw new Error(`The viewer process exited with ${child.exitCode}:\n${viewer.said}`);
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
    await until('the viewer process to stop', () => this.state() === 'T');
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  async killed(): Promise<void> {
    this.kill();
    await until('the viewer process to die', () => this.child.signalCode !== null || this.child.exitCode !== null);
  }

  /** The process state letter from /proc: `T` once stopped. */
  private state(): string {
    const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  }
}
