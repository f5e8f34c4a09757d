import type { Recorded } from '@glint/eventstore';
import { defineProjection } from './projection';
import { jsonb, nullable, readModelTable, type RowOf } from './read-model-table';

// Compiled by `npm run typecheck`: each `@ts-expect-error` fails the build if its line compiles.

type ChannelCreated = { type: 'ChannelCreated'; data: { channelId: string; title: string } };
type ChannelFollowed = { type: 'ChannelFollowed'; data: { channelId: string; followerId: string } };

const pages = readModelTable('channel_page', {
  key: ['channel_id'],
  columns: { channel_id: 'text', title: 'text', tags: jsonb<string[]>(), follower_count: 'integer', started_at: nullable('timestamptz') },
});
type PageRow = RowOf<typeof pages>;

const row: PageRow = { channel_id: 'c', title: 't', tags: ['a'], follower_count: 0, started_at: null };
// @ts-expect-error a jsonb<string[]> column holds string[]
const wrongTags: PageRow = { ...row, tags: 'a' };
// @ts-expect-error a column not declared nullable takes no null
const nullTitle: PageRow = { ...row, title: null };

describe('defineProjection, typed by the union of its events', () => {
  it('takes handlers keyed by the union\'s types, each with its own event, and tables typed by their declarations', () => {
    const projection = defineProjection<ChannelCreated | ChannelFollowed>()({
      name: 'channel_page',
      tables: { channel_page: pages },
      handlers: {
        ChannelCreated: (event, tables) => {
          const title: string = event.data.title;
          tables.channel_page.put({ channel_id: event.data.channelId, title, tags: [], follower_count: 0, started_at: null });
          // @ts-expect-error a whole row has every column
          tables.channel_page.put({ channel_id: event.data.channelId, title });
          // @ts-expect-error the key is not a column to change
          tables.channel_page.set({ channel_id: event.data.channelId }, { channel_id: 'other' });
          // @ts-expect-error only numbers are added to
          tables.channel_page.add({ channel_id: event.data.channelId }, 'title', 1);
        },
        ChannelFollowed: (event, tables) => {
          // @ts-expect-error a ChannelFollowed has no title
          void event.data.title;
          tables.channel_page.add({ channel_id: event.data.channelId }, 'follower_count', 1);
          // @ts-expect-error the projection owns no such table
          void tables.follows;
        },
      },
    });
    expect(Object.keys(projection.handlers)).toEqual(['ChannelCreated', 'ChannelFollowed']);
  });

  it('refuses a key that is not a type of the union, and a handler of another type\'s event', () => {
    defineProjection<ChannelCreated | ChannelFollowed>()({
      name: 'channel_page',
      tables: { channel_page: pages },
      handlers: {
        // @ts-expect-error ChannelDeleted is not one of the union's types
        ChannelDeleted: () => undefined,
      },
    });
    defineProjection<ChannelCreated | ChannelFollowed>()({
      name: 'channel_page',
      tables: { channel_page: pages },
      handlers: {
        // @ts-expect-error the handler of ChannelCreated takes a ChannelCreated
        ChannelCreated: (event: Recorded<ChannelFollowed>) => void event.data.followerId,
      },
    });
    expect([wrongTags, nullTitle]).toHaveLength(2);
  });
});
