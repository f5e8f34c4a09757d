import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { PersonalDataVault } from '@glint/personal-data';
import { PERSONAL_DATA } from '@glint/runtime';
import { expectStatus } from '@glint/testing';
import { service, usePlatform, type GivenUser } from '@glint/testing/platform';

type HistoryEntry = { type: string; data: Record<string, unknown> };

/**
 * Text people write (a channel title, a ban reason, an app's name) is shown to support exactly as
 * written, whatever it looks like: only the fields an event type declares personal are opened.
 */
describe('support reading text shaped like a sealed personal value', () => {
  const glint = usePlatform();
  let support: GivenUser;
  let admin: GivenUser;

  beforeAll(async () => {
    [support, admin] = await Promise.all([glint.given.user({ staffRole: 'support' }), glint.given.user({ staffRole: 'admin' })]);
  });

  const vault = () => service<PersonalDataVault>(glint.platform, PERSONAL_DATA);
  const part = (bytes: number) => randomBytes(bytes).toString('base64url');
  const named = (userId: string) => Buffer.from(userId, 'utf8').toString('base64url');
  const reason = 'reason=Ticket%20900%3A%20odd%20titles';

  const history = async (userId: string): Promise<HistoryEntry[]> =>
    expectStatus(await glint.api.get(`/api/support/accounts/${userId}/history?${reason}&limit=100`, support.token), 200, 'reading the history').body.items;
  const state = async (userId: string, asOf?: string) =>
    expectStatus(await glint.api.get(`/api/support/accounts/${userId}/state?${reason}${asOf ? `&asOf=${encodeURIComponent(asOf)}` : ''}`, support.token), 200, 'reading the state').body;

  /** An app's name has at most 50 characters: a value naming a user by their id does not fit, and the description holds it. */
  const appName = (text: string, index: number) => (text.length <= 50 ? text : `Odd app ${index}`);

  /** Every shape a sealed value takes, as someone might type it. */
  async function sealedLookingTexts(author: GivenUser, other: GivenUser): Promise<Array<[string, string]>> {
    const own = await vault().seal(author.userId, 'opened by mistake');
    return [
      ['a real sealed value of the author', own],
      ['a real sealed value of another user', await vault().seal(other.userId, 'opened by mistake')],
      ['a well-formed value naming the author that does not open', ['pd1', named(author.userId), part(12), part(8), part(16)].join('.')],
      // Short enough for an app's name.
      ['a well-formed value naming nobody', ['pd1', named('x'), part(12), '', part(16)].join('.')],
      ['a malformed value of nobody', 'pd1.eA.AA.AA.AA'],
      ['a malformed value (an IV of the wrong size)', ['pd1', named(author.userId), 'AA', part(8), part(16)].join('.')],
      ['a truncated value (a tag cut short)', own.slice(0, -10)],
      ['a truncated value (its tag gone)', own.split('.').slice(0, 4).join('.')],
    ];
  }

  it('shows a channel title, an app name and description, and ban reasons shaped like sealed values exactly as written, in the history and the state as of any moment', async () => {
    const chatter = await glint.given.user();
    const streamer = await glint.given.user();
    const texts = await sealedLookingTexts(streamer, chatter);

    expectStatus(await glint.api.post('/api/channels', { title: 'First title' }, streamer.token), 201, 'opening a channel');
    const titledAt: Array<[string, string, string]> = [];
    for (const [index, [what, text]] of texts.entries()) {
      expectStatus(await glint.api.patch(`/api/channels/${streamer.username}`, { title: text }, streamer.token), 200, `titling the channel with ${what}`);
      titledAt.push([what, text, new Date().toISOString()]);
      const app = await glint.api.post('/api/apps', { name: appName(text, index), description: text, scopes: ['public'] }, streamer.token);
      expectStatus(app, 201, `registering an app named with ${what}`);
    }
    for (const [what, text] of texts) {
      expectStatus(await glint.api.post(`/api/channels/${streamer.username}/bans`, { user: chatter.username, reason: text }, streamer.token), 201, `banning the chatter for ${what}`);
      expectStatus(await glint.api.delete(`/api/channels/${streamer.username}/bans/${chatter.username}`, streamer.token), 204, 'lifting the ban');
    }
    // A global ban ends the streamer's sessions: the streamer's own requests come first.
    for (const [what, text] of texts) {
      expectStatus(await glint.api.post(`/api/staff/users/${streamer.userId}/global-ban`, { reason: text }, admin.token), 204, `banning the streamer from Glint for ${what}`);
      expectStatus(await glint.api.delete(`/api/staff/users/${streamer.userId}/global-ban`, admin.token), 204, 'lifting the global ban');
    }
    const [, globalReason] = texts[0];
    expectStatus(await glint.api.post(`/api/staff/users/${streamer.userId}/global-ban`, { reason: globalReason }, admin.token), 204, 'banning the streamer from Glint again');

    const entries = await history(streamer.userId);
    const titles = entries.filter((entry) => entry.type === 'ChannelInfoUpdated').map((entry) => (entry.data.changes as { title: string }).title);
    expect(titles.reverse()).toEqual(texts.map(([, text]) => text));
    expect(texts.filter(([, text]) => text.length <= 50)).toHaveLength(2);
    const apps = entries.filter((entry) => entry.type === 'AppRegistered').map((entry) => [entry.data.name, entry.data.description]);
    expect(apps.reverse()).toEqual(texts.map(([, text], index) => [appName(text, index), text]));
    const reasons = (of: HistoryEntry[], type: string) => of.filter((entry) => entry.type === type).map((entry) => entry.data.reason);
    expect(reasons(entries, 'UserBanned').reverse()).toEqual(texts.map(([, text]) => text));
    expect(reasons(await history(chatter.userId), 'UserBanned').reverse()).toEqual(texts.map(([, text]) => text));
    expect(reasons(entries, 'UserGloballyBanned').reverse()).toEqual([...texts.map(([, text]) => text), globalReason]);
    // The staff audit log shows the same reasons as written.
    const audit = expectStatus(await glint.api.get('/api/staff/audit-log?limit=100', admin.token), 200, 'reading the staff audit log').body.items as Array<{ eventType: string; subject: { userId: string } | null; reason: string | null }>;
    const auditedBans = audit.filter((entry) => entry.eventType === 'UserGloballyBanned' && entry.subject?.userId === streamer.userId).map((entry) => entry.reason);
    expect(auditedBans.reverse()).toEqual([...texts.map(([, text]) => text), globalReason]);

    const now = await state(streamer.userId);
    expect(now.profile).toMatchObject({ email: streamer.email, globallyBanned: true, globalBanReason: globalReason });
    expect(now.channel.title).toBe(texts.at(-1)![1]);
    for (const [what, text, at] of titledAt) expect({ what, title: (await state(streamer.userId, at)).channel.title }).toEqual({ what, title: text });
  });

  it('shows a damaged personal value as unreadable, and the rest of the history and the state as they are', async () => {
    const dee = await glint.given.user();
    expectStatus(await glint.api.post('/api/channels', { title: 'Dee plays' }, dee.token), 201, 'opening a channel');
    const sql = new Client({ connectionString: glint.platform.databaseUrl });
    await sql.connect();
    try {
      // What a damaged disk or a bad restore leaves: the sealed address no longer matches its seal.
      const damaged = ['pd1', named(dee.userId), 'AA', part(8), part(16)].join('.');
      const updated = await sql.query(
        `UPDATE glint_events SET data = jsonb_set(data::jsonb, '{emailSealed}', to_jsonb($2::text))::json WHERE stream_name = $1 AND event_type IN ('UserRegistered', 'EmailConfirmationRequested')`,
        [`user-${dee.userId}`, damaged],
      );
      expect(updated.rowCount).toBeGreaterThanOrEqual(2);
    } finally {
      await sql.end();
    }

    const entries = await history(dee.userId);
    expect(entries.find((entry) => entry.type === 'UserRegistered')?.data).toMatchObject({ userId: dee.userId, username: dee.username, email: { unreadable: true } });
    expect(entries.find((entry) => entry.type === 'EmailConfirmationRequested')?.data).toMatchObject({ email: { unreadable: true } });
    expect(entries.map((entry) => entry.type)).toEqual(expect.arrayContaining(['UserLoggedIn', 'EmailConfirmed', 'ChannelCreated']));
    expect(entries.find((entry) => entry.type === 'ChannelCreated')?.data).toMatchObject({ title: 'Dee plays' });

    const now = await state(dee.userId);
    expect(now.profile).toMatchObject({ username: dee.username, email: { unreadable: true }, emailConfirmed: true });
    expect(now.channel.title).toBe('Dee plays');
  });
});
