import { ValidationError } from '@glint/domain-errors';

/**
 * No Glint body or frame nests more than a few levels; far deeper JSON is only ever an attack on
 * the recursion of whatever walks it (the DTO transformer, the validator).
 */
export const MAX_JSON_NESTING = 32;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Follows the nesting of JSON text as it arrives, chunk by chunk, without parsing it: brackets
 * inside strings do not count. Works on UTF-8 bytes, where every byte of a multi-byte character
 * is above 0x7F and so never taken for a bracket, a quote or a backslash.
 */
export class JsonNesting {
  private depth = 0;
  private inString = false;
  private escaped = false;

  constructor(private readonly limit: number = MAX_JSON_NESTING) {}

  /** False once the text so far has opened more than `limit` levels. */
  accept(chunk: Uint8Array): boolean {
    for (const byte of chunk) {
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) this.inString = false;
      } else if (byte === QUOTE) {
        this.inString = true;
      } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        if (++this.depth > this.limit) return false;
      } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        this.depth--;
      }
    }
    return true;
  }
}

/** Whether JSON text nests deeper than `limit` levels. */
export function nestsTooDeep(text: string | Uint8Array, limit: number = MAX_JSON_NESTING): boolean {
  return !new JsonNesting(limit).accept(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
}

/** The refusal of JSON nested too deep, the same for a request body and a socket frame. */
export function tooDeep(limit: number = MAX_JSON_NESTING): ValidationError {
  return new ValidationError('too_deep', `The JSON is nested more than ${limit} levels deep; no Glint request needs that many. Send a flatter document.`);
}
