import { ChannelPageCache } from '@glint/channels';
import { serveApiDocs } from '@glint/api';
import { startHttpApp, type StartedHttpApp } from '@glint/runtime';
import { serveCachedChannelPages } from './api/cached-channel-pages';
import { PlatformModule } from './platform.module';

/**
 * The platform as `npm start` runs it: the shared start sequence (configuration, Redis, the
 * database, then Nest), the channel page answered from its cache ahead of Nest's routing, and the
 * API docs. `overrides` take the place of environment variables (tests run several platforms in
 * one process).
 */
export function startPlatform(overrides: Record<string, string> = {}): Promise<StartedHttpApp> {
  return startHttpApp({
    overrides,
    module: (resources) => PlatformModule.register(resources),
    prepareAdapter: (adapter) => {
      const pages = serveCachedChannelPages(adapter);
      return (app) => {
        pages.cache = app.get(ChannelPageCache, { strict: false });
      };
    },
    beforeListen: (app) => serveApiDocs(app),
  });
}
