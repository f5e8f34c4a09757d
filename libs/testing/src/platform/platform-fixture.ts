import { ApiClient } from '../api-client';
import { MailCatcher, type MailCatcherOptions } from '../mail/mail-catcher';
import { Given } from './given';
import { startPlatformUnderTest, type PlatformUnderTest } from './platform-under-test';

/** One platform for a test file, with a client and builders on it. */
export interface PlatformFixture {
  readonly platform: PlatformUnderTest;
  readonly api: ApiClient;
  readonly given: Given;
  /** Where the platform's mail arrives, when the fixture was asked for one (`mail`). */
  readonly mail: MailCatcher;
}

export interface PlatformFixtureOptions {
  databaseUrl?: string;
  env?: Record<string, string>;
  /** Sends the platform's mail (MAIL_URL) to a catcher of the test file's own, read as `glint.mail`. */
  mail?: true | MailCatcherOptions;
}

/**
 * Starts a platform for the test file before its tests and closes it after them; its parts are
 * there from the first `beforeAll` on.
 *
 *   const glint = usePlatform();
 *   it('…', async () => { const ana = await glint.given.user(); … glint.api.get(…) });
 */
export function usePlatform(options: PlatformFixtureOptions = {}): PlatformFixture {
  let started: Partial<PlatformFixture> | undefined;
  beforeAll(async () => {
    const mail = options.mail ? await MailCatcher.start(options.mail === true ? {} : options.mail) : undefined;
    started = { mail };
    const platform = await startPlatformUnderTest({ databaseUrl: options.databaseUrl, env: { ...options.env, ...(mail ? { MAIL_URL: mail.url } : {}) } });
    started = { mail, platform, api: new ApiClient(platform.baseUrl), given: new Given(platform) };
  });
  afterAll(async () => {
    await started?.platform?.close();
    await started?.mail?.close();
  });
  const part = <Key extends keyof PlatformFixture>(key: Key): PlatformFixture[Key] => {
    if (!started) throw new Error('The platform of this test file is not started yet: use it inside beforeAll, beforeEach or a test.');
    const value = started[key];
    if (value === undefined) throw new Error(`This test file's platform has no ${key}: ask usePlatform for it.`);
    return value as PlatformFixture[Key];
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
    get mail() {
      return part('mail');
    },
  };
}
