import { randomBytes } from 'node:crypto';

/**
 * Values an attacker or a careless client sends where a field is expected, each with a name for the
 * report. None of them may make Glint answer 5xx or record anything when it is refused.
 */
export interface HostileValue {
  name: string;
  /** The value itself; `raw` values are spliced into the JSON text as they are (not JSON-encoded). */
  value?: unknown;
  raw?: string;
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const part = (bytes: number) => randomBytes(bytes).toString('base64url');

/** Shaped like a sealed personal value (`pd1.<user>.<iv>.<ciphertext>.<tag>`) in each way one can be. */
export function sealedLookalikes(userIds: { someone: string; nobody: string }): HostileValue[] {
  return [
    { name: 'a well-formed sealed value naming a real user', value: `pd1.${b64(userIds.someone)}.${part(12)}.${part(24)}.${part(16)}` },
    { name: 'a well-formed sealed value naming nobody', value: `pd1.${b64(userIds.nobody)}.${part(12)}.${part(24)}.${part(16)}` },
    { name: 'a sealed value with empty parts', value: `pd1.${b64(userIds.someone)}...` },
    { name: 'a sealed value with a truncated tag', value: `pd1.${b64(userIds.someone)}.${part(12)}.${part(24)}.AA` },
    { name: 'a sealed value naming an empty user', value: `pd1..${part(12)}.${part(24)}.${part(16)}` },
    { name: 'a sealed value with characters outside base64url', value: `pd1.${b64(userIds.someone)}.!!.$$.%%` },
  ];
}

/** Nesting `levels` deep, as raw JSON. */
export function nested(levels: number): HostileValue {
  return { name: `an array nested ${levels} levels deep`, raw: `${'['.repeat(levels)}${']'.repeat(levels)}` };
}

export const HOSTILE_VALUES: readonly HostileValue[] = [
  { name: 'an empty string', value: '' },
  { name: 'a 100,000-character string', value: 'x'.repeat(100_000) },
  { name: 'a 20,000-emoji string', value: '\u{1F3F3}\u{FE0F}\u200d\u{1F308}'.repeat(5_000) },
  { name: 'a NUL character', value: 'a\u0000b' },
  { name: 'control characters', value: '\u0001\u0007\u001b[31m\u007f' },
  { name: 'a bidi override', value: 'abc \u202e cba' },
  { name: 'only zero-width characters', value: '\u200b\u200c\u200d\u2060\ufeff' },
  { name: 'only letters that render blank', value: '\u3164\u115f\u1160\uffa0\u2800' },
  { name: 'a lone surrogate', value: 'a\ud800b' },
  { name: 'markup', value: '<script>alert(1)</script><img src=x onerror=alert(1)>' },
  { name: 'SQL', value: "'; DROP TABLE events; --" },
  { name: 'a path', value: '../../../../etc/passwd' },
  { name: 'a percent-encoded NUL', value: '%00' },
  { name: 'a template', value: '${process.exit(1)}{{7*7}}' },
  { name: 'a negative number', value: -1 },
  { name: 'zero', value: 0 },
  { name: 'a huge number', value: 1e308 },
  { name: 'an unsafe integer', value: 2 ** 53 + 1 },
  { name: 'a fraction', value: 1.5 },
  { name: 'a number written beyond doubles', raw: '1e999' },
  { name: 'true', value: true },
  { name: 'null', value: null },
  { name: 'an empty array', value: [] },
  { name: 'an array of 10,000 strings', value: Array.from({ length: 10_000 }, (_, index) => `tag${index}`) },
  { name: 'an empty object', value: {} },
  { name: 'an object with a __proto__ key', raw: '{"__proto__":{"isAdmin":true,"roles":["admin"]}}' },
  { name: 'an object with a constructor.prototype key', raw: '{"constructor":{"prototype":{"isAdmin":true}}}' },
  nested(64),
  nested(2_000),
];

/** Keys that must never reach an object's prototype, however the body is parsed. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
