import { ApiClient } from '../api-client';
import { Given } from './given';
import { startPlatformUnderTest, type PlatformUnderTest } from './platform-under-test';

/** One platform for a test file, with a client and builders on it. */
export interface PlatformFixture {
  readonly platform: PlatformUnderTest;
  readonly api: ApiClient;
  readonly given: Given;
}

/**
 * Starts a platform for the test file before its tests and closes it after them; its parts are
 * there from the first `beforeAll` on.
 *
 *   const glint = usePlatform();
 *   it('…', async () => { const ana = await glint.given.user(); … glint.api.get(…) });
 */
export function usePlatform(options: Parameters<typeof startPlatformUnderTest>[0] = {}): PlatformFixture {
  let started: PlatformFixture | undefined;
  beforeAll(async () => {
    const platform = await startPlatformUnderTest(options);
    started = { platform, api: new ApiClient(platform.baseUrl), given: new Given(platform) };
  });
  afterAll(() => started?.platform.close());
  const part = <Key extends keyof PlatformFixture>(key: Key): PlatformFixture[Key] => {
    if (!started) throw new Error('The platform of this test file is not started yet: use it inside beforeAll, beforeEach or a test.');
    return started[key];
  };
  return {
    get platform() {
      return part('platform');
    },
    get api() {
      return part('api');
    },
    get given() {
      return part('given');
    },
  };
}
