import { ApiClient } from './support/api-client';
import { startPlatformUnderTest, type PlatformUnderTest } from './support/platform-under-test';

describe('the platform started in the test process', () => {
  let platform: PlatformUnderTest;
  let api: ApiClient;

  beforeAll(async () => {
    platform = await startPlatformUnderTest();
    api = new ApiClient(platform.baseUrl);
  });
  afterAll(() => platform?.close());

  it('answers /health and a problem-details 404, as the built platform does', async () => {
    const health = await api.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');

    const missing = await api.get('/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });
});
