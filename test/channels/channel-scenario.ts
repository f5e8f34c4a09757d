import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventStore } from '@glint/eventstore';
import { EVENT_STORE, READ_MODELS, type ReadModels } from '@glint/runtime';
import type { ApiClient, ApiResponse } from '../support/api-client';
import type { PlatformUnderTest } from '../support/platform-under-test';

/** Position of the newest event: unchanged after a request means the request recorded nothing. */
export function headPosition(platform: PlatformUnderTest): Promise<number> {
  return platform.app.get<EventStore>(EVENT_STORE, { strict: false }).headPosition();
}

export function readModels(platform: PlatformUnderTest): EntityManager {
  return platform.app.get<ReadModels>(READ_MODELS, { strict: false }).entityManager();
}

/** A client-credentials token of an app the user registers with exactly `scopes`. */
export async function appToken(api: ApiClient, ownerToken: string, scopes: string[]): Promise<string> {
  const app = expectStatus(await api.post('/api/apps', { name: `Glint app ${scopes.join(' ') || 'none'}`, scopes }, ownerToken), 201, 'registering an app');
  const token = expectStatus(
    await api.post('/api/oauth/token', { grant_type: 'client_credentials', client_id: app.body.clientId, client_secret: app.body.clientSecret, scope: scopes.join(' ') }),
    200,
    'asking for an app token',
  );
  return token.body.access_token;
}

export function expectStatus<Body>(response: ApiResponse<Body>, status: number, doing: string): ApiResponse<Body> {
  if (response.status !== status) throw new Error(`${doing} answered ${response.status}, not ${status}: ${JSON.stringify(response.body)}`);
  return response;
}
