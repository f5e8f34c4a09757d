import type { EventStore } from '@glint/eventstore';

/** The log's head must not move while `work` runs: a refused request records nothing. */
export async function recordsNothing(store: EventStore, work: () => Promise<void>): Promise<void> {
  const head = await store.headPosition();
  await work();
  expect(await store.headPosition()).toBe(head);
}
