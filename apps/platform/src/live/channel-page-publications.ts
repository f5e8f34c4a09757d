import { channelPageChanges } from '@glint/channels';
import type { RecordedEvent } from '@glint/eventstore';
import { CHANNEL_PAGE_CHANGES_TOPIC, type Publication } from '@glint/live-updates';

/** Every process's channel page cache drops a page once it hears its channel changed. */
export function channelPagePublications(events: readonly RecordedEvent[]): Publication[] {
  return channelPageChanges(events).map((change) => ({
    topic: CHANNEL_PAGE_CHANGES_TOPIC,
    frame: { id: change.eventId, event: 'channel_page_changed', data: { ...change } },
  }));
}
