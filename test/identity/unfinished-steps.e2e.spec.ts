import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import type { UserPrincipal } from '@glint/access';
import { PostgresEventStore, type RecordedEvent } from '@glint/eventstore';
import { PersonalDataVault } from '@glint/personal-data';
import { ApiClient, eventually, expectStatus, until } from '@glint/testing';
import { createTestDatabase, type TestDatabase } from '@glint/testing/database';
import { Given, startPlatformUnderTest, type GivenUser } from '@glint/testing/platform';

const ROOT = join(__dirname, '../..');
const CHILD = join(__dirname, 'identity-command-process.ts');
/** The advisory lock the held appends wait for. */
const HOLD_KEY = 7_340_021;

/** identity-command-process.ts as a child process: node itself, so the SIGKILL hits the command's own process. */
class CommandProcess {
  private said = '';
  readonly exited: Promise<number | null>;

  constructor(
    readonly child: ChildProcess,
    readonly command: string,
  ) {
    child.stdout!.on('data', (chunk: Buffer) => (this.said += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.said += chunk.toString()));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static start(databaseUrl: string, command: string, input: unknown): CommandProcess {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', CHILD, command, JSON.stringify(input)], {
      cwd: ROOT,
      env: { ...process.env, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new CommandProcess(child, command);
  }

  output = (): string => `The ${this.command} process said:\n${this.said}`;

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    expect(await this.exited).toBeNull();
  }
}

/**
 * A process that dies between two steps of a command leaves the first done and the second not.
 * Each case runs the command in a process of its own, holds its second step in the database (a
 * trigger makes appends of that event type wait for a lock this test holds), and kills the process
 * (SIGKILL) there, while the platform is down. The platform, started again, finishes what the dead
 * process left: its account upkeep follows the log from its checkpoint, past the half-done command.
 */
describe('steps a killed process left undone', () => {
  let database: TestDatabase;
  let sql: Client;
  let store: PostgresEventStore;
  let vault: PersonalDataVault;
  let dee: GivenUser;
  const tag = randomBytes(4).toString('hex');
  const una = { username: `Una_${tag}`, email: `una.${tag}@mailbox.example`, password: 'correct horse battery staple' };
  let unaId: string;

  const log = (stream: string) => store.readStream(stream);
  const types = (events: RecordedEvent[]) => events.map((event) => event.type);
  /** The claim stream of the address a user claimed (named by a keyed hash: found by what it holds). */
  const emailClaimOf = async (userId: string) =>
    (await store.readAll({ fromPosition: 0, maxCount: 10_000 })).find((event) => event.type === 'EmailAddressClaimed' && (event.data as { userId: string }).userId === userId)!.streamName;
  /** Backends waiting for a lock this test's session holds: the held appends. */
  const held = async () => (await sql.query<{ pid: number }>('SELECT pid FROM pg_locks WHERE NOT granted AND pg_backend_pid() = ANY (pg_blocking_pids(pid))')).rows.map((row) => row.pid);

  /** Makes every append of `eventType` wait, inside its transaction, until `release`. */
  async function holdAppendsOf(eventType: string): Promise<{ release(): Promise<void> }> {
    await sql.query('SELECT pg_advisory_lock($1)', [HOLD_KEY]);
    await sql.query(`CREATE FUNCTION glint_test_hold() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_advisory_xact_lock(${HOLD_KEY}); RETURN NEW; END $$`);
    await sql.query(`CREATE TRIGGER glint_test_hold BEFORE INSERT ON glint_events FOR EACH ROW WHEN (NEW.event_type = '${eventType}') EXECUTE FUNCTION glint_test_hold()`);
    return {
      async release() {
        // The lock first: dropping the trigger waits for the appends inside it.
        await sql.query('SELECT pg_advisory_unlock($1)', [HOLD_KEY]);
        await sql.query('DROP TRIGGER glint_test_hold ON glint_events');
        await sql.query('DROP FUNCTION glint_test_hold()');
      },
    };
  }

  /** Kills the process while its append is held, and waits for PostgreSQL to drop what it had open. */
  async function killWhileHeld(child: CommandProcess): Promise<void> {
    await child.kill();
    // The database checks its clients every 50 ms (see beforeAll): the dead process's backend,
    // waiting inside its transaction, is ended and its append rolled back rather than let through.
    await until('the killed process’s held append to be rolled back', async () => (await held()).length === 0, { explain: child.output });
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    // Without it, a backend whose client died while it waits for a lock carries on once it gets it.
    await sql.query(`ALTER DATABASE ${new URL(database.url).pathname.slice(1)} SET client_connection_check_interval = '50ms'`);
    store = new PostgresEventStore({ connectionString: database.url });
    vault = new PersonalDataVault({ connectionString: database.url });
    // The platform has run before: its account upkeep has a checkpoint to resume from.
    const before = await startPlatformUnderTest({ databaseUrl: database.url });
    try {
      dee = await new Given(before).user({ email: `dee.${tag}@mailbox.example` });
    } finally {
      await before.close();
    }
  }, 60_000);

  afterAll(async () => {
    await vault?.close();
    await store?.close();
    await sql?.end();
    await database?.drop();
  });

  it('a registration killed after claiming its username and address leaves both claimed, and no account', async () => {
    const hold = await holdAppendsOf('UserRegistered');
    const registering = CommandProcess.start(database.url, 'register', una);
    try {
      await until('the registration to be held at recording the account', async () => (await held()).length > 0, { timeoutMs: 60_000, explain: registering.output });
      const [claimed] = await log(`username-${una.username.toLowerCase()}`);
      unaId = (claimed.data as { userId: string }).userId;
      await killWhileHeld(registering);
    } finally {
      registering.child.kill('SIGKILL');
      await hold.release();
    }
    expect(types(await log(`username-${una.username.toLowerCase()}`))).toEqual(['UsernameClaimed']);
    expect(types(await log(await emailClaimOf(unaId)))).toEqual(['EmailAddressClaimed']);
    expect(await log(`user-${unaId}`)).toEqual([]);
  }, 120_000);

  it('a deletion killed after recording AccountDeleted leaves the address claimed and the key in place', async () => {
    const hold = await holdAppendsOf('EmailAddressReleased');
    const principal: UserPrincipal = { kind: 'user', userId: dee.userId, username: dee.username, sessionId: dee.sessionId, staffRole: null, emailConfirmed: true, accountCreatedAt: new Date() };
    const deleting = CommandProcess.start(database.url, 'delete', { principal, password: dee.password });
    try {
      await until('the deletion to be held at releasing the address', async () => (await held()).length > 0, { timeoutMs: 60_000, explain: deleting.output });
      await killWhileHeld(deleting);
    } finally {
      deleting.child.kill('SIGKILL');
      await hold.release();
    }
    const account = await log(`user-${dee.userId}`);
    expect(types(account).at(-1)).toBe('AccountDeleted');
    expect(types(await log(await emailClaimOf(dee.userId)))).toEqual(['EmailAddressClaimed']);
    const registered = account.find((event) => event.type === 'UserRegistered')!.data as { emailSealed: string };
    expect(await vault.open(registered.emailSealed)).toBe(dee.email);
  }, 120_000);

  it('the platform, started again, gives up the registration and finishes the deletion', async () => {
    const platform = await startPlatformUnderTest({ databaseUrl: database.url, env: { UNFINISHED_REGISTRATION_AFTER_MS: '1000' } });
    try {
      const api = new ApiClient(platform.baseUrl);
      const [unaAddress, deeAddress] = [await emailClaimOf(unaId), await emailClaimOf(dee.userId)];

      // The registration can never be recorded any more, and its name and address are free.
      await eventually(async () => {
        expect(types(await log(`user-${unaId}`))).toEqual(['RegistrationAbandoned']);
        expect(types(await log(`username-${una.username.toLowerCase()}`))).toEqual(['UsernameClaimed', 'UsernameReleased']);
        expect((await log(unaAddress)).map((event) => [event.type, (event.data as { reason?: string }).reason])).toEqual([
          ['EmailAddressClaimed', undefined],
          ['EmailAddressReleased', 'registration_abandoned'],
        ]);
      });
      // The deleted account's address is free, and its key destroyed.
      const registered = (await log(`user-${dee.userId}`)).find((event) => event.type === 'UserRegistered')!.data as { emailSealed: string };
      await eventually(async () => {
        expect((await log(deeAddress)).map((event) => [event.type, (event.data as { reason?: string }).reason])).toEqual([
          ['EmailAddressClaimed', undefined],
          ['EmailAddressReleased', 'account_deleted'],
        ]);
        expect(await vault.open(registered.emailSealed)).toBeNull();
      });

      expectStatus(await api.post('/api/accounts', una), 201, 'registering the given-up name and address again');
      expectStatus(await api.post('/api/accounts', { username: `Dee_again_${tag}`, email: dee.email, password: dee.password }), 201, 'registering the deleted account’s address again');
    } finally {
      await platform.close();
    }
  }, 120_000);
});
