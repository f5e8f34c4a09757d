import type { RecordedEvent } from '@glint/eventstore';

export { CHANNEL_PAGE_CHANGES_TOPIC } from '@glint/live-updates';

export interface ChannelPageChange {
  eventId: string;
  channelId: string;
  /** The log position of the event that changed the page. */
  position: number;
}

/** The events the channel_page and streams projections turn into a different page, and whose page each changes. */
const CHANGED_CHANNEL: Readonly<Record<string, (data: Record<string, unknown>) => unknown>> = {
  ChannelCreated: (data) => data.channelId,
  ChannelInfoUpdated: (data) => data.channelId,
  ChannelChatSettingsUpdated: (data) => data.channelId,
  ChannelFollowed: (data) => data.channelId,
  ChannelUnfollowed: (data) => data.channelId,
  // The page shows whether the channel is live, its stream's title and viewers, and its last broadcasts.
  StreamStarted: (data) => data.channelId,
  StreamMetadataChanged: (data) => data.channelId,
  ViewerCountSampled: (data) => data.channelId,
  StreamEnded: (data) => data.channelId,
  // A channel's id is its owner's user id: deleting the account takes the page down.
  AccountDeleted: (data) => data.userId,
};

/** Which channel pages these events change. */
export function channelPageChanges(events: readonly RecordedEvent[]): ChannelPageChange[] {
  const changes: ChannelPageChange[] = [];
  for (const event of events) {
    if (!Object.hasOwn(CHANGED_CHANNEL, event.type)) continue;
    const channelId = CHANGED_CHANNEL[event.type](event.data as Record<string, unknown>);
    if (typeof channelId === 'string') changes.push({ eventId: event.id, channelId, position: event.position });
  }
  return changes;
}
