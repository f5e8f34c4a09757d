import type { ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { exited, type Children } from './children';

const BENCH_THROTTLES: Record<string, string> = Object.fromEntries(
  ['SIGN_IN_PER_ACCOUNT', 'SIGN_IN_PER_ADDRESS', 'TWO_FACTOR', 'REGISTRATION', 'PASSWORD_RESET', 'REPORTS', 'TICKETS', 'APP_TOKENS', 'FOLLOWS', 'SOCKET_CONNECTIONS', 'CHAT_MESSAGES', 'GATEWAY_REQUESTS'].map((name) => [`THROTTLE_${name}`, '1000000/1m']),
);

const ROOT = resolve(__dirname, '../..');
const ENTRY = join(ROOT, 'dist/apps/platform/src/main.js');
const NEST = join(ROOT, 'node_modules/@nestjs/cli/bin/nest.js');
const READY_TIMEOUT_MS = 120_000;
const KEPT_OUTPUT_LINES = 30;
const COMPLAINT_LEVELS = new Set(['warn', 'error', 'fatal']);

export interface PlatformProcess {
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  /** What the platform logged at warn or above since it started; the run is read with these in mind. */
  complaints(): PlatformComplaints;
}

export interface PlatformComplaints {
  lines: number;
  first: string | null;
}

/** `nest build platform`, what `npm start` runs first; the benchmark measures the build a user runs. */
export async function buildPlatform(children: Children): Promise<void> {
  const build = children.spawn(process.execPath, [NEST, 'build', 'platform'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = collectOutput(build);
  const { code, signal } = await exited(build);
  if (code !== 0) throw new Error(`nest build platform failed (${signal ?? `code ${code}`}):\n${output.join('\n')}`);
}

export interface PlatformEnvironment {
  databaseUrl: string;
  redisUrl: string;
  port: number;
  /** A folder of the benchmark's own, so no `.env` of a developer is read. */
  cwd: string;
  cpuProfileDir: string | null;
}

/** Starts the built platform as a user does (`node dist/…/main.js`) and waits until GET /health answers 200. */
export async function startPlatform(children: Children, environment: PlatformEnvironment): Promise<PlatformProcess> {
  const profiling = environment.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${environment.cpuProfileDir}`] : [];
  const child = children.spawn(process.execPath, [...profiling, ENTRY], {
    cwd: environment.cwd,
    env: {
      ...process.env,
      // The benchmark's clients all come from this machine: the per-address and per-user limits would
      // refuse its own sign-ups and load, and counters of earlier runs must not count against this one.
      ...BENCH_THROTTLES,
      THROTTLE_NAMESPACE: `bench-api-${process.pid}-${Date.now()}`,
      DATABASE_URL: environment.databaseUrl,
      REDIS_URL: environment.redisUrl,
      PORT: String(environment.port),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const complaints: PlatformComplaints = { lines: 0, first: null };
  const output = collectOutput(child, (line) => countComplaint(line, complaints));
  const baseUrl = `http://127.0.0.1:${environment.port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await healthy(baseUrl))) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`The platform exited while starting:\n${output.join('\n')}`);
    if (Date.now() > deadline) throw new Error(`The platform did not answer GET /health with 200 within ${READY_TIMEOUT_MS / 1000} s:\n${output.join('\n')}`);
    await new Promise((done) => setTimeout(done, 250));
  }
  // A platform that dies under load is reported with its last words, not as a wall of refused requests.
  child.once('exit', (code, signal) => {
    if (code !== 0 && signal !== 'SIGTERM') process.stderr.write(`The platform exited with ${signal ?? `code ${code}`}:\n${output.join('\n')}\n`);
  });
  return { child, pid: child.pid!, baseUrl, complaints: () => ({ ...complaints }) };
}

/** LOG_LEVEL=warn leaves only complaints, but a line that is not Glint's JSON (a crash) counts too. */
function countComplaint(line: string, complaints: PlatformComplaints): void {
  let level: unknown;
  try {
    level = (JSON.parse(line) as { level?: unknown }).level;
  } catch {
    level = 'error';
  }
  if (typeof level !== 'string' || !COMPLAINT_LEVELS.has(level)) return;
  complaints.lines++;
  complaints.first ??= line.slice(0, 300);
}

async function healthy(baseUrl: string): Promise<boolean> {
  try {
    return (await fetch(`${baseUrl}/health`)).status === 200;
  } catch {
    return false;
  }
}

/** The last lines a process wrote, to show when it fails; `onLine` sees every line. */
function collectOutput(child: ChildProcess, onLine: (line: string) => void = () => undefined): string[] {
  const lines: string[] = [];
  const keep = (line: string) => {
    if (line.trim() === '') return;
    onLine(line);
    lines.push(line);
    if (lines.length > KEPT_OUTPUT_LINES) lines.shift();
  };
  for (const stream of [child.stdout, child.stderr]) if (stream) createInterface({ input: stream }).on('line', keep);
  return lines;
}
