import { networkInterfaces } from 'node:os';
import { startPlatformUnderTest, type PlatformUnderTest } from '@glint/testing/platform';

/** An address of this machine other than loopback: what another machine on its network would reach. */
function outwardAddress(): string {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((candidate) => candidate !== undefined && !candidate.internal && candidate.family === 'IPv4')?.address;
  if (!address) throw new Error('This machine has no IPv4 address but loopback: the test needs one to knock on from outside.');
  return address;
}

const knock = (url: string) =>
  fetch(url).then(
    async (response) => ({ status: response.status, body: (await response.json()) as unknown }),
    (error: Error & { cause?: { code?: string } }) => ({ refused: error.cause?.code ?? error.message }),
  );

describe('the address the platform listens on (HOST)', () => {
  const started: PlatformUnderTest[] = [];
  afterAll(() => Promise.all(started.map((platform) => platform.close())));

  const start = async (env: Record<string, string>) => {
    const platform = await startPlatformUnderTest({ env });
    started.push(platform);
    return { platform, port: new URL(platform.baseUrl).port };
  };

  it('listens on this machine alone by default: another address of it is refused', async () => {
    const { platform, port } = await start({});
    expect((await knock(`${platform.baseUrl}/health`)) as { status: number }).toMatchObject({ status: 200 });
    expect(await knock(`http://${outwardAddress()}:${port}/health`)).toEqual({ refused: 'ECONNREFUSED' });
  });

  it('listens on every interface with HOST=0.0.0.0, and shows a caller from another address only the status', async () => {
    const { platform, port } = await start({ HOST: '0.0.0.0' });
    expect(await knock(`http://${outwardAddress()}:${port}/health`)).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await knock(`${platform.baseUrl}/health`)).toMatchObject({ status: 200, body: { status: 'ok', details: { projections: expect.any(Object) } } });
    expect((await fetch(`http://${outwardAddress()}:${port}/metrics`)).status).toBe(403);
  });
});
