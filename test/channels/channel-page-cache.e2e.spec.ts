import { ApiClient, eventually } from '@glint/testing';
import { Given, type GivenUser, startPlatformUnderTest, type PlatformUnderTest } from '@glint/testing/platform';

/**
 * Anonymous readers may get the channel page from a process's cache; an edit must still reach
 * them on every process within moments, and the editor sees it on their very next read.
 */
describe('the channel page served from the cache of two processes', () => {
  let first: PlatformUnderTest;
  let second: PlatformUnderTest;
  let owner: GivenUser;

  beforeAll(async () => {
    first = await startPlatformUnderTest();
    second = await startPlatformUnderTest({ databaseUrl: first.databaseUrl });
    owner = await new Given(first).user();
    expect((await new ApiClient(first.baseUrl).post('/api/channels', { title: 'Before' }, owner.token)).status).toBe(201);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  async function anonymousTitleOn(platform: PlatformUnderTest): Promise<string> {
    const response = await new ApiClient(platform.baseUrl).get(`/api/channels/${owner.username}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-correlation-id')).toEqual(expect.any(String));
    return response.body.title;
  }

  /**
   * Until the anonymous page on `platform` shows `title`. The deadline is what is tested: it is well
   * under the cache's 5 s maximum age, so a page is seen to change because its change was heard of,
   * not because it grew old.
   */
  const showsTitle = (platform: PlatformUnderTest, title: string) => eventually(async () => expect(await anonymousTitleOn(platform)).toBe(title), { timeoutMs: 3_000 });

  it('shows an edit to the editor at once, and to anonymous readers on both processes soon after', async () => {
    // Fill both caches.
    for (let read = 0; read < 3; read++) {
      await showsTitle(first, 'Before');
      await showsTitle(second, 'Before');
    }

    const edited = await new ApiClient(second.baseUrl).patch(`/api/channels/${owner.username}`, { title: 'After' }, owner.token);
    expect(edited.status).toBe(200);
    const ownRead = await new ApiClient(first.baseUrl).get(`/api/channels/${owner.username}`, owner.token);
    expect(ownRead.body.title).toBe('After');

    await showsTitle(first, 'After');
    await showsTitle(second, 'After');
    // Once seen, the old page never comes back.
    for (let read = 0; read < 20; read++) {
      expect(await anonymousTitleOn(first)).toBe('After');
      expect(await anonymousTitleOn(second)).toBe('After');
    }
  });

  it('answers a page that does not exist with 404 however often it is asked', async () => {
    for (let read = 0; read < 3; read++) expect((await new ApiClient(first.baseUrl).get('/api/channels/nobody_here')).status).toBe(404);
  });
});
