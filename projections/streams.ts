import type { EntityManager } from '@mikro-orm/postgresql';
import type { RecordedEvent } from '@glint/eventstore';
import { defineProjection } from '@glint/projection-engine';
import type { StreamEnded, StreamInfo, StreamMetadataChanged, StreamStarted, ViewerCountSampled } from '@glint/streams';

type Recorded<Event extends { data: unknown }> = RecordedEvent<string, Event['data']>;

/** The identity context's fact that an account is gone; a channel's id is its owner's user id. */
type AccountDeleted = { data: { userId: string } };

/** The live row's columns are named as the info's fields are. */
const LIVE_COLUMNS: Record<keyof StreamInfo, string> = { title: 'title', category: 'category', subcategory: 'subcategory', tags: 'tags', language: 'language', mature: 'mature' };
/** Tags travel as one JSON parameter: the driver would spread an array into a list of parameters. */
const TAGS = 'ARRAY(SELECT jsonb_array_elements_text(?::jsonb))';
/** Stream history keeps what the hours-streamed and past-broadcasts views show. */
const HISTORY_COLUMNS: ReadonlyArray<keyof StreamInfo> = ['title', 'category'];

/**
 * Each channel's broadcast count and current stream, the live listing, and every broadcast's
 * totals. The count lets the recorder number the next broadcast without scanning the log; the
 * listing row lives exactly from StreamStarted to StreamEnded.
 */
export const streams = defineProjection('streams', {
  tables: ['channel_broadcasts', 'live_streams', 'stream_history'],
  entities: [],
  handlers: {
    StreamStarted: async (event: Recorded<StreamStarted>, em) => {
      const started = event.data;
      await em.execute(
        `INSERT INTO channel_broadcasts (channel_id, last_sequence, live_stream_id) VALUES (?, ?, ?)
         ON CONFLICT (channel_id) DO UPDATE SET last_sequence = GREATEST(channel_broadcasts.last_sequence, excluded.last_sequence), live_stream_id = excluded.live_stream_id`,
        [started.channelId, started.sequence, started.streamId],
        'run',
      );
      await em.execute(
        `INSERT INTO live_streams (stream_id, channel_id, username, title, category, subcategory, tags, language, mature, gateway_id, started_at, started_position)
         VALUES (?, ?, ?, ?, ?, ?, ${TAGS}, ?, ?, ?, ?, ?)`,
        [
          started.streamId,
          started.channelId,
          started.channelUsername,
          started.title,
          started.category,
          started.subcategory,
          JSON.stringify(started.tags),
          started.language,
          started.mature,
          started.gatewayId,
          new Date(started.startedAt),
          event.position,
        ],
        'run',
      );
      await em.execute(
        `INSERT INTO stream_history (stream_id, channel_id, sequence, title, category, gateway_id, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [started.streamId, started.channelId, started.sequence, started.title, started.category, started.gatewayId, new Date(started.startedAt)],
        'run',
      );
    },
    StreamMetadataChanged: async (event: Recorded<StreamMetadataChanged>, em) => {
      const { streamId, changes } = event.data;
      await updateColumns(em, 'live_streams', streamId, changes, Object.keys(LIVE_COLUMNS) as Array<keyof StreamInfo>);
      await updateColumns(em, 'stream_history', streamId, changes, HISTORY_COLUMNS);
    },
    ViewerCountSampled: async (event: Recorded<ViewerCountSampled>, em) => {
      const { streamId, current, peak } = event.data;
      await em.execute('UPDATE live_streams SET viewers = ?, peak_viewers = GREATEST(peak_viewers, ?) WHERE stream_id = ?', [current, peak, streamId], 'run');
    },
    StreamEnded: async (event: Recorded<StreamEnded>, em) => {
      const ended = event.data;
      await em.execute('DELETE FROM live_streams WHERE stream_id = ?', [ended.streamId], 'run');
      await em.execute('UPDATE channel_broadcasts SET live_stream_id = NULL WHERE channel_id = ? AND live_stream_id = ?', [ended.channelId, ended.streamId], 'run');
      await em.execute(
        `UPDATE stream_history SET ended_at = ?, end_reason = ?, duration_seconds = ?, peak_viewers = ?, average_viewers = ?, total_views = ? WHERE stream_id = ?`,
        [new Date(ended.endedAt), ended.reason, ended.durationSeconds, ended.peakViewers, ended.averageViewers, ended.totalViews, ended.streamId],
        'run',
      );
    },
    // The live row is the only one that names the owner; a deleted account's channel leaves the listing at once.
    AccountDeleted: async (event: Recorded<AccountDeleted>, em) => {
      await em.execute('DELETE FROM live_streams WHERE channel_id = ?', [event.data.userId], 'run');
      await em.execute('UPDATE channel_broadcasts SET live_stream_id = NULL WHERE channel_id = ?', [event.data.userId], 'run');
    },
  },
});

async function updateColumns(em: EntityManager, table: 'live_streams' | 'stream_history', streamId: string, changes: Partial<StreamInfo>, fields: ReadonlyArray<keyof StreamInfo>): Promise<void> {
  const changed = fields.filter((field) => changes[field] !== undefined);
  if (changed.length === 0) return;
  // Column names come from the fixed list above, never from the event.
  const assignments = changed.map((field) => (field === 'tags' ? `${LIVE_COLUMNS[field]} = ${TAGS}` : `${LIVE_COLUMNS[field]} = ?`));
  await em.execute(`UPDATE ${table} SET ${assignments.join(', ')} WHERE stream_id = ?`, [...changed.map((field) => (field === 'tags' ? JSON.stringify(changes.tags) : changes[field])), streamId], 'run');
}
