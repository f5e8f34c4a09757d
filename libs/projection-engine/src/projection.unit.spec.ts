import { EntitySchema } from '@mikro-orm/core';
import { defineProjection } from './projection';

const noop = () => undefined;
const entity = (options: { tableName?: string; schema?: string }) =>
  new EntitySchema<{ id: string }>({ name: 'ChannelPageRow', ...options, properties: { id: { type: 'text', primary: true } } });

describe('defineProjection', () => {
  it.each([
    ['a name that cannot be part of a schema name', 'Account-History', { tables: ['t'], entities: [], allEvents: noop }, /Projection name "Account-History" is not usable/],
    ['no table', 'account_history', { tables: [], entities: [], allEvents: noop }, /owns no table/],
    ['a qualified table', 'account_history', { tables: ['public.account_history'], entities: [], allEvents: noop }, /lists table "public.account_history"/],
    ['no handler', 'account_history', { tables: ['account_history'], entities: [], handlers: {} }, /handles no event/],
    ['an entity on a table it does not own', 'channel_page', { tables: ['channel_page'], entities: [entity({ tableName: 'live_listing' })], allEvents: noop },
      /Entity ChannelPageRow of projection "channel_page" must set a tableName listed in the projection's tables \(channel_page\)/],
    ['an entity with no table name', 'channel_page', { tables: ['channel_page'], entities: [entity({})], allEvents: noop }, /must set a tableName/],
    ['an entity in a schema of its own', 'channel_page', { tables: ['channel_page'], entities: [entity({ tableName: 'channel_page', schema: 'reporting' })], allEvents: noop },
      /names schema "reporting"/],
  ])('refuses %s', (_, name, definition, message) => {
    expect(() => defineProjection(name, definition)).toThrow(message);
  });

  it('keeps what it was given, frozen', () => {
    const handler = noop;
    const projection = defineProjection('channel_page', { tables: ['channel_page'], entities: [], handlers: { ChannelFollowed: handler } });
    expect(projection).toEqual({ name: 'channel_page', tables: ['channel_page'], entities: [], handlers: { ChannelFollowed: handler }, allEvents: undefined });
    expect(Object.isFrozen(projection) && Object.isFrozen(projection.handlers)).toBe(true);
  });
});
