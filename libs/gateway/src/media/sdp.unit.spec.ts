import { TooLargeError, ValidationError } from '@glint/domain-errors';
import { refusalOf } from '@glint/testing';
import { fmtpParameters, MAX_SDP_BYTES, parseSdp } from './sdp';

const sdp = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

const SESSION = ['v=0', 'o=rtc 3140523442 0 IN IP4 127.0.0.1', 's=-', 't=0 0'];
const FINGERPRINT = 'a=fingerprint:sha-256 7E:51:5B:6C:2A:9F:10:3D:48:E0:92:1C:5A:77:4B:0E:AF:3C:D1:66:08:B5:29:F4:C3:9D:71:E2:55:0A:8B:14';

/** What OBS's WHIP output offers: credentials at session level, sendonly Opus and H.264, SSRCs, no candidates. */
const OBS_OFFER = sdp(
  ...SESSION,
  'a=group:BUNDLE 0 1',
  'a=group:LS 0 1',
  'a=msid-semantic:WMS *',
  'a=setup:actpass',
  'a=ice-ufrag:Yx6F',
  'a=ice-pwd:2m4D7mnoZvqyvXiSjfSwQx',
  'a=ice-options:ice2,trickle',
  FINGERPRINT,
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'c=IN IP4 0.0.0.0',
  'a=mid:0',
  'a=sendonly',
  'a=ssrc:2954823421 cname:obs',
  'a=ssrc:2954823421 msid:obs obs-audio',
  'a=msid:obs obs-audio',
  'a=rtcp-mux',
  'a=rtpmap:111 opus/48000/2',
  'a=fmtp:111 minptime=10;maxaveragebitrate=96000;stereo=1;sprop-stereo=1;useinbandfec=1',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'c=IN IP4 0.0.0.0',
  'a=mid:1',
  'a=sendonly',
  'a=ssrc:1380217310 cname:obs',
  'a=ssrc:1380217310 msid:obs obs-video',
  'a=msid:obs obs-video',
  'a=rtcp-mux',
  'a=rtpmap:96 H264/90000',
  'a=rtcp-fb:96 nack',
  'a=rtcp-fb:96 nack pli',
  'a=fmtp:96 profile-level-id=42e01f;packetization-mode=1;level-asymmetry-allowed=1',
);

/** What Chrome offers a WHEP endpoint: recvonly sections, credentials per section, candidates in the first. */
const CHROME_OFFER = sdp(
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1',
  'a=extmap-allow-mixed',
  'a=msid-semantic: WMS',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
  'c=IN IP4 0.0.0.0',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=candidate:1467250027 1 udp 2122260223 192.168.1.20 54613 typ host generation 0 network-id 1',
  'a=candidate:3107342355 1 udp 1686052607 203.0.113.7 54613 typ srflx raddr 192.168.1.20 rport 54613 generation 0',
  'a=ice-ufrag:gOfC',
  'a=ice-pwd:hxLmSlzKMB+0Gne7OxZ8wbxH',
  'a=ice-options:trickle',
  FINGERPRINT,
  'a=setup:actpass',
  'a=mid:0',
  'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level',
  'a=recvonly',
  'a=rtcp-mux',
  'a=rtpmap:111 opus/48000/2',
  'a=rtcp-fb:111 transport-cc',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'a=rtpmap:63 red/48000/2',
  'a=fmtp:63 111/111',
  'a=rtpmap:9 G722/8000',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:13 CN/8000',
  'a=rtpmap:110 telephone-event/48000',
  'a=rtpmap:126 telephone-event/8000',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 106 107 45',
  'c=IN IP4 0.0.0.0',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=ice-ufrag:gOfC',
  'a=ice-pwd:hxLmSlzKMB+0Gne7OxZ8wbxH',
  'a=ice-options:trickle',
  FINGERPRINT,
  'a=setup:actpass',
  'a=mid:1',
  'a=recvonly',
  'a=rtcp-mux',
  'a=rtcp-rsize',
  'a=rtpmap:96 VP8/90000',
  'a=rtcp-fb:96 nack pli',
  'a=rtpmap:97 rtx/90000',
  'a=fmtp:97 apt=96',
  'a=rtpmap:102 H264/90000',
  'a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f',
  'a=rtpmap:103 rtx/90000',
  'a=fmtp:103 apt=102',
  'a=rtpmap:106 H264/90000',
  'a=fmtp:106 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f',
  'a=rtpmap:107 rtx/90000',
  'a=fmtp:107 apt=106',
  'a=rtpmap:45 AV1/90000',
  'a=fmtp:45 level-idx=5;profile=0;tier=0',
);

/** A valid offer padded with an attribute of `filler` to exactly `bytes` bytes of UTF-8. */
function offerOfBytes(bytes: number, filler: 'x' | 'é'): string {
  const head = sdp(...SESSION, 'm=audio 9 RTP/SAVPF 111', 'a=x-padding:').slice(0, -2);
  const room = bytes - Buffer.byteLength(head) - 2;
  return `${head}${filler.repeat(Math.floor(room / Buffer.byteLength(filler)))}\r\n`;
}

describe('parseSdp', () => {
  it('reads an OBS offer: sendonly Opus and H.264 sections with their SSRCs, credentials from the session', () => {
    expect(parseSdp(OBS_OFFER)).toEqual({
      hasIceCredentials: true,
      hasFingerprint: true,
      media: [
        {
          kind: 'audio',
          port: 9,
          mid: '0',
          direction: 'sendonly',
          codecs: [{ payloadType: 111, name: 'opus', clockRate: 48000, channels: 2, fmtp: 'minptime=10;maxaveragebitrate=96000;stereo=1;sprop-stereo=1;useinbandfec=1' }],
          ssrcs: [2954823421],
          candidates: 0,
        },
        {
          kind: 'video',
          port: 9,
          mid: '1',
          direction: 'sendonly',
          codecs: [{ payloadType: 96, name: 'H264', clockRate: 90000, channels: null, fmtp: 'profile-level-id=42e01f;packetization-mode=1;level-asymmetry-allowed=1' }],
          ssrcs: [1380217310],
          candidates: 0,
        },
      ],
    });
  });

  it('reads a Chrome offer: recvonly sections, every codec in the m-line order, candidates counted, no SSRCs', () => {
    const offer = parseSdp(CHROME_OFFER);
    expect(offer).toMatchObject({ hasIceCredentials: true, hasFingerprint: true });
    expect(offer.media.map(({ kind, mid, direction, ssrcs, candidates }) => ({ kind, mid, direction, ssrcs, candidates }))).toEqual([
      { kind: 'audio', mid: '0', direction: 'recvonly', ssrcs: [], candidates: 2 },
      { kind: 'video', mid: '1', direction: 'recvonly', ssrcs: [], candidates: 0 },
    ]);
    expect(offer.media[0].codecs.map((codec) => `${codec.payloadType} ${codec.name}/${codec.clockRate}`)).toEqual([
      '111 opus/48000',
      '63 red/48000',
      '9 G722/8000',
      '0 PCMU/8000',
      '8 PCMA/8000',
      '13 CN/8000',
      '110 telephone-event/48000',
      '126 telephone-event/8000',
    ]);
    expect(offer.media[1].codecs).toEqual([
      { payloadType: 96, name: 'VP8', clockRate: 90000, channels: null, fmtp: '' },
      { payloadType: 97, name: 'rtx', clockRate: 90000, channels: null, fmtp: 'apt=96' },
      { payloadType: 102, name: 'H264', clockRate: 90000, channels: null, fmtp: 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f' },
      { payloadType: 103, name: 'rtx', clockRate: 90000, channels: null, fmtp: 'apt=102' },
      { payloadType: 106, name: 'H264', clockRate: 90000, channels: null, fmtp: 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f' },
      { payloadType: 107, name: 'rtx', clockRate: 90000, channels: null, fmtp: 'apt=106' },
      { payloadType: 45, name: 'AV1', clockRate: 90000, channels: null, fmtp: 'level-idx=5;profile=0;tier=0' },
    ]);
  });

  it.each<[string, string[], Partial<ReturnType<typeof parseSdp>['media'][number]>]>([
    ['a section without a direction is sendrecv', ['m=video 9 UDP/TLS/RTP/SAVPF 96'], { direction: 'sendrecv' }],
    ['a session-level direction is the default of the sections after it', ['a=recvonly', 'm=video 9 UDP/TLS/RTP/SAVPF 96'], { direction: 'recvonly' }],
    ['a section’s own direction wins over the session’s', ['a=recvonly', 'm=video 9 UDP/TLS/RTP/SAVPF 96', 'a=inactive'], { direction: 'inactive' }],
    ['a port of 0 is kept: the offerer turned the section off', ['m=video 0 UDP/TLS/RTP/SAVPF 96'], { port: 0 }],
    ['a port with a count ("9/2") reads as its port', ['m=video 9/2 UDP/TLS/RTP/SAVPF 96'], { port: 9 }],
    ['an SSRC named on several lines is listed once, in order of appearance', ['m=video 9 UDP/TLS/RTP/SAVPF 96', 'a=ssrc:7 cname:x', 'a=ssrc:5 cname:x', 'a=ssrc:7 msid:a b'], { ssrcs: [7, 5] }],
    ['the largest 32-bit SSRC is an SSRC', ['m=video 9 UDP/TLS/RTP/SAVPF 96', 'a=ssrc:4294967295 cname:x'], { ssrcs: [4294967295] }],
    ['an rtpmap for a payload type the m-line does not list is ignored', ['m=video 9 UDP/TLS/RTP/SAVPF 96', 'a=rtpmap:98 VP9/90000'], { codecs: [{ payloadType: 96, name: '', clockRate: 0, channels: null, fmtp: '' }] }],
    ['a data channel section keeps its kind and lists no codec', ['m=application 9 UDP/DTLS/SCTP webrtc-datachannel', 'a=mid:2'], { kind: 'application', mid: '2', codecs: [] }],
  ])('%s', (_, lines, expected) => {
    expect(parseSdp(sdp(...SESSION, ...lines)).media[0]).toMatchObject(expected);
  });

  it('reads lines ending in a bare newline as it reads CRLF', () => {
    expect(parseSdp(OBS_OFFER.replace(/\r\n/g, '\n'))).toEqual(parseSdp(OBS_OFFER));
  });

  it.each<[string, string[], boolean, boolean]>([
    ['credentials and fingerprint in every section count', ['m=audio 9 RTP/SAVPF 111', 'a=ice-ufrag:u', 'a=ice-pwd:p', FINGERPRINT, 'm=video 9 RTP/SAVPF 96', 'a=ice-ufrag:u', 'a=ice-pwd:p', FINGERPRINT], true, true],
    ['a section without credentials or fingerprint makes the offer lack them', ['m=audio 9 RTP/SAVPF 111', 'a=ice-ufrag:u', 'a=ice-pwd:p', FINGERPRINT, 'm=video 9 RTP/SAVPF 96'], false, false],
    ['a section turned off needs neither', ['m=audio 9 RTP/SAVPF 111', 'a=ice-ufrag:u', 'a=ice-pwd:p', FINGERPRINT, 'm=video 0 RTP/SAVPF 96'], true, true],
    ['an offer with neither anywhere has neither', ['m=audio 9 RTP/SAVPF 111'], false, false],
    ['a username fragment without its password is not ICE credentials', ['a=ice-ufrag:u', FINGERPRINT, 'm=audio 9 RTP/SAVPF 111'], false, true],
    ['a password without its username fragment is not ICE credentials', ['m=audio 9 RTP/SAVPF 111', 'a=ice-pwd:p', FINGERPRINT], false, true],
  ])('%s', (_, lines, hasIceCredentials, hasFingerprint) => {
    expect(parseSdp(sdp(...SESSION, ...lines))).toMatchObject({ hasIceCredentials, hasFingerprint });
  });

  it.each<[string, string, RegExp]>([
    ['an offer that does not start with v=0', sdp('o=- 1 2 IN IP4 127.0.0.1', 'v=0', 'm=audio 9 RTP/SAVPF 111'), /starts with the line "v=0"/],
    ['an offer that starts with another version', sdp('v=1', 'm=audio 9 RTP/SAVPF 111'), /starts with the line "v=0"/],
    ['an empty offer', '', /starts with the line "v=0"/],
    ['a line that is not "<letter>=<value>"', sdp(...SESSION, 'm=audio 9 RTP/SAVPF 111', 'hello there'), /line 6 is not "<letter>=<value>": "hello there"/],
    ['a line with a capital letter', sdp(...SESSION, 'M=audio 9 RTP/SAVPF 111'), /line 5 is not "<letter>=<value>"/],
    ['a media line with neither port nor protocol', sdp(...SESSION, 'm=audio'), /line 5 is not a media line "m=<media> <port> <proto> <formats>"/],
    ['a media line without a protocol', sdp(...SESSION, 'm=audio 9'), /line 5 is not a media line/],
    ['a media line whose port is not a number', sdp(...SESSION, 'm=audio nine RTP/SAVPF 111'), /line 5 is not a media line/],
    ['an RTP payload type over 127', sdp(...SESSION, 'm=video 9 UDP/TLS/RTP/SAVPF 96 128'), /line 5 lists the payload type "128", which is not 0–127/],
    ['an RTP payload type that is not a number', sdp(...SESSION, 'm=video 9 UDP/TLS/RTP/SAVPF 96 h264'), /line 5 lists the payload type "h264"/],
    ['an offer without a media section', sdp(...SESSION, 'a=ice-ufrag:u', 'a=ice-pwd:p', FINGERPRINT), /no media section/],
    ['an rtpmap without a clock rate', sdp(...SESSION, 'm=audio 9 RTP/SAVPF 111', 'a=rtpmap:111 opus'), /line 6 is not "a=rtpmap:<payload type> <codec>\/<clock rate>"/],
    ['an rtpmap without a payload type', sdp(...SESSION, 'm=audio 9 RTP/SAVPF 111', 'a=rtpmap:opus/48000/2'), /line 6 is not "a=rtpmap:/],
    ['an fmtp without parameters', sdp(...SESSION, 'm=video 9 RTP/SAVPF 96', 'a=fmtp:96'), /line 6 is not "a=fmtp:<payload type> <parameters>"/],
    ['an fmtp without a payload type', sdp(...SESSION, 'm=video 9 RTP/SAVPF 96', 'a=fmtp:packetization-mode=1'), /line 6 is not "a=fmtp:/],
    ['an SSRC that is not a number', sdp(...SESSION, 'm=video 9 RTP/SAVPF 96', 'a=ssrc:obs cname:obs'), /line 6 has an SSRC that is not a 32-bit number/],
    ['an SSRC over 32 bits', sdp(...SESSION, 'm=video 9 RTP/SAVPF 96', 'a=ssrc:4294967296 cname:obs'), /line 6 has an SSRC that is not a 32-bit number/],
  ])('refuses %s as malformed, saying where', (_, text, message) => {
    const refusal = refusalOf(() => parseSdp(text));
    expect(refusal).toBeInstanceOf(ValidationError);
    expect(refusal).toMatchObject({ code: 'malformed_sdp' });
    expect(refusal.message).toMatch(message);
  });

  it('takes an offer of exactly 64 KiB', () => {
    const text = offerOfBytes(MAX_SDP_BYTES, 'x');
    expect(Buffer.byteLength(text)).toBe(MAX_SDP_BYTES);
    expect(parseSdp(text).media).toHaveLength(1);
  });

  it.each<[string, string]>([
    ['one byte over 64 KiB', offerOfBytes(MAX_SDP_BYTES + 1, 'x')],
    ['over 64 KiB in bytes though under it in characters', offerOfBytes(MAX_SDP_BYTES + 2, 'é')],
  ])('refuses an offer %s as too large', (_, text) => {
    expect(Buffer.byteLength(text)).toBeGreaterThan(MAX_SDP_BYTES);
    const refusal = refusalOf(() => parseSdp(text));
    expect(refusal).toBeInstanceOf(TooLargeError);
    expect(refusal).toMatchObject({ code: 'sdp_too_large' });
    expect(refusal.message).toMatch(/at most 64 KiB/);
  });
});

describe('fmtpParameters', () => {
  it.each<[string, string, Array<[string, string]>]>([
    ['reads each key=value pair', 'profile-level-id=42e01f;packetization-mode=1', [['profile-level-id', '42e01f'], ['packetization-mode', '1']]],
    ['lower-cases keys and trims both sides', ' Packetization-Mode = 1 ; x-google-start-bitrate=900', [['packetization-mode', '1'], ['x-google-start-bitrate', '900']]],
    ['keeps an "=" inside a value', 'sprop-parameter-sets=Z0LAHtkAoC/5cBEAAAMAAQAAAwA8jxYuSA==,aMuDyyA=', [['sprop-parameter-sets', 'Z0LAHtkAoC/5cBEAAAMAAQAAAwA8jxYuSA==,aMuDyyA=']]],
    ['skips empty pairs', ';apt=96;;', [['apt', '96']]],
    ['reads nothing from nothing', '', []],
  ])('%s', (_, fmtp, pairs) => {
    expect([...fmtpParameters(fmtp)]).toEqual(pairs);
  });
});
