import type { ChannelPageResponse } from './channel-page.response';
import { ChannelPageCache } from './channel-page-cache';

const page = (title: string) => ({ channelId: 'c-1', username: 'Sam', title }) as unknown as ChannelPageResponse;

describe('the channel page cache', () => {
  let now: number;
  let cache: ChannelPageCache;
  beforeEach(() => {
    now = 1_000_000;
    cache = new ChannelPageCache({ maxAgeMs: 5_000, maxPages: 2, now: () => now });
    cache.startListening();
  });

  it('serves a stored page, by any letter case, with its JSON', () => {
    cache.store('Sam', 'c-1', page('one'), 10);
    expect(cache.fresh('sAM')).toMatchObject({ channelId: 'c-1', response: page('one'), body: JSON.stringify(page('one')) });
  });

  it('drops a page once a change past the checkpoint it was read at is heard of', () => {
    cache.store('sam', 'c-1', page('one'), 10);
    cache.changed('c-1', 10);
    expect(cache.fresh('sam')).not.toBeNull();
    cache.changed('c-1', 11);
    expect(cache.fresh('sam')).toBeNull();
  });

  it('does not keep a page read before a change it already heard of: the projection had not got there', () => {
    cache.changed('c-1', 20);
    cache.store('sam', 'c-1', page('old'), 19);
    expect(cache.fresh('sam')).toBeNull();
    cache.store('sam', 'c-1', page('new'), 20);
    expect(cache.fresh('sam')?.response).toEqual(page('new'));
  });

  it('reads a page again after its maximum age, even with no change heard of', () => {
    cache.store('sam', 'c-1', page('one'), 10);
    now += 5_001;
    expect(cache.fresh('sam')).toBeNull();
  });

  it('serves nothing while the change feed is not connected, and forgets everything when it drops', () => {
    const idle = new ChannelPageCache({ now: () => now });
    idle.store('sam', 'c-1', page('one'), 10);
    expect(idle.fresh('sam')).toBeNull();

    cache.store('sam', 'c-1', page('one'), 10);
    cache.stopListening();
    cache.startListening();
    expect(cache.fresh('sam')).toBeNull();
  });

  it('keeps at most its number of pages, forgetting the oldest first', () => {
    cache.store('a', 'c-a', page('a'), 1);
    cache.store('b', 'c-b', page('b'), 1);
    cache.store('c', 'c-c', page('c'), 1);
    expect([cache.fresh('a'), cache.fresh('b') !== null, cache.fresh('c') !== null]).toEqual([null, true, true]);
  });
});
