import type { EventStore } from '@glint/eventstore';
import { ApiClient, expectStatus, recordsNothing, type ApiResponse } from '@glint/testing';
import { eventStore, Given, type GivenUser, startPlatformUnderTest, type PlatformUnderTest } from '@glint/testing/platform';

describe('developer apps over HTTP', () => {
  let platform: PlatformUnderTest;
  let api: ApiClient;
  let store: EventStore;
  let ana: GivenUser;
  let ben: GivenUser;

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    api = new ApiClient(platform.baseUrl);
    store = eventStore(platform);
    const given = new Given(platform);
    [ana, ben] = await Promise.all([given.user(), given.user()]);
  });
  afterAll(() => platform?.close());

  const tokenFor = (body: Record<string, string>) => api.post('/api/oauth/token', body);
  const tokenByForm = (body: Record<string, string>) =>
    api.request('POST', '/api/oauth/token', { rawBody: new URLSearchParams(body).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });

  it('refuses a registration from nobody, and any broken rule with a 400 naming the field, recording nothing', async () => {
    await recordsNothing(store, async () => {
      expect((await api.post('/api/apps', { name: 'Clip Bot' })).body).toMatchObject({ status: 401, error: 'sign_in_required' });
      for (const [body, field] of [
        [{ name: 'ab' }, 'name'],
        [{ name: 'x'.repeat(51) }, 'name'],
        [{ name: 42 }, 'name'],
        [{}, 'name'],
        [{ name: 'Clip Bot', description: 'x'.repeat(501) }, 'description'],
        [{ name: 'Clip Bot', scopes: ['public', 'admin'] }, 'scopes'],
        [{ name: 'Clip Bot', scopes: [] }, 'scopes'],
        [{ name: 'Clip Bot', scopes: 'public' }, 'scopes'],
        [{ name: 'Clip Bot', owner: ben.userId }, 'owner'],
      ] as const) {
        const refused = await api.post('/api/apps', body, ana.token);
        expect({ body, status: refused.status, error: refused.body.error, field: refused.body.field }).toEqual({ body, status: 400, error: 'invalid_input', field });
      }
      const blank = await api.post('/api/apps', { name: '    ' }, ana.token);
      expect({ status: blank.status, error: blank.body.error, field: blank.body.field }).toEqual({ status: 400, error: 'invalid_app_name', field: 'name' });
    });
  });

  it('registers an app, lists it without secrets to its owner only, and issues tokens by JSON or form', async () => {
    const registered = await api.post('/api/apps', { name: 'Clip Bot', description: 'Makes clips', scopes: ['chat', 'public'] }, ana.token);
    expect(registered.status).toBe(201);
    expect(registered.body).toEqual({ appId: expect.any(String), clientId: expect.any(String), clientSecret: expect.stringMatching(/^glcs_/), scopes: ['public', 'chat'] });
    const { appId, clientId, clientSecret } = registered.body;

    const listed = await api.get('/api/apps', ana.token);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      { appId, name: 'Clip Bot', description: 'Makes clips', clientId, scopes: ['public', 'chat'], registeredAt: expect.any(String), secretRotatedAt: null },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(clientSecret);
    expect((await api.get('/api/apps', ben.token)).body).toEqual({ items: [], nextCursor: null });
    expect((await api.get('/api/apps')).status).toBe(401);

    const byJson = await tokenFor({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    expect(byJson.status).toBe(200);
    expect(byJson.headers.get('cache-control')).toBe('no-store');
    expect(byJson.body).toEqual({ access_token: expect.stringMatching(/^gla_/), token_type: 'bearer', expires_in: 3600, scope: 'public chat' });

    const byForm = await tokenByForm({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'chat' });
    expect({ status: byForm.status, scope: byForm.body.scope }).toEqual({ status: 200, scope: 'chat' });

    // The token is an app's, not a person's: it authenticates, and a person's route refuses it.
    const asApp = await api.get('/api/apps', byJson.body.access_token);
    expect({ status: asApp.status, error: asApp.body.error }).toEqual({ status: 403, error: 'user_session_required' });
  });

  it('answers a token request that fails with the RFC 6749 error codes, recording nothing', async () => {
    const { clientId, clientSecret } = (await api.post('/api/apps', { name: 'Scoped Bot', scopes: ['public'] }, ana.token)).body;
    await recordsNothing(store, async () => {
      const cases: Array<[Record<string, string>, number, string, string | undefined]> = [
        [{ grant_type: 'client_credentials', client_id: clientId, client_secret: 'glcs_wrong' }, 401, 'invalid_client', undefined],
        [{ grant_type: 'client_credentials', client_id: 'unknown-client', client_secret: clientSecret }, 401, 'invalid_client', undefined],
        [{ grant_type: 'password', client_id: clientId, client_secret: clientSecret }, 400, 'unsupported_grant_type', 'grant_type'],
        [{ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'public streamkey' }, 400, 'invalid_scope', 'scope'],
        [{ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'everything' }, 400, 'invalid_scope', 'scope'],
        [{ grant_type: 'client_credentials', client_secret: clientSecret }, 400, 'invalid_input', 'client_id'],
      ];
      for (const [body, status, error, field] of cases) {
        const refused = await tokenByForm(body);
        expect({ body, status: refused.status, error: refused.body.error, field: refused.body.field }).toEqual({ body, status, error, field });
        expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
      }
    });
  });

  it('rotates the secret for its owner only: the old secret gets no new token, tokens issued before keep working', async () => {
    const { appId, clientId, clientSecret } = (await api.post('/api/apps', { name: 'Rotating Bot' }, ana.token)).body;
    const before = (await tokenFor({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret })).body.access_token;

    await recordsNothing(store, async () => {
      expect((await api.post(`/api/apps/${appId}/secret`, undefined, ben.token)).body).toMatchObject({ status: 403, error: 'not_app_owner' });
      expect((await api.post('/api/apps/7d3c1f1e-0000-4000-8000-000000000000/secret', undefined, ana.token)).body).toMatchObject({ status: 404, error: 'app_not_found' });
      expect((await api.post('/api/apps/not-an-id/secret', undefined, ana.token)).body).toMatchObject({ status: 400, error: 'invalid_input', field: 'appId' });
      expect((await api.post(`/api/apps/${appId}/secret`, undefined, before)).body).toMatchObject({ status: 403, error: 'user_session_required' });
    });

    const rotated = await api.post(`/api/apps/${appId}/secret`, undefined, ana.token);
    expect(rotated.status).toBe(201);
    expect(rotated.body).toEqual({ appId, clientSecret: expect.stringMatching(/^glcs_/) });
    expect((await tokenFor({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret })).status).toBe(401);
    expect((await tokenFor({ grant_type: 'client_credentials', client_id: clientId, client_secret: rotated.body.clientSecret })).status).toBe(200);
    expect((await api.get('/api/apps', before)).status).toBe(403);
    expect((await api.get('/api/apps', ana.token)).body.items.find((app: { appId: string }) => app.appId === appId).secretRotatedAt).toEqual(expect.any(String));
  });

  it('deletes an app for its owner only: its tokens stop at once, and deleting again records nothing', async () => {
    const { appId, clientId, clientSecret } = (await api.post('/api/apps', { name: 'Doomed Bot' }, ana.token)).body;
    const token = (await tokenFor({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret })).body.access_token;

    await recordsNothing(store, async () => {
      expect((await api.delete(`/api/apps/${appId}`, ben.token)).body).toMatchObject({ status: 403, error: 'not_app_owner' });
      expect((await api.delete(`/api/apps/${appId}`)).status).toBe(401);
    });
    expect((await api.delete(`/api/apps/${appId}`, ana.token)).status).toBe(204);
    expect((await api.get('/api/apps', token)).body).toMatchObject({ status: 401, error: 'invalid_token' });
    expect((await tokenFor({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret })).body).toMatchObject({ status: 401, error: 'invalid_client' });
    expect((await api.get('/api/apps', ana.token)).body.items.map((app: { appId: string }) => app.appId)).not.toContain(appId);
    await recordsNothing(store, async () => {
      expect((await api.delete(`/api/apps/${appId}`, ana.token)).status).toBe(204);
    });
  });

  it('pages through my apps oldest first, keeps its place when the last app shown is deleted, and refuses a cursor it did not give out', async () => {
    const cleo = await new Given(platform).user();
    const registered: string[] = [];
    for (const name of ['First Bot', 'Second Bot', 'Third Bot']) registered.push(expectStatus(await api.post('/api/apps', { name }, cleo.token), 201, 'registering an app').body.appId);
    const appIds = (page: ApiResponse) => (page.body.items as Array<{ appId: string }>).map((app) => app.appId);

    const whole = await api.get('/api/apps', cleo.token);
    expect({ appIds: appIds(whole), nextCursor: whole.body.nextCursor }).toEqual({ appIds: registered, nextCursor: null });
    const first = await api.get('/api/apps?limit=2', cleo.token);
    expect({ appIds: appIds(first), nextCursor: first.body.nextCursor }).toEqual({ appIds: registered.slice(0, 2), nextCursor: expect.any(String) });
    expectStatus(await api.delete(`/api/apps/${registered[1]}`, cleo.token), 204, 'deleting the last app shown');
    const last = await api.get(`/api/apps?limit=2&cursor=${first.body.nextCursor}`, cleo.token);
    expect({ appIds: appIds(last), nextCursor: last.body.nextCursor }).toEqual({ appIds: [registered[2]], nextCursor: null });

    const anasApp = (await api.get('/api/apps?limit=1', ana.token)).body.items[0].appId;
    for (const [query, error, field] of [
      ['?cursor=not-a-cursor', 'invalid_cursor', 'cursor'],
      [`?cursor=${anasApp}`, 'invalid_cursor', 'cursor'],
      ['?limit=0', 'invalid_input', 'limit'],
      ['?limit=101', 'invalid_input', 'limit'],
    ]) {
      const refused = await api.get(`/api/apps${query}`, cleo.token);
      expect({ query, status: refused.status, error: refused.body.error, field: refused.body.field }).toEqual({ query, status: 400, error, field });
    }
  });

  it('documents the routes in the OpenAPI document', async () => {
    const { body } = await api.get('/api/docs-json');
    expect(Object.keys(body.paths)).toEqual(expect.arrayContaining(['/api/apps', '/api/apps/{appId}/secret', '/api/apps/{appId}', '/api/oauth/token']));
  });
});
