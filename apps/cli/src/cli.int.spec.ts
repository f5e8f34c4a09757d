import { Client } from 'pg';
import { PostgresEventStore } from '@glint/eventstore';
import { freePort } from '@glint/database';
import { projections } from '@glint/projections';
import { type TestDatabase, closeTestStore, openTestStore } from '@glint/testing/database';
import { seededRandom } from '@glint/testing';
import { appendPlanned, expectedAccountHistory, planAccountEvents, accountHistoryRows, readWholeLog, record } from '@glint/testing/projections';
import { lastLine, lines, runCliHere, runCliProcess } from '@glint/testing/cli';

describe('npm run cli -- projections', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let sql: Client;

  beforeAll(async () => {
    ({ database, store, sql } = await openTestStore());
  });
  afterAll(() => closeTestStore({ database, store, sql }));

  it('rebuilds account_history and ends with a line of totals', async () => {
    const planned = planAccountEvents(1500, ['ana', 'ben', 'chiara', 'dmitri'], seededRandom(5));
    const head = await appendPlanned(store, planned);

    const { code, stderr } = await runCliProcess(['projections', 'rebuild', 'account_history'], { DATABASE_URL: database.url });

    expect({ code, last: lastLine(stderr) }).toEqual({
      code: 0,
      last: expect.stringMatching(new RegExp(`^Rebuilt account_history: 1,500 events in \\d+\\.\\ds \\([\\d,]+ events/s\\), live from position ${head}\\.$`)),
    });
    expect(await accountHistoryRows(sql)).toEqual(expectedAccountHistory(planned, await readWholeLog(store)));

    const list = await runCliProcess(['projections', 'list'], { DATABASE_URL: database.url });
    expect(list.code).toBe(0);
    const listed = lines(list.stdout);
    const header = listed.findIndex((line) => /^projection\s+checkpoint\s+head\s+events behind\s+seconds behind$/.test(line));
    expect(header).toBeGreaterThanOrEqual(0);
    // One line per projection Glint keeps; account_history, just rebuilt, is at the head.
    expect(listed.slice(header + 1).map((line) => line.split(/\s+/)[0]).sort()).toEqual(projections.map((projection) => projection.name).sort());
    expect(listed).toContainEqual(expect.stringMatching(new RegExp(`^account_history\\s+${head}\\s+${head}\\s+0\\s+0\\.0$`)));
  }, 60_000);

  it('rebuilds every projection from one read of the log with --all', async () => {
    const own = await openTestStore();
    try {
      const ana = '0a0a0a0a-0000-4000-8000-00000000000a';
      const ben = '0b0b0b0b-0000-4000-8000-00000000000b';
      const chatSettings = { chatRules: '', blockLinks: false, requireConfirmedEmail: false, minimumAccountAgeHours: 0, showRecentChatOnly: false };
      await record(own.store, `user-${ana}`, { type: 'UserRegistered', data: { userId: ana, username: 'ana', emailSealed: 'sealed' } });
      await record(own.store, `channel-${ana}`, {
        type: 'ChannelCreated',
        data: { channelId: ana, ownerId: ana, username: 'ana', title: 'Hi', category: 'gaming', subcategory: null, tags: ['retro'], language: 'en', mature: false, chatSettings, streamKeyHash: 'hash' },
      });
      const head = await record(own.store, `follow-${ana}-${ben}`, { type: 'ChannelFollowed', data: { channelId: ana, followerId: ben, liveNotifications: true, channelUsername: 'ana', followerUsername: 'ben' } });

      const { code, stderr } = await runCliHere(['projections', 'rebuild', '--all'], { DATABASE_URL: own.database.url });
      expect({ code, last: lastLine(stderr) }).toEqual({
        code: 0,
        last: expect.stringMatching(new RegExp(`^Rebuilt ${projections.length} projections: 3 events in \\d+\\.\\ds \\([\\d,]+ events/s\\), live from position ${head}\\.$`)),
      });
      const list = await runCliHere(['projections', 'list'], { DATABASE_URL: own.database.url });
      for (const { name } of projections) expect(lines(list.stdout)).toContainEqual(expect.stringMatching(new RegExp(`^${name}\\s+${head}\\s+${head}\\s+0\\s+0\\.0$`)));
      expect((await own.sql.query('SELECT follower_count FROM channel_page')).rows).toEqual([{ follower_count: 1 }]);
    } finally {
      await closeTestStore(own);
    }
  }, 60_000);

  it('names the known projections and exits 2 for an unknown one', async () => {
    const { code, stderr } = await runCliProcess(['projections', 'rebuild', 'channel_pages'], { DATABASE_URL: database.url });
    const known = projections.map((projection) => projection.name).join(', ');
    expect({ code, last: lastLine(stderr) }).toEqual({ code: 2, last: `Unknown projection "channel_pages". Known projections: ${known}.` });
  }, 30_000);

  it('exits 2 with the usage for a command it does not know, and when no database answers', async () => {
    const unknown = await runCliProcess(['projections', 'drop', 'account_history'], { DATABASE_URL: database.url });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('npm run cli -- projections rebuild <name>');

    // No DATABASE_URL: the CLI looks for the embedded PostgreSQL of `npm start`, here on a closed port.
    const closedPort = await freePort();
    const unset = await runCliProcess(['projections', 'list'], { DATABASE_URL: '', EMBEDDED_POSTGRES_PORT: String(closedPort) });
    expect({ code: unset.code, last: lastLine(unset.stderr) }).toEqual({
      code: 2,
      last: `DATABASE_URL is not set and the embedded PostgreSQL of \`npm start\` does not answer on port ${closedPort} — start the platform with npm start, or set DATABASE_URL.`,
    });

    const badPort = await runCliProcess(['projections', 'list'], { DATABASE_URL: '', EMBEDDED_POSTGRES_PORT: 'abc' });
    // The platform's own parser reads the CLI's environment too, so the CLI says what the platform would.
    expect({ code: badPort.code, last: lastLine(badPort.stderr) }).toEqual({ code: 2, last: 'EMBEDDED_POSTGRES_PORT must be a TCP port, a whole number from 1 to 65535 (got "abc").' });
  }, 45_000);
});
