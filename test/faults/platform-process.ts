import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from '@glint/database';
import { collectLines, until } from '@glint/testing';

const ROOT = join(__dirname, '../..');

/**
 * Scenarios act far faster than people: the throttles they would trip are set out of reach, as the
 * kit's in-process platform sets them.
 */
const THROTTLES_OUT_OF_REACH: Record<string, string> = Object.fromEntries(
  ['SIGN_IN_PER_ACCOUNT', 'SIGN_IN_PER_ADDRESS', 'REGISTRATION', 'CHAT_MESSAGES', 'SOCKET_CONNECTIONS'].map((name) => [`THROTTLE_${name}`, '1000000/1m']),
);

/** A platform process the test can kill or let run: its output kept line by line, its exit recorded. */
export interface PlatformProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  stdout: string[];
  stderr: string[];
  exit: { code: number | null; signal: NodeJS.Signals | null } | null;
}

/**
 * The platform's own entry (apps/platform/src/main.ts) in a child process, compiled on the fly as
 * `npm run cli` runs the CLI, on the database and Redis given; answers once it serves HTTP.
 */
export async function startPlatformProcess(env: { DATABASE_URL: string; REDIS_URL: string } & Record<string, string>): Promise<PlatformProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', require.resolve('ts-node/register/transpile-only'), '-r', require.resolve('tsconfig-paths/register'), join(ROOT, 'apps/platform/src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
      PORT: String(port),
      EVENT_STORE: 'postgres',
      LOG_LEVEL: 'info',
      GATEWAY_UDP_PORT: String(await freePort()),
      GATEWAY_UDP_BIND: '127.0.0.1',
      ...THROTTLES_OUT_OF_REACH,
      THROTTLE_NAMESPACE: `faults_${port}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const platform: PlatformProcess = { child, port, baseUrl: `http://127.0.0.1:${port}`, stdout: [], stderr: [], exit: null };
  child.once('close', (code, signal) => (platform.exit = { code, signal }));
  collectLines(child.stdout, platform.stdout);
  collectLines(child.stderr, platform.stderr);
  await until(
    'the platform process to answer HTTP',
    async () => {
      if (platform.exit) throw new Error(`The platform did not start:\n${printed(platform)}`);
      return fetch(`${platform.baseUrl}/health`).then(
        () => true,
        () => false,
      );
    },
    { timeoutMs: 180_000, explain: () => printed(platform) },
  );
  return platform;
}

/** SIGTERM and a wait for the exit; a process already gone is left as it is. */
export async function stopPlatformProcess(platform: PlatformProcess | undefined): Promise<void> {
  if (!platform || platform.exit) return;
  platform.child.kill('SIGTERM');
  await until('the platform process to exit', () => platform.exit, { timeoutMs: 20_000, explain: () => printed(platform) }).catch(() => platform.child.kill('SIGKILL'));
}

export function killed(platform: PlatformProcess): Promise<NonNullable<PlatformProcess['exit']>> {
  platform.child.kill('SIGKILL');
  return until('the killed platform process to end', () => platform.exit);
}

/** The JSON lines the platform logged, errors (on stderr) and the rest (on stdout). */
export function logLines(platform: PlatformProcess): Array<Record<string, any>> {
  return [...platform.stdout, ...platform.stderr].filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, any>);
}

export function printed(platform: PlatformProcess): string {
  return `${platform.stdout.slice(-60).join('\n')}\n${platform.stderr.slice(-60).join('\n')}`;
}

/**
 * Every consumer's lag from GET /health, once the platform reports itself healthy: a consumer this
 * process no longer runs (its lock never taken back) stays behind the head of the log.
 */
export async function consumersBehind(platform: PlatformProcess): Promise<Record<string, number> | null> {
  const response = await fetch(`${platform.baseUrl}/health`).catch(() => null);
  if (response?.status !== 200) return null;
  const body = (await response.json()) as { details: { projections: { lag: Record<string, { eventsBehind: number }> } } };
  return Object.fromEntries(Object.entries(body.details.projections.lag).map(([name, lag]) => [name, lag.eventsBehind]));
}
