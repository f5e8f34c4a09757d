import { expectStatus, type ApiClient } from '../api-client';

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
