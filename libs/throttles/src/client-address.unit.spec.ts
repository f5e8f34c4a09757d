import type { IncomingMessage } from 'node:http';
import { clientAddressOf } from './client-address';

const upgrade = (peer: string, forwardedFor?: string) => ({ socket: { remoteAddress: peer }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

describe('the client address of a socket upgrade', () => {
  it.each([
    ['no proxy trusted: the peer, whatever it forwards', upgrade('203.0.113.9', '198.51.100.1'), 0, '203.0.113.9'],
    ['one proxy: the address it forwarded', upgrade('10.0.0.2', '198.51.100.1'), 1, '198.51.100.1'],
    ['one proxy, a client that forged a first entry: the entry the proxy added', upgrade('10.0.0.2', '6.6.6.6, 198.51.100.1'), 1, '198.51.100.1'],
    ['two proxies', upgrade('10.0.0.2', '198.51.100.1, 10.0.0.1'), 2, '198.51.100.1'],
    ['more proxies trusted than forwarded: the first address known', upgrade('10.0.0.2', '198.51.100.1'), 3, '198.51.100.1'],
    ['one proxy that forwarded nothing: the peer', upgrade('10.0.0.2'), 1, '10.0.0.2'],
  ])('%s', (_, request, hops, address) => {
    expect(clientAddressOf(request, hops)).toBe(address);
  });
});
