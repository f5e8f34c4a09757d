import { ApiClient } from '@glint/testing';
import { startPlatformUnderTest, type PlatformUnderTest } from '@glint/testing/platform';

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

  it.each([
    ['a body that is not JSON', { 'content-type': 'application/json' }, '{"title": ', 400, 'bad_request'],
    ['an empty JSON body', { 'content-type': 'application/json' }, '', 400, 'bad_request'],
    ['a body over 1 MiB', { 'content-type': 'application/json' }, JSON.stringify({ title: 'x'.repeat(1024 * 1024) }), 413, 'payload_too_large'],
  ])('answers %s with a problem-details body before any route reads it', async (_, headers, rawBody, status, error) => {
    const response = await api.request('POST', '/api/anything', { headers, rawBody });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ status, error, instance: '/api/anything' });
  });
});
