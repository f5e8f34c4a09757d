/**
 * The floor of live updates: a bare `ws` server speaking the same frames as Glint's /ws/live. A
 * socket subscribes with `{"event":"subscribe",…}` and is answered `subscribed`; each HTTP POST's
 * body, a ready `channel_updated` frame, goes to every subscribed socket, sent as text as Glint sends it.
 * Prints `{"port": …}` once it listens; exits when its parent closes stdin.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

const subscribed = new Set<WebSocket>();

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const frame = Buffer.concat(chunks).toString();
    for (const socket of subscribed) socket.send(frame);
    response.writeHead(204).end();
  });
});
server.keepAliveTimeout = 60_000;

const sockets = new WebSocketServer({ server, path: '/ws/live' });
sockets.on('connection', (socket) => {
  socket.on('message', (raw) => {
    const frame = JSON.parse(raw.toString()) as { event: string; data: { topic: string } };
    if (frame.event !== 'subscribe') return;
    subscribed.add(socket);
    socket.send(JSON.stringify({ event: 'subscribed', data: { topic: frame.data.topic } }));
  });
  socket.on('close', () => subscribed.delete(socket));
});

server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`));
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
