import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runCli } from '@glint/cli-app';

const REPOSITORY = join(__dirname, '../../../..');

/** `npm run cli` in a child process, as an operator runs it: proves the wiring from the npm script on. */
export function runCliProcess(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // --silent keeps npm's own lines out of the output the tests read.
    const child = spawn('npm', ['run', '--silent', 'cli', '--', ...args], { cwd: REPOSITORY, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The same command in this process: the spawned run proves the wiring, this the rules, faster. */
export async function runCliHere(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const collected = { stdout: '', stderr: '' };
  const sink = (name: 'stdout' | 'stderr') =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        collected[name] += chunk.toString();
        done();
      },
    });
  const code = await runCli(args, env, { stdout: sink('stdout'), stderr: sink('stderr') });
  return { code, ...collected };
}

export const lines = (text: string): string[] => text.trimEnd().split('\n');
export const lastLine = (text: string): string | undefined => lines(text).at(-1);
