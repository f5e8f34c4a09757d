import { EntitySchema } from '@mikro-orm/core';
import { defineProjection } from './projection';
import { nullable, readModelTable } from './read-model-table';

const noop = () => undefined;
const pages = readModelTable('channel_page', { key: ['channel_id'], columns: { channel_id: 'text', title: 'text' } });
const entity = (options: { tableName?: string; schema?: string }) =>
  new EntitySchema<{ id: string }>({ name: 'ChannelPageRow', ...options, properties: { id: { type: 'text', primary: true } } });

describe('defineProjection', () => {
  it.each([
    ['a name that cannot be part of a schema name', { name: 'Account-History', tables: { channel_page: pages }, allEvents: noop }, /Projection name "Account-History" is not usable/],
    ['no table', { name: 'account_history', tables: {}, allEvents: noop }, /owns no table/],
    ['a table under another name', { name: 'channel_page', tables: { pages }, allEvents: noop }, /lists table channel_page under "pages"/],
    ['no handler', { name: 'channel_page', tables: { channel_page: pages }, handlers: {} }, /handles no event/],
    ['an entity on a table it does not own', { name: 'channel_page', tables: { channel_page: pages }, entities: [entity({ tableName: 'live_listing' })], allEvents: noop },
      /Entity ChannelPageRow of projection "channel_page" must set a tableName listed in the projection's tables \(channel_page\)/],
    ['an entity in a schema of its own', { name: 'channel_page', tables: { channel_page: pages }, entities: [entity({ tableName: 'channel_page', schema: 'reporting' })], allEvents: noop },
      /names schema "reporting"/],
  ])('refuses %s', (_, definition, message) => {
    expect(() => defineProjection()(definition)).toThrow(message);
  });

  it('keeps what it was given, frozen', () => {
    const handler = noop;
    const projection = defineProjection<{ type: 'ChannelFollowed'; data: { channelId: string } }>()({ name: 'channel_page', tables: { channel_page: pages }, handlers: { ChannelFollowed: handler } });
    expect(projection).toEqual({ name: 'channel_page', tables: { channel_page: pages }, handlers: { ChannelFollowed: handler }, allEvents: undefined, entities: [] });
    expect(Object.isFrozen(projection) && Object.isFrozen(projection.handlers)).toBe(true);
  });
});

describe('readModelTable', () => {
  it.each([
    ['a qualified name', () => readModelTable('public.pages', { key: ['id'], columns: { id: 'text' } }), /Table name "public.pages" is not usable/],
    ['no key', () => readModelTable('pages', { key: [], columns: { id: 'text' } }), /declares no key/],
    ['a nullable key column', () => readModelTable('pages', { key: ['id'], columns: { id: nullable('text') } }), /key column "id" declared nullable/],
    ['a column name that needs quoting', () => readModelTable('pages', { key: ['id'], columns: { id: 'text', 'Title Case': 'text' } }), /column "Title Case"/],
  ])('refuses %s', (_, declare, message) => {
    expect(declare).toThrow(message);
  });
});
