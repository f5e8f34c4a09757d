/**
 * The Redis pub/sub channels live frames travel on between platform processes. The relay publishes
 * each event once; every process subscribes to the topics its own sockets want.
 */
export const chatTopic = (channelId: string): string => `glint:chat:${channelId}`;
/** Frames for one user wherever they are connected: a global ban, a deletion or an ended session closes their sockets. */
export const userTopic = (userId: string): string => `glint:user:${userId}`;
export const liveChannelTopic = (channelId: string): string => `glint:live:channel:${channelId}`;
/** Every channel's live updates: the firehose. */
export const LIVE_CHANNELS_TOPIC = 'glint:live:channels';
/** Changes to the live listing: streams starting, ending, changing title or viewer count. */
export const LIVE_STREAMS_TOPIC = 'glint:live:streams';
/** One signed-in user's notifications (a followed channel went live), on their live-update sockets. */
export const notificationsTopic = (userId: string): string => `glint:notifications:${userId}`;
/** Which channel pages changed: every process's channel page cache listens, no socket does. */
export const CHANNEL_PAGE_CHANGES_TOPIC = 'glint:read-model:channel-page';

/**
 * A frame as clients receive it. `id` is the id of the event it tells of: after a relay crash a frame
 * may come twice, and a client drops the repeat by its id.
 */
export interface RelayedFrame {
  id: string;
  event: string;
  data: Record<string, unknown>;
}

export interface Publication {
  topic: string;
  frame: RelayedFrame;
}
