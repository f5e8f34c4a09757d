import { WebSocket } from 'ws';
import type { RawData } from 'ws';

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
 * Nest passes frames it cannot read, or whose event no handler takes, silently by; the client is
 * told instead, so a typo is not mistaken for a chat gone quiet.
 */
export function answerUnknownFrames(socket: WebSocket, events: ReadonlySet<string>): void {
  socket.on('message', (raw: RawData) => {
    let event: unknown;
    try {
      event = (JSON.parse(raw.toString()) as { event?: unknown } | null)?.event;
    } catch {
      sendFrame(socket, { event: 'error', data: { error: 'unreadable_frame', message: 'Frames are JSON objects: {"event": "...", "data": {...}}.' } });
      return;
    }
    if (typeof event !== 'string' || !events.has(event)) {
      sendFrame(socket, { event: 'error', data: { error: 'unknown_frame', message: `Unknown event ${JSON.stringify(event)}: send one of ${[...events].join(', ')}.` } });
    }
  });
}
