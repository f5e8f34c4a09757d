import { newEventId } from '@glint/eventstore';
import { PersonalDataVault } from '@glint/personal-data';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import { readEventsAtPositions } from './events-at-positions';
import { CREDENTIAL_WITHHELD, openPersonalValues, UNREADABLE_VALUE } from './opened-personal-values';

describe('reading the events behind an account’s history', () => {
  let opened: TestStore;
  let vault: PersonalDataVault;

  beforeAll(async () => {
    opened = await openTestStore();
    vault = new PersonalDataVault({ connectionString: opened.database.url });
    const metadata = { correlationId: 'c-1', causationId: null, actor: { type: 'system' as const }, occurredAt: '2026-11-24T10:00:00.000Z' };
    for (let stream = 0; stream < 5; stream++) {
      const events = Array.from({ length: 60 }, (_, index) => ({ id: newEventId(), type: 'Counted', data: { stream, index }, metadata }));
      await opened.store.append(`counter-${stream}`, events);
    }
  });
  afterAll(async () => {
    await vault?.close();
    await closeTestStore(opened ?? {});
  });

  it('finds exactly the events at the positions asked, near or far apart, repeated or not', async () => {
    const positions = [300, 1, 2, 3, 65, 66, 200, 131, 2, 299];
    const found = await readEventsAtPositions(opened.store, positions);
    expect([...found.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 65, 66, 131, 200, 299, 300]);
    for (const [position, event] of found) {
      expect(event.position).toBe(position);
      expect(event.data).toEqual({ stream: Math.floor((position - 1) / 60), index: (position - 1) % 60 });
    }
    expect((await readEventsAtPositions(opened.store, [])).size).toBe(0);
  });

  it('opens only the fields an event type declares sealed, shows an erased owner’s as null and a damaged one as unreadable', async () => {
    const anaEmail = await vault.seal('ana', 'ana@glint.test');
    const benNotes = await vault.seal('ben', 'call me back');
    await vault.shred('ben');
    const [prefix, user, iv, ciphertext, tag] = anaEmail.split('.');
    const events = [
      { type: 'UserRegistered', data: { userId: 'ana', username: 'ana', emailSealed: anaEmail, passwordHashSealed: anaEmail } },
      { type: 'UserReported', data: { reporterId: 'ben', why: 'other', notes: benNotes } },
      { type: 'UserReported', data: { reporterId: 'ana', why: 'other', notes: null } },
      { type: 'ChatMessageSent', data: { senderId: 'ana', text: [prefix, user, iv, ciphertext].join('.') } },
      { type: 'ChatMessageSent', data: { senderId: 'ana', text: [prefix, user, 'AA', ciphertext, tag].join('.') } },
      // Text someone wrote, shaped like a sealed value, in a field no event type declares.
      { type: 'ChannelInfoUpdated', data: { channelId: 'ana', title: anaEmail, tags: [benNotes, 'pd1.x.y.z.w'] } },
      { type: 'UserGloballyBanned', data: { userId: 'ana', reason: 'pd1.AAAA.BBBB.CCCC.DDDD' } },
      { type: 'Counted', data: null },
    ];
    expect(await openPersonalValues(vault, events)).toEqual([
      { userId: 'ana', username: 'ana', email: 'ana@glint.test', passwordHashSealed: CREDENTIAL_WITHHELD },
      { reporterId: 'ben', why: 'other', notes: null },
      { reporterId: 'ana', why: 'other', notes: null },
      { senderId: 'ana', text: UNREADABLE_VALUE },
      { senderId: 'ana', text: UNREADABLE_VALUE },
      { channelId: 'ana', title: anaEmail, tags: [benNotes, 'pd1.x.y.z.w'] },
      { userId: 'ana', reason: 'pd1.AAAA.BBBB.CCCC.DDDD' },
      null,
    ]);
  });
});
