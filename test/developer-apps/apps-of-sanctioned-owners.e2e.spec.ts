import type { EventStore } from '@glint/eventstore';
import { ApiClient, expectStatus, recordsNothing } from '@glint/testing';
import { eventStore, Given, type GivenUser, startPlatformUnderTest, type PlatformUnderTest } from '@glint/testing/platform';

/** An app acts for its owner: banned or deleted, the owner's apps stop, and a lifted ban brings them back. */
describe('apps of banned and deleted owners', () => {
  let platform: PlatformUnderTest;
  let api: ApiClient;
  let store: EventStore;
  let given: Given;
  let support: GivenUser;

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    api = new ApiClient(platform.baseUrl);
    store = eventStore(platform);
    given = new Given(platform);
    support = await given.user({ staffRole: 'support' });
  });
  afterAll(() => platform?.close());

  async function registeredApp(owner: GivenUser): Promise<{ appId: string; clientId: string; clientSecret: string }> {
    return expectStatus(await api.post('/api/apps', { name: 'Clip Bot', scopes: ['public'] }, owner.token), 201, 'registering an app').body;
  }

  const tokenFor = (app: { clientId: string; clientSecret: string }) => api.post('/api/oauth/token', { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret });
  const listedByStaff = async (owner: GivenUser) => expectStatus(await api.get(`/api/staff/users/${owner.userId}/apps`, support.token), 200, 'listing the user’s apps').body;
  const staffAct = async (method: 'POST' | 'DELETE', owner: GivenUser) =>
    expectStatus(await api.request(method, `/api/staff/users/${owner.userId}/global-ban`, { token: support.token, body: method === 'POST' ? { reason: 'Runs a spam network' } : undefined }), 204, `${method} global-ban`);

  it('stops issuing and honouring a banned owner’s app tokens, shows the app suspended to staff, and restores it all on unban', async () => {
    const owner = await given.user();
    const app = await registeredApp(owner);
    const token = expectStatus(await tokenFor(app), 200, 'a token before the ban').body.access_token;
    expect((await api.get('/api/streams/live', token)).status).toBe(200);
    expect((await listedByStaff(owner)).items).toEqual([expect.objectContaining({ appId: app.appId, suspended: false, suspension: null })]);

    await staffAct('POST', owner);
    expect((await api.get('/api/streams/live', token)).body).toMatchObject({ status: 401, error: 'invalid_token' });
    await recordsNothing(store, async () => {
      const refused = await tokenFor(app);
      expect(refused.body).toMatchObject({ status: 401, error: 'invalid_client' });
      expect(refused.body.detail).toMatch(/suspended/);
    });
    expect((await listedByStaff(owner)).items).toEqual([expect.objectContaining({ appId: app.appId, suspended: true, suspension: 'owner_globally_banned' })]);

    await staffAct('DELETE', owner);
    expect((await api.get('/api/streams/live', token)).status).toBe(200);
    const after = expectStatus(await tokenFor(app), 200, 'a token after the ban is lifted').body.access_token;
    expect((await api.get('/api/streams/live', after)).status).toBe(200);
    expect((await listedByStaff(owner)).items).toEqual([expect.objectContaining({ appId: app.appId, suspended: false, suspension: null })]);
  });

  it('stops a deleted owner’s apps for good', async () => {
    const owner = await given.user();
    const app = await registeredApp(owner);
    const token = expectStatus(await tokenFor(app), 200, 'a token before the deletion').body.access_token;

    expectStatus(await api.delete('/api/users/me', owner.token, { password: owner.password }), 204, 'deleting the account');
    expect((await api.get('/api/streams/live', token)).body).toMatchObject({ status: 401, error: 'invalid_token' });
    await recordsNothing(store, async () => {
      expect((await tokenFor(app)).body).toMatchObject({ status: 401, error: 'invalid_client' });
    });
    expect((await listedByStaff(owner)).items).toEqual([expect.objectContaining({ appId: app.appId, suspended: true, suspension: 'owner_deleted' })]);
  });

  it('tells a wrong secret nothing of the owner’s ban', async () => {
    const owner = await given.user();
    const app = await registeredApp(owner);
    await staffAct('POST', owner);
    const refused = await tokenFor({ clientId: app.clientId, clientSecret: 'glcs_wrong' });
    expect(refused.body).toMatchObject({ status: 401, error: 'invalid_client' });
    expect(refused.body.detail).not.toMatch(/suspended|banned/);
  });

  it('lists a user’s apps to support and admins only', async () => {
    const owner = await given.user();
    await registeredApp(owner);
    const analyst = await given.user({ staffRole: 'analyst' });
    await recordsNothing(store, async () => {
      expect((await api.get(`/api/staff/users/${owner.userId}/apps`, owner.token)).body).toMatchObject({ status: 403, error: 'staff_only' });
      expect((await api.get(`/api/staff/users/${owner.userId}/apps`, analyst.token)).body).toMatchObject({ status: 403, error: 'staff_only' });
      expect((await api.get(`/api/staff/users/${owner.userId}/apps`)).status).toBe(401);
      expect((await api.get('/api/staff/users/not-a-user/apps', support.token)).body).toMatchObject({ status: 400, field: 'userId' });
    });
  });
});
