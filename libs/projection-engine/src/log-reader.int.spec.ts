import { randomUUID } from 'node:crypto';
import { newEventId, type NewEvent, type RecordedEvent } from '@glint/eventstore';
import { projections } from '@glint/projections';
import { follows } from '@glint/projections/follows';
import { until } from '@glint/testing';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import { countStatements, recordingLogger, withApplicationName, type StatementCount } from '@glint/testing/projections';
import { createProjectionEngine, defineProjection, readModelTable, type LogReactor, type ProjectionEngine } from '.';

const happened = (type: string, data: unknown = {}): NewEvent => ({
  id: newEventId(),
  type,
  data,
  metadata: { correlationId: 'c-1', causationId: null, actor: { type: 'system' }, occurredAt: '2026-11-24T12:00:00.000Z' },
});

type Noted = { type: 'Noted'; data: { key: string } };
const notesTable = readModelTable('notes', { key: ['key'], columns: { key: 'text', times: 'integer' } });
const notes = defineProjection<Noted>()({
  name: 'notes',
  tables: { notes: notesTable },
  handlers: { Noted: ({ data }, tables) => tables.notes.add({ key: data.key }, 'times', 1, { insertIfMissing: { key: data.key, times: 0 } }) },
});

/** A reactor that keeps what it was handed. */
function recorder(name: string, eventTypes: readonly string[]): LogReactor & { handed: string[] } {
  const handed: string[] = [];
  return { name, lockName: `glint.test.${name}`, checkpointTable: 'reactor_checkpoints', eventTypes, handed, react: async (events: readonly RecordedEvent[]) => (handed.push(...events.map((event) => event.type)), true) };
}

describe('the one reader of a process', () => {
  let opened: TestStore;
  let counted: StatementCount | null = null;
  const engines: ProjectionEngine[] = [];
  const engine = (options: Partial<Parameters<typeof createProjectionEngine>[0]> & { applicationName?: string }) => {
    const { applicationName, ...rest } = options;
    const created = createProjectionEngine({
      store: opened.store,
      databaseUrl: applicationName ? withApplicationName(opened.database.url, applicationName) : opened.database.url,
      projections: [notes],
      logger: recordingLogger(),
      ...rest,
    });
    engines.push(created);
    return created;
  };
  const storedCheckpoint = async (name: string) => Number((await opened.sql.query('SELECT position FROM projection_checkpoints WHERE name = $1', [name])).rows[0]?.position);

  beforeAll(async () => {
    opened = await openTestStore();
    await opened.sql.query('CREATE TABLE notes (key text PRIMARY KEY, times integer NOT NULL)');
  });
  afterEach(() => counted?.restore());
  afterAll(async () => {
    await Promise.all(engines.map((each) => each.stop()));
    await closeTestStore(opened);
  });

  it('costs a projection no statement for a batch with nothing of its types, and stores its position lazily', async () => {
    const applicationName = `glint-test-${randomUUID().slice(0, 8)}`;
    const live = engine({ applicationName, lazyCheckpointMs: 600_000 });
    await live.start();
    const before = await storedCheckpoint('notes');
    counted = countStatements(applicationName);

    for (let append = 0; append < 20; append++) await opened.store.append(`other-${append}`, [happened('Other'), happened('Other')]);
    const head = await opened.store.headPosition();
    await live.waitFor('all', head);
    expect(counted.statements).toEqual([]);
    expect(await storedCheckpoint('notes')).toBe(before);

    const { lastPosition } = await opened.store.append('noted-1', [happened('Noted', { key: 'a' }), happened('Noted', { key: 'a' }), happened('Noted', { key: 'b' })]);
    await live.waitFor(['Noted'], lastPosition);
    // One transaction: claim the checkpoint, insert the missing rows, add to every row at once.
    expect(counted.statements.map((text) => text.split(' ')[0])).toEqual(['BEGIN', 'UPDATE', 'INSERT', 'UPDATE', 'COMMIT']);
    expect(await storedCheckpoint('notes')).toBe(lastPosition);
    expect((await opened.sql.query('SELECT key, times FROM notes ORDER BY key')).rows).toEqual([
      { key: 'a', times: 2 },
      { key: 'b', times: 1 },
    ]);

    await opened.store.append('other-last', [happened('Other')]);
    const last = await opened.store.headPosition();
    await live.waitFor('all', last);
    await live.stop();
    expect(await storedCheckpoint('notes')).toBe(last);
  });

  it('reads the log once for every projection and reactor, each handed only the events of its types', async () => {
    const subscribe = jest.spyOn(opened.store, 'subscribeToAll');
    const live = engine({});
    const goLive = recorder('test_go_live', ['Started']);
    const everything = recorder('test_everything', ['Noted', 'Started', 'Other']);
    live.addReactor(goLive);
    live.addReactor(everything);
    try {
      await live.start();
      await opened.store.append('mixed-1', [happened('Other'), happened('Started'), happened('Noted', { key: 'c' }), happened('Other')]);
      await until('both reactors to be handed the batch', () => everything.handed.length === 4 && goLive.handed.length === 1);
      expect(goLive.handed).toEqual(['Started']);
      expect(everything.handed).toEqual(['Other', 'Started', 'Noted', 'Other']);
      await live.waitFor(['Noted'], await opened.store.headPosition());
      expect(subscribe).toHaveBeenCalledTimes(1);
    } finally {
      subscribe.mockRestore();
      await live.stop();
    }
  });

  it('writes a batch of a thousand follows with a handful of statements, not one per event', async () => {
    await opened.store.appendMany(
      Array.from({ length: 1000 }, (_, index) => ({
        streamName: `follow-${index}`,
        events: [happened('ChannelFollowed', { channelId: `channel-${index % 40}`, followerId: `follower-${index}`, liveNotifications: true, channelUsername: 'c', followerUsername: 'f' })],
      })),
    );
    const applicationName = `glint-test-${randomUUID().slice(0, 8)}`;
    const live = engine({ applicationName, projections: [follows], batchSize: 5000 });
    counted = countStatements(applicationName);
    await live.start();
    await live.waitFor(['ChannelFollowed'], await opened.store.headPosition());
    // Start (checkpoint rows), then one transaction: claim, the follows, the missing counts, the counts.
    const writes = counted.statements.filter((text) => /^(INSERT|UPDATE|DELETE)/.test(text) && !text.includes('projection_checkpoints'));
    expect(writes).toHaveLength(3);
    expect(counted.statements.length).toBeLessThanOrEqual(10);
    expect((await opened.sql.query('SELECT count(*)::int AS follows FROM follows')).rows[0].follows).toBe(1000);
    expect((await opened.sql.query(`SELECT followers FROM follow_counts WHERE user_id = 'channel-7'`)).rows[0].followers).toBe(25);
    await live.stop();
  });

  it('applies a channel title change in every projection and a reactor with at most 15 statements', async () => {
    const applicationName = `glint-test-${randomUUID().slice(0, 8)}`;
    const live = engine({ applicationName, projections: [...projections], lazyCheckpointMs: 600_000 });
    live.addReactor(recorder('test_relay', ['ChannelInfoUpdated']));
    await live.start();
    const channelId = randomUUID();
    const chatSettings = { chatRules: '', blockLinks: false, requireConfirmedEmail: false, minimumAccountAgeHours: 0, showRecentChatOnly: false };
    const created = await opened.store.append(`channel-${channelId}`, [
      happened('ChannelCreated', { channelId, ownerId: channelId, username: 'ana', title: 'Hi', category: 'gaming', subcategory: null, tags: [], language: 'en', mature: false, chatSettings, streamKeyHash: 'x' }),
    ]);
    await live.waitFor('all', created.lastPosition);
    counted = countStatements(applicationName);
    const changed = await opened.store.append(`channel-${channelId}`, [
      { ...happened('ChannelInfoUpdated', { channelId, ownerId: channelId, editorId: channelId, changes: { title: 'Speedruns' } }), metadata: { correlationId: 'c-2', causationId: null, actor: { type: 'user', userId: channelId, role: 'user' }, occurredAt: '2026-11-24T12:01:00.000Z' } },
    ]);
    await live.waitFor('all', changed.lastPosition);
    await until('the reactor to store its checkpoint', () => counted!.statements.some((text) => text.includes('reactor_checkpoints')));
    // channel_page (set) and account_history (insert) in one transaction: BEGIN, one claim of both
    // checkpoints, the two writes, COMMIT; the reactor's checkpoint: 1.
    expect(counted.statements.length).toBeLessThanOrEqual(15);
    expect(counted.statements).toHaveLength(6);
    expect(counted.statements.filter((text) => text === 'BEGIN')).toHaveLength(1);
    expect((await opened.sql.query('SELECT title FROM channel_page WHERE channel_id = $1', [channelId])).rows).toEqual([{ title: 'Speedruns' }]);
  });
});
