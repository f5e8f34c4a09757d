import { WebSocket } from 'ws';
import type { RawData } from 'ws';
import { readSocketFrame } from '@glint/runtime';
import { tooDeep } from '@glint/safe-text';

/** A frame as it travels on a Glint WebSocket: `{event, data}`, with the event id on relayed frames. */
export interface Frame {
  event: string;
  data: unknown;
  id?: string;
}

/** Past this much unsent data a client is not keeping up, and holding more would only grow memory. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
export const TOO_SLOW_CLOSE = { code: 1013, reason: 'not reading fast enough: reconnect' } as const;

/** Largest frame a client may send; a chat message is far smaller. */
export const MAX_CLIENT_FRAME_BYTES = 16 * 1024;

export function sendFrame(socket: WebSocket, frame: Frame): void {
  if (socket.readyState !== WebSocket.OPEN) return;
  if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
    socket.close(TOO_SLOW_CLOSE.code, TOO_SLOW_CLOSE.reason);
    return;
  }
  socket.send(JSON.stringify(frame));
}

/**
 * Nest passes frames it cannot read, or whose event no handler takes, silently by (and the
 * platform's frame reader hands it none nested too deep); the client is told instead, so a typo is
 * not mistaken for a chat gone quiet.
 */
export function answerUnknownFrames(socket: WebSocket, events: ReadonlySet<string>): void {
  socket.on('message', (raw: RawData) => {
    const reading = readSocketFrame(raw);
    if ('refused' in reading) {
      const refusal = reading.refused === 'too_deep' ? tooDeep() : { code: 'unreadable_frame', message: 'Frames are JSON objects: {"event": "...", "data": {...}}.' };
      sendFrame(socket, { event: 'error', data: { error: refusal.code, message: refusal.message } });
      return;
    }
    const event = (reading.frame as { event?: unknown } | null)?.event;
    if (typeof event !== 'string' || !events.has(event)) {
      sendFrame(socket, { event: 'error', data: { error: 'unknown_frame', message: `Unknown event ${JSON.stringify(event)}: send one of ${[...events].join(', ')}.` } });
    }
  });
}
