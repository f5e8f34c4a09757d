import { randomBytes, randomInt } from 'node:crypto';

/**
 * SDP offers written out by hand, shaped like OBS's WHIP offer (audio mid 0, video mid 1, no ICE
 * candidates), for requests the gateway must refuse before any peer connection exists.
 */

export interface OfferCodecs {
  /** `a=rtpmap` value of the video section's one codec, e.g. `H264/90000`. */
  video: string;
  videoFmtp?: string;
  audio: string;
  audioFmtp?: string;
  /** `sendonly` for an encoder, `recvonly` for a player. */
  direction: 'sendonly' | 'recvonly';
}

const ENCODER: OfferCodecs = { video: 'H264/90000', videoFmtp: 'profile-level-id=42e01f;packetization-mode=1;level-asymmetry-allowed=1', audio: 'opus/48000/2', audioFmtp: 'minptime=10;useinbandfec=1', direction: 'sendonly' };

function sessionPart(): string[] {
  const fingerprint = [...randomBytes(32)].map((byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join(':');
  return ['v=0', `o=- ${randomInt(1, 2 ** 47)} 2 IN IP4 127.0.0.1`, 's=-', 't=0 0', 'a=group:BUNDLE 0 1', 'a=msid-semantic: WMS', `a=fingerprint:sha-256 ${fingerprint}`, 'a=setup:actpass', `a=ice-ufrag:${randomBytes(4).toString('hex')}`, `a=ice-pwd:${randomBytes(12).toString('hex')}`];
}

function section(kind: 'audio' | 'video', mid: string, payloadType: number, rtpmap: string, fmtp: string | undefined, direction: string): string[] {
  return [
    `m=${kind} 9 UDP/TLS/RTP/SAVPF ${payloadType}`,
    'c=IN IP4 0.0.0.0',
    `a=mid:${mid}`,
    `a=${direction}`,
    'a=rtcp-mux',
    `a=rtpmap:${payloadType} ${rtpmap}`,
    ...(fmtp ? [`a=fmtp:${payloadType} ${fmtp}`] : []),
    ...(direction === 'sendonly' ? [`a=ssrc:${randomInt(1, 2 ** 32)} cname:glint-test`] : []),
  ];
}

const joined = (lines: string[]) => `${lines.join('\r\n')}\r\n`;

/** An offer with one audio and one video section. */
export function offer(codecs: Partial<OfferCodecs> = {}): string {
  const chosen = { ...ENCODER, ...codecs };
  return joined([...sessionPart(), ...section('audio', '0', 111, chosen.audio, chosen.audioFmtp, chosen.direction), ...section('video', '1', 96, chosen.video, chosen.videoFmtp, chosen.direction)]);
}

/** A session description with transport but not one m= line. */
export function offerWithoutMedia(): string {
  return joined(sessionPart());
}

/** A well-formed offer made exactly `bytes` long with attribute lines nobody reads. */
export function offerOfSize(bytes: number): string {
  const prefix = 'a=x-glint-padding:';
  const lineLength = 1024;
  const lines = [offer()];
  let remaining = bytes - lines[0].length;
  while (remaining > 0) {
    const length = remaining >= 2 * lineLength ? lineLength : remaining;
    lines.push(`${prefix}${'p'.repeat(length - prefix.length - 2)}\r\n`);
    remaining -= length;
  }
  return lines.join('');
}
