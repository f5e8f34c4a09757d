import { randomFillSync } from 'node:crypto';

let lastMillis = 0;
let sequence = 0;
// Entropy is drawn in bulk: one system call per 512 ids instead of one per id.
const entropy = Buffer.alloc(8 * 1024);
let entropyOffset = entropy.length;

function take(bytes: number): number {
  if (entropyOffset + bytes > entropy.length) {
    randomFillSync(entropy);
    entropyOffset = 0;
  }
  const at = entropyOffset;
  entropyOffset += bytes;
  return at;
}

/**
 * A new event id: a UUIDv7 (RFC 9562), time-ordered, so the store's unique index on event ids
 * grows at its right edge instead of touching a random page for every event. Within one
 * millisecond a 12-bit counter keeps ids from this process increasing.
 */
export function newEventId(now: number = Date.now()): string {
  if (now > lastMillis) {
    lastMillis = now;
    sequence = entropy.readUInt16BE(take(2)) & 0x7ff;
  } else {
    sequence++;
    if (sequence > 0xfff) {
      lastMillis++;
      sequence = 0;
    }
  }
  const bytes = Buffer.allocUnsafe(16);
  entropy.copy(bytes, 6, take(10), entropyOffset);
  const millis = lastMillis;
  bytes[0] = Math.floor(millis / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(millis / 2 ** 32) & 0xff;
  bytes[2] = (millis >>> 24) & 0xff;
  bytes[3] = (millis >>> 16) & 0xff;
  bytes[4] = (millis >>> 8) & 0xff;
  bytes[5] = millis & 0xff;
  bytes[6] = 0x70 | ((sequence >>> 8) & 0x0f);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
