import { TooLargeError, ValidationError } from '@glint/domain-errors';

/** A browser's offer is 4–8 KiB; OBS's is smaller. Nothing honest comes near this. */
export const MAX_SDP_BYTES = 64 * 1024;

export type MediaKind = 'audio' | 'video';
export type MediaDirection = 'sendonly' | 'recvonly' | 'sendrecv' | 'inactive';

export interface RtpCodec {
  payloadType: number;
  /** As the offer spells it: `H264`, `VP8`, `opus`, `rtx`… */
  name: string;
  clockRate: number;
  channels: number | null;
  /** The `a=fmtp` parameters, as written. */
  fmtp: string;
}

export interface MediaSection {
  kind: MediaKind | string;
  /** The port of the m-line: 0 means the offerer turned this section off. */
  port: number;
  mid: string | null;
  direction: MediaDirection;
  codecs: RtpCodec[];
  /** SSRCs the offerer sends from, in order of appearance. */
  ssrcs: number[];
  candidates: number;
}

export interface SessionDescription {
  media: MediaSection[];
  hasIceCredentials: boolean;
  hasFingerprint: boolean;
}

const DIRECTIONS: ReadonlySet<string> = new Set(['sendonly', 'recvonly', 'sendrecv', 'inactive']);

/**
 * Reads an SDP offer as far as the gateway needs it, refusing what libdatachannel would choke on or
 * half-accept: a size cap, the `v=0` start, at least one media section, ICE credentials and a DTLS
 * fingerprint. Every refusal names the line or the rule.
 */
export function parseSdp(text: string): SessionDescription {
  if (Buffer.byteLength(text, 'utf8') > MAX_SDP_BYTES) {
    throw new TooLargeError('sdp_too_large', `An SDP offer is at most ${MAX_SDP_BYTES / 1024} KiB; this one is ${Math.ceil(Buffer.byteLength(text, 'utf8') / 1024)} KiB.`);
  }
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  if (lines[0] !== 'v=0') throw malformed('an SDP starts with the line "v=0"');
  const sessionCredentials = { ufrag: false, pwd: false };
  let sessionFingerprint = false;
  let sessionDirection: MediaDirection = 'sendrecv';
  const media: MediaSection[] = [];
  const credentials: Array<{ ufrag: boolean; pwd: boolean }> = [];
  const fingerprints: boolean[] = [];
  let current: MediaSection | null = null;

  lines.forEach((line, index) => {
    if (!/^[a-z]=/.test(line)) throw malformed(`line ${index + 1} is not "<letter>=<value>": ${JSON.stringify(line.slice(0, 40))}`);
    const kind = line[0];
    const value = line.slice(2);
    if (kind === 'm') {
      const match = /^(\S+) (\d+)(?:\/\d+)? (\S+)((?: \S+)*)$/.exec(value);
      if (!match) throw malformed(`line ${index + 1} is not a media line "m=<media> <port> <proto> <formats>"`);
      current = { kind: match[1], port: Number(match[2]), mid: null, direction: sessionDirection, codecs: [], ssrcs: [], candidates: 0 };
      for (const format of match[4].trim().split(' ').filter(Boolean)) {
        const payloadType = Number(format);
        if (!Number.isInteger(payloadType) || payloadType < 0 || payloadType > 127) {
          if (match[3].includes('RTP')) throw malformed(`line ${index + 1} lists the payload type "${format}", which is not 0–127`);
          continue;
        }
        current.codecs.push({ payloadType, name: '', clockRate: 0, channels: null, fmtp: '' });
      }
      media.push(current);
      credentials.push({ ufrag: false, pwd: false });
      fingerprints.push(false);
      return;
    }
    if (kind !== 'a') return;
    const colon = value.indexOf(':');
    const name = colon < 0 ? value : value.slice(0, colon);
    const argument = colon < 0 ? '' : value.slice(colon + 1);
    const section = current as MediaSection | null;
    if (name === 'ice-ufrag' || name === 'ice-pwd') {
      const held = section ? credentials[media.length - 1] : sessionCredentials;
      if (name === 'ice-ufrag') held.ufrag = true;
      else held.pwd = true;
    } else if (name === 'fingerprint') {
      if (section) fingerprints[media.length - 1] = true;
      else sessionFingerprint = true;
    } else if (DIRECTIONS.has(name)) {
      if (section) section.direction = name as MediaDirection;
      else sessionDirection = name as MediaDirection;
    } else if (section) {
      readMediaAttribute(section, name, argument, index);
    }
  });

  if (media.length === 0) throw malformed('the offer has no media section (m=audio or m=video)');
  const describe = (ok: boolean[], sessionLevel: boolean) => sessionLevel || media.every((section, at) => ok[at] || section.port === 0);
  // Both halves of the credentials, each from the session level or the section's own lines.
  const hasUfrag = describe(credentials.map((held) => held.ufrag), sessionCredentials.ufrag);
  const hasPwd = describe(credentials.map((held) => held.pwd), sessionCredentials.pwd);
  return { media, hasIceCredentials: hasUfrag && hasPwd, hasFingerprint: describe(fingerprints, sessionFingerprint) };
}

function readMediaAttribute(section: MediaSection, name: string, argument: string, index: number): void {
  switch (name) {
    case 'mid':
      section.mid = argument.trim();
      return;
    case 'rtpmap': {
      const match = /^(\d+) ([^/\s]+)\/(\d+)(?:\/(\d+))?$/.exec(argument.trim());
      if (!match) throw malformed(`line ${index + 1} is not "a=rtpmap:<payload type> <codec>/<clock rate>"`);
      const codec = section.codecs.find((candidate) => candidate.payloadType === Number(match[1]));
      if (codec) {
        codec.name = match[2];
        codec.clockRate = Number(match[3]);
        codec.channels = match[4] ? Number(match[4]) : null;
      }
      return;
    }
    case 'fmtp': {
      const match = /^(\d+) (.*)$/.exec(argument.trim());
      if (!match) throw malformed(`line ${index + 1} is not "a=fmtp:<payload type> <parameters>"`);
      const codec = section.codecs.find((candidate) => candidate.payloadType === Number(match[1]));
      if (codec) codec.fmtp = match[2].trim();
      return;
    }
    case 'ssrc': {
      const ssrc = Number(/^(\d+)/.exec(argument)?.[1]);
      if (!Number.isInteger(ssrc) || ssrc > 0xffffffff) throw malformed(`line ${index + 1} has an SSRC that is not a 32-bit number`);
      if (!section.ssrcs.includes(ssrc)) section.ssrcs.push(ssrc);
      return;
    }
    case 'candidate':
      section.candidates += 1;
      return;
    default:
      return;
  }
}

/** The `key=value` pairs of an fmtp line, keys lower-cased. */
export function fmtpParameters(fmtp: string): Map<string, string> {
  const parameters = new Map<string, string>();
  for (const pair of fmtp.split(';')) {
    const [key, ...rest] = pair.split('=');
    if (key.trim()) parameters.set(key.trim().toLowerCase(), rest.join('=').trim());
  }
  return parameters;
}

function malformed(why: string): ValidationError {
  return new ValidationError('malformed_sdp', `The SDP offer is malformed: ${why}.`);
}
