/**
 * The floor of the channel page: a bare `node:http` server answering every request with the bytes
 * Glint served for the page, under the same content type. Nothing between the socket and the reply.
 * Prints `{"port": …}` once it listens; exits when its parent closes stdin.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

interface BarePageSettings {
  bodyBase64: string;
  contentType: string;
}

const settings = JSON.parse(process.argv[2]) as BarePageSettings;
const body = Buffer.from(settings.bodyBase64, 'base64');
const headers = { 'content-type': settings.contentType, 'content-length': String(body.length) };

const server = createServer((request, response) => {
  // The request body, if any, is drained so the connection stays usable.
  request.resume();
  response.writeHead(200, headers);
  response.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`));
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
