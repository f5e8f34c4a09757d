import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { freePort, rootDataDirFor } from '@glint/database';
import { collectLines, until } from '@glint/testing';
import { createTestDatabase, type TestDatabase } from '@glint/testing/database';

/**
 * The platform as a user runs it: built by `nest build platform` (what `npm start` does), started
 * with `node`, talked to over HTTP, read through its JSON log lines and its exit codes.
 */
const ROOT = resolve(__dirname, '..');
const ENTRY = join(ROOT, 'dist/apps/platform/src/main.js');
const NEST = require.resolve('@nestjs/cli/bin/nest.js');

interface Launched {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  /** How the process ended; null while it runs. */
  exit: { code: number | null; signal: NodeJS.Signals | null } | null;
}

interface RunningPlatform extends Launched {
  port: number;
  env: Record<string, string>;
}

/** Runs in a scratch folder of its own, so no `.env` and no `./.data` of a developer are touched. */
const scratch = mkdtempSync(join(tmpdir(), 'glint-platform-e2e-'));
let database: TestDatabase;
const running = new Set<RunningPlatform>();

beforeAll(async () => {
  const build = launch(process.execPath, [NEST, 'build', 'platform'], { cwd: ROOT, env: process.env });
  const [{ code }, db] = await Promise.all([exitOf(build, 110_000), createTestDatabase()]);
  database = db;
  if (code !== 0) throw new Error(`nest build platform failed:\n${build.stdout.join('\n')}\n${build.stderr.join('\n')}`);
}, 120_000);

afterAll(async () => {
  await Promise.all([...running].map((platform) => stop(platform)));
  await database?.drop();
  rmSync(scratch, { recursive: true, force: true });
});

describe('a platform on a test database, from start to stop', () => {
  // Redis is reached through a link the test can cut, to see /health report an outage.
  let redis: RedisLink;
  let platform: RunningPlatform;
  const health = async () => {
    const response = await fetch(`http://127.0.0.1:${platform.port}/health`);
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    redis = await redisLink();
    platform = await start({ DATABASE_URL: database.url, REDIS_URL: `redis://127.0.0.1:${redis.port}` });
  }, 60_000);

  afterAll(() => redis?.close());

  it('serves GET /health with status ok: database, Redis, event store and each projection lag', async () => {
    const { status, body } = await health();

    expect(status).toBe(200);
    expect(JSON.stringify(body)).toContain('"status":"ok"');
    expect(body.details).toMatchObject({
      database: { status: 'up' },
      redis: { status: 'up', reply: 'PONG' },
      eventStore: { status: 'up', headPosition: expect.any(Number), oldestOpenTransactionSeconds: expect.any(Number), appendBlockedSeconds: expect.any(Number) },
      projections: {
        status: 'up',
        lag: { account_history: { checkpoint: expect.any(Number), headPosition: expect.any(Number), eventsBehind: expect.any(Number), secondsBehind: expect.any(Number) } },
      },
    });
  });

  it('says in its start line the address it listens on: this machine alone unless HOST says otherwise', async () => {
    expect(logLines(platform).map((entry) => entry.message)).toContain(`Glint is listening on http://127.0.0.1:${platform.port} (GET /health, GET /metrics)`);
  });

  it('echoes the caller’s x-correlation-id and logs the request with it, as one JSON object per line', async () => {
    const correlationId = `e2e-${Date.now()}`;

    const response = await fetch(`http://127.0.0.1:${platform.port}/health?probe=1`, { headers: { 'x-correlation-id': correlationId } });
    expect(response.headers.get('x-correlation-id')).toBe(correlationId);

    const line = await until('the request’s log line', () => logLines(platform).find((entry) => entry.correlationId === correlationId), { explain: () => printed(platform) });
    expect(line).toMatchObject({ level: 'info', context: 'Http', message: expect.stringMatching(/^GET \/health 200 \d+\.\dms$/) });
    expect(new Date(line.time).toISOString()).toBe(line.time);
    for (const text of platform.stdout.filter((text) => text.trim() !== '')) expect(() => JSON.parse(text)).not.toThrow();
  });

  it('answers an unknown route with a problem-details 404 that carries the correlation id', async () => {
    const response = await fetch(`http://127.0.0.1:${platform.port}/api/nothing-here?token=secret`, { headers: { 'x-correlation-id': 'e2e-missing-route' } });

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({
      type: 'urn:glint:problem:not_found',
      title: 'Not found',
      status: 404,
      error: 'not_found',
      instance: '/api/nothing-here',
      correlationId: 'e2e-missing-route',
    });
  });

  it('serves the OpenAPI document and its browsable UI at /api/docs', async () => {
    const document = await fetch(`http://127.0.0.1:${platform.port}/api/docs-json`);
    expect(document.status).toBe(200);
    expect(await document.json()).toMatchObject({ openapi: expect.stringMatching(/^3\./), info: { title: 'Glint' }, paths: { '/health': expect.any(Object) } });

    const page = await fetch(`http://127.0.0.1:${platform.port}/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger');
  });

  it('makes a correlation id for a request that brings none, and refuses one that could forge log lines', async () => {
    const plain = await fetch(`http://127.0.0.1:${platform.port}/health`);
    const forged = await fetch(`http://127.0.0.1:${platform.port}/health`, { headers: { 'x-correlation-id': 'a"b}{"level":"fatal' } });

    expect(plain.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(forged.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 503 naming Redis while Redis is away, and status ok again once it is back', async () => {
    await redis.cut();
    const outage = await health();
    expect(outage.status).toBe(503);
    expect(outage.body).toMatchObject({ status: 'error', error: { redis: { status: 'down' } }, info: { database: { status: 'up' } } });

    await redis.restore();
    await until('status ok once Redis is back', async () => (await health()).status === 200, { explain: () => printed(platform) });
  });

  it('stops cleanly on SIGTERM: projections, event store and connections closed in order, exit code 0', async () => {
    const errorsBefore = platform.stderr.length;
    platform.child.kill('SIGTERM');

    expect(await exitOf(platform)).toEqual({ code: 0, signal: null });
    expect(logLines(platform).at(-1)).toMatchObject({ context: 'Platform', message: 'Glint stopped (exit code 0)' });
    expect(platform.stderr.slice(errorsBefore)).toEqual([]);
  });
});

describe('a platform that cannot start', () => {
  it('refuses bad configuration with one message naming each variable and what it allows', async () => {
    const platform = launchPlatform(await freePort(), { DATABASE_URL: database.url, PORT: 'abc', EVENT_STORE: 'mongo' });
    const { code } = await exitOf(platform);

    expect(code).toBe(1);
    expect(platform.stdout.join('')).toBe('');
    expect(platform.stderr).toEqual([
      'Glint cannot start: PORT must be a TCP port, a whole number from 1 to 65535 (got "abc"); ' +
        'EVENT_STORE must be one of postgres, eventstoredb (got "mongo"). Fix the environment (or .env) and start again.',
    ]);
  });

  it('refuses a listen address that is not an IP address of this machine, naming HOST', async () => {
    const named = launchPlatform(await freePort(), { DATABASE_URL: database.url, HOST: 'localhost' });
    expect((await exitOf(named)).code).toBe(1);
    expect(named.stderr).toEqual([expect.stringContaining('HOST must be the IP address to listen on, such as 127.0.0.1 (this machine only) or 0.0.0.0 (every interface) (got "localhost")')]);

    const elsewhere = launchPlatform(await freePort(), { DATABASE_URL: database.url, HOST: '192.0.2.254' });
    expect((await exitOf(elsewhere, 30_000)).code).toBe(1);
    expect(elsewhere.stderr.join('\n')).toContain('HOST 192.0.2.254 is not an address of this machine — set HOST to one of its addresses, or 0.0.0.0 for every interface.');
  });

  it('exits with one line saying so when Redis is not reachable', async () => {
    const closedPort = await freePort();
    const platform = launchPlatform(await freePort(), { DATABASE_URL: database.url, REDIS_URL: `redis://127.0.0.1:${closedPort}` });
    const { code } = await exitOf(platform);

    expect(code).toBe(1);
    expect(platform.stdout.join('')).toBe('');
    expect(platform.stderr).toEqual([`Redis is not reachable at redis://127.0.0.1:${closedPort} — start it or set REDIS_URL.`]);
  });
});

describe('a platform without DATABASE_URL', () => {
  it('runs on its own embedded PostgreSQL, and keeps the data for the next start', async () => {
    const dataDir = join(tmpdir(), `glint-e2e-embedded-${process.pid}-${Date.now()}`);
    const embedded = { DATABASE_URL: '', EMBEDDED_POSTGRES_DATA_DIR: dataDir, EMBEDDED_POSTGRES_PORT: String(await freePort()) };
    try {
      const first = await start(embedded);
      expect((await fetch(`http://127.0.0.1:${first.port}/health`)).status).toBe(200);
      await stop(first);
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);

      const second = await start(embedded);
      expect((await fetch(`http://127.0.0.1:${second.port}/health`)).status).toBe(200);
      expect(logLines(second).map((entry) => entry.message)).toContain(
        `PostgreSQL at postgres://postgres:***@127.0.0.1:${embedded.EMBEDDED_POSTGRES_PORT}/glint is ready (0 migration(s) applied now)`,
      );
    } finally {
      await Promise.all([...running].map((platform) => stop(platform)));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a platform without DATABASE_URL, from a checkout inside a private (0700) folder', () => {
  // As root, PostgreSQL runs as the postgres system user, which cannot pass a folder such as this one.
  const asRoot = process.getuid?.() === 0;
  let privateFolder: string;
  let checkout: string;
  let modesBefore: Map<string, number>;

  beforeAll(() => {
    privateFolder = mkdtempSync(join(tmpdir(), 'glint-private-'));
    checkout = join(privateFolder, 'glint');
    mkdirSync(checkout);
    // The built platform and its packages as a checkout holds them; node_modules hard-linked, not copied.
    cpSync(join(ROOT, 'dist'), join(checkout, 'dist'), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(checkout, 'package.json'));
    execFileSync('cp', ['-al', join(ROOT, 'node_modules'), join(checkout, 'node_modules')]);
    modesBefore = foldersModes(join(checkout, 'node_modules'));
  }, 60_000);

  afterAll(() => rmSync(privateFolder, { recursive: true, force: true }));

  it('runs, keeps the default data where PostgreSQL can reach it, and opens no folder', async () => {
    expect(statSync(privateFolder).mode & 0o777).toBe(0o700);
    const defaultDataDir = join(checkout, '.data', 'postgres');
    const dataDir = asRoot ? rootDataDirFor(defaultDataDir) : defaultDataDir;
    try {
      const platform = await start({ DATABASE_URL: '', EMBEDDED_POSTGRES_DATA_DIR: '', EMBEDDED_POSTGRES_PORT: String(await freePort()) }, checkout);
      expect((await fetch(`http://127.0.0.1:${platform.port}/health`)).status).toBe(200);
      expect(logLines(platform).map((entry) => entry.message)).toContain(
        `DATABASE_URL is not set: starting the embedded PostgreSQL on port ${platform.env.EMBEDDED_POSTGRES_PORT} with data in ${dataDir}`,
      );
      await stop(platform);

      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
      expect(foldersModes(join(checkout, 'node_modules'))).toEqual(modesBefore);
    } finally {
      await Promise.all([...running].map((platform) => stop(platform)));
      rmSync(asRoot ? dirname(dataDir) : dataDir, { recursive: true, force: true });
    }
  });

  it('stops with one line when EMBEDDED_POSTGRES_DATA_DIR is set to a folder the postgres user cannot reach', async () => {
    const chosen = join(privateFolder, 'postgres-data');
    const platform = launchPlatform(await freePort(), { DATABASE_URL: '', EMBEDDED_POSTGRES_DATA_DIR: chosen, EMBEDDED_POSTGRES_PORT: String(await freePort()) }, checkout);
    try {
      if (asRoot) {
        const { code } = await exitOf(platform);
        expect(code).toBe(1);
        expect(platform.stderr).toEqual([
          `EMBEDDED_POSTGRES_DATA_DIR ${chosen} is out of reach of the postgres user the embedded PostgreSQL runs as under root (${privateFolder} lets no other user pass) — ` +
            'set EMBEDDED_POSTGRES_DATA_DIR to a folder the postgres user can reach, or set DATABASE_URL.',
        ]);
        expect(existsSync(chosen)).toBe(false);
      } else {
        // A user of their own runs PostgreSQL as themselves: their own private folder is theirs to use.
        await until('the platform to answer HTTP', () => fetch(`http://127.0.0.1:${platform.port}/health`).then((response) => response.ok, () => false), {
          timeoutMs: 30_000,
          explain: () => printed(platform),
        });
        expect(existsSync(join(chosen, 'PG_VERSION'))).toBe(true);
      }
      expect(foldersModes(join(checkout, 'node_modules'))).toEqual(modesBefore);
    } finally {
      await stop(platform);
    }
  });
});

/** The mode of `folder` and of every folder above it, to show that none was opened. */
function foldersModes(folder: string): Map<string, number> {
  const modes = new Map<string, number>();
  for (let current = folder; ; current = dirname(current)) {
    modes.set(current, statSync(current).mode & 0o7777);
    if (dirname(current) === current) return modes;
  }
}

/** Starts the built platform on a free port and waits until it answers HTTP. */
async function start(env: Record<string, string>, cwd = scratch): Promise<RunningPlatform> {
  const platform = launchPlatform(await freePort(), env, cwd);
  await until(
    'the platform to answer HTTP',
    async () => {
      if (platform.exit) throw new Error(`the platform did not start:\n${printed(platform)}`);
      return fetch(`http://127.0.0.1:${platform.port}/health`).then(
        () => true,
        () => false,
      );
    },
    { timeoutMs: 30_000, explain: () => printed(platform) },
  );
  return platform;
}

/** The built platform run from `cwd`: the scratch folder, or a checkout of its own whose build it runs. */
function launchPlatform(port: number, env: Record<string, string>, cwd = scratch): RunningPlatform {
  const entry = cwd === scratch ? ENTRY : join(cwd, 'dist/apps/platform/src/main.js');
  const launched = launch(process.execPath, [entry], {
    cwd,
    env: { ...process.env, PORT: String(port), EVENT_STORE: 'postgres', LOG_LEVEL: 'info', ...env },
  });
  // The launched object itself, not a copy: its `exit` is filled in when the process ends.
  const platform: RunningPlatform = Object.assign(launched, { port, env });
  running.add(platform);
  return platform;
}

function launch(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Launched {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const launched: Launched = { child, stdout: [], stderr: [], exit: null };
  child.once('close', (code, signal) => (launched.exit = { code, signal }));
  collectLines(child.stdout, launched.stdout);
  collectLines(child.stderr, launched.stderr);
  return launched;
}

async function stop(platform: RunningPlatform): Promise<void> {
  running.delete(platform);
  if (platform.child.exitCode !== null || platform.child.signalCode !== null) return;
  platform.child.kill('SIGTERM');
  await exitOf(platform).catch(() => platform.child.kill('SIGKILL'));
}

/** How the process ended, once it has; a process that hangs fails the wait with what it printed. */
function exitOf(launched: Launched, timeoutMs = 15_000): Promise<NonNullable<Launched['exit']>> {
  return until('the process to exit', () => launched.exit, { timeoutMs, explain: () => printed(launched) });
}

function printed(launched: Launched): string {
  return `${launched.stdout.join('\n')}\n${launched.stderr.join('\n')}`;
}

function logLines(platform: RunningPlatform): Array<Record<string, any>> {
  return platform.stdout.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
}

interface RedisLink {
  port: number;
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP link to the test Redis that the test can cut and restore, as an outage would. */
async function redisLink(): Promise<RedisLink> {
  const target = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const listen = () =>
    new Promise<void>((resolveListen) => {
      server = createServer((client) => {
        const upstream = connect(Number(target.port || 6379), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('error', () => undefined);
          socket.on('close', () => {
            client.destroy();
            upstream.destroy();
            sockets.delete(socket);
          });
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => resolveListen());
    });
  const cut = async () => {
    const closed = new Promise<void>((resolveClose) => (server ? server.close(() => resolveClose()) : resolveClose()));
    for (const socket of sockets) socket.destroy();
    await closed;
    server = undefined;
  };
  await listen();
  return { port, cut, restore: listen, close: cut };
}
