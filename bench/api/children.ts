import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';

const STOP_GRACE_MS = 15_000;

/**
 * Every process the benchmark starts, so each is stopped on the way out: at the end, on a failure
 * and on Ctrl-C. A process that ignores SIGTERM for 15 s is killed.
 */
export class Children {
  private readonly running = new Set<ChildProcess>();

  constructor() {
    // Last resort when the benchmark itself dies: no server keeps holding its port.
    process.once('exit', () => {
      for (const child of this.running) child.kill('SIGKILL');
    });
  }

  spawn(command: string, args: string[], options: SpawnOptions): ChildProcess {
    const child = spawn(command, args, options);
    this.running.add(child);
    child.once('exit', () => this.running.delete(child));
    return child;
  }

  /**
   * A TypeScript file of the benchmark in a process of its own, given its settings as JSON in argv.
   * stdin stays open as a lifeline: a server child exits when it closes.
   */
  spawnScript(script: string, settings: unknown): ChildProcess {
    return this.spawn(process.execPath, [...process.execArgv, script, JSON.stringify(settings)], { stdio: ['pipe', 'pipe', 'inherit'] });
  }

  /** Runs a script to its end and returns the JSON object it printed last on stdout. */
  async run<Result>(script: string, settings: unknown): Promise<Result> {
    const child = this.spawnScript(script, settings);
    let last = '';
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.trim() !== '') last = line;
    });
    const { code, signal } = await exited(child);
    if (code !== 0) throw new Error(`${script} exited with ${signal ?? `code ${code}`}`);
    return JSON.parse(last) as Result;
  }

  /** Starts a server script and waits for the first line it prints: `{"port": …}` once it listens. */
  async startServer(script: string, settings: unknown): Promise<{ child: ChildProcess; port: number }> {
    const child = this.spawnScript(script, settings);
    const port = await new Promise<number>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
      child.once('exit', (code, signal) => reject(new Error(`${script} exited with ${signal ?? `code ${code}`} before it listened`)));
    });
    return { child, port };
  }

  async stop(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const done = exited(child);
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await done;
    clearTimeout(timer);
  }

  /** Stops the newest first: load before the servers it drives, servers before their database. */
  async stopAll(): Promise<void> {
    for (const child of [...this.running].reverse()) await this.stop(child);
  }
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}
