import { newEventId } from '@glint/eventstore';
import { PersonalDataVault } from '@glint/personal-data';
import { closeTestStore, openTestStore, type TestStore } from '@glint/testing/database';
import { readEventsAtPositions } from './events-at-positions';
import { openPersonalValues } from './opened-personal-values';

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

  it('opens sealed values at any depth and shows an erased owner’s as null, leaving the rest alone', async () => {
    const anaEmail = await vault.seal('ana', 'ana@glint.test');
    const benNote = await vault.seal('ben', 'call me back');
    await vault.shred('ben');
    const values = [
      { email: anaEmail, username: 'ana' },
      { report: { notes: [benNote, anaEmail], why: 'other' } },
      'pd1.not-sealed',
      null,
      42,
    ];
    expect(await openPersonalValues(vault, values)).toEqual([
      { email: 'ana@glint.test', username: 'ana' },
      { report: { notes: [null, 'ana@glint.test'], why: 'other' } },
      'pd1.not-sealed',
      null,
      42,
    ]);
  });
});
