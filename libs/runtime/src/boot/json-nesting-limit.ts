import { Transform } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { JsonNesting, nestsTooDeep, tooDeep } from '@glint/safe-text';

/**
 * Refuses a JSON body nested deeper than Glint ever needs (400 `too_deep`) while it streams in,
 * before it is parsed: a few thousand levels would otherwise reach the recursion of the DTO
 * transformer and the validator. Other bodies (SDP, forms) pass untouched.
 */
export function limitJsonNesting(fastify: FastifyInstance): void {
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    if (!isJson(request.headers['content-type'])) return payload;
    const nesting = new JsonNesting();
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        if (nesting.accept(chunk)) done(null, chunk);
        else done(tooDeep());
      },
    });
    // Not `pipeline`: it would destroy the request, and with it the socket the 400 goes out on.
    payload.on('error', (error) => counted.destroy(error));
    return payload.pipe(counted);
  });
}

function isJson(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

/** What a socket frame turned out to be: its JSON, or why it cannot be read. */
export type SocketFrameReading = { frame: unknown } | { refused: 'too_deep' | 'unreadable_frame' };

/**
 * Reads a socket frame's JSON, refusing one nested too deep before it is parsed; every WebSocket
 * of a Glint process reads frames through this, the adapter and each socket's own error answers.
 */
export function readSocketFrame(data: string | Buffer | ArrayBuffer | Buffer[]): SocketFrameReading {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  if (nestsTooDeep(bytes)) return { refused: 'too_deep' };
  try {
    return { frame: JSON.parse(bytes.toString('utf8')) };
  } catch {
    return { refused: 'unreadable_frame' };
  }
}
