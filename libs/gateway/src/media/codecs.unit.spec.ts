import { UnprocessableError, ValidationError } from '@glint/domain-errors';
import { refusalOf } from '@glint/testing';
import { ACCEPTED_CODECS, chooseIngestCodecs, choosePlaybackCodecs, type IngestCodecs } from './codecs';
import type { MediaDirection, MediaSection, RtpCodec, SessionDescription } from './sdp';

const h264 = (payloadType: number, profileLevelId = '42e01f', packetizationMode = 1): RtpCodec => ({
  payloadType,
  name: 'H264',
  clockRate: 90000,
  channels: null,
  fmtp: `level-asymmetry-allowed=1;packetization-mode=${packetizationMode};profile-level-id=${profileLevelId}`,
});
const vp8 = (payloadType: number): RtpCodec => ({ payloadType, name: 'VP8', clockRate: 90000, channels: null, fmtp: '' });
const vp9 = (payloadType: number): RtpCodec => ({ payloadType, name: 'VP9', clockRate: 90000, channels: null, fmtp: 'profile-id=0' });
const rtx = (payloadType: number, apt: number): RtpCodec => ({ payloadType, name: 'rtx', clockRate: 90000, channels: null, fmtp: `apt=${apt}` });
const opus = (payloadType: number): RtpCodec => ({ payloadType, name: 'opus', clockRate: 48000, channels: 2, fmtp: 'minptime=10;useinbandfec=1' });
const pcmu: RtpCodec = { payloadType: 0, name: 'PCMU', clockRate: 8000, channels: null, fmtp: '' };

const section = (kind: string, mid: string | null, direction: MediaDirection, codecs: RtpCodec[], extra: Partial<MediaSection> = {}): MediaSection => ({
  kind,
  port: 9,
  mid,
  direction,
  codecs,
  ssrcs: [],
  candidates: 0,
  ...extra,
});
const offer = (...media: MediaSection[]): SessionDescription => ({ media, hasIceCredentials: true, hasFingerprint: true });

const OBS_AUDIO = section('audio', '0', 'sendonly', [opus(111)], { ssrcs: [2954823421] });
const OBS_VIDEO = section('video', '1', 'sendonly', [h264(96)], { ssrcs: [1380217310] });
const publishing = (...codecs: RtpCodec[]) => offer(OBS_AUDIO, section('video', '1', 'sendonly', codecs, { ssrcs: [1380217310] }));

describe('chooseIngestCodecs', () => {
  it('answers an OBS offer with its H.264 and Opus, their mids and SSRCs', () => {
    expect(chooseIngestCodecs(offer(OBS_AUDIO, OBS_VIDEO))).toEqual({
      video: { codec: 'H264', mid: '1', payloadType: 96, fmtp: 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f', ssrcs: [1380217310] },
      audio: { codec: 'opus', mid: '0', payloadType: 111, fmtp: 'minptime=10;useinbandfec=1', ssrcs: [2954823421] },
    });
  });

  it.each<[string, RtpCodec[], { codec: string; payloadType: number }]>([
    ['the first H.264 in packetization mode 1, in the offer’s order', [vp9(98), h264(102, '42001f'), h264(106)], { codec: 'H264', payloadType: 102 }],
    ['H.264 in mode 1 over an H.264 in mode 0 listed first', [h264(104, '42001f', 0), h264(102, '42001f')], { codec: 'H264', payloadType: 102 }],
    ['VP8 when no H.264 in mode 1 is offered', [h264(104, '42001f', 0), vp9(98), rtx(97, 96), vp8(96)], { codec: 'VP8', payloadType: 96 }],
    ['VP8 listed first, when it is', [vp8(96), rtx(97, 96), h264(102)], { codec: 'VP8', payloadType: 96 }],
    ['a codec name in any case', [{ ...vp8(100), name: 'vp8' }], { codec: 'VP8', payloadType: 100 }],
  ])('picks %s', (_, codecs, chosen) => {
    expect(chooseIngestCodecs(publishing(...codecs)).video).toMatchObject(chosen);
  });

  it.each<[string, SessionDescription, Partial<IngestCodecs>]>([
    ['video alone is answered without audio', offer(OBS_VIDEO), { audio: null, video: expect.objectContaining({ codec: 'H264' }) }],
    ['audio alone is answered without video', offer(OBS_AUDIO), { video: null, audio: expect.objectContaining({ codec: 'opus' }) }],
    ['a sendrecv section is taken as sending', offer(section('video', 'v', 'sendrecv', [vp8(96)])), { video: expect.objectContaining({ codec: 'VP8', mid: 'v' }) }],
    [
      'a section turned off (port 0) is ignored, whatever it holds',
      offer(OBS_AUDIO, OBS_VIDEO, section('application', '2', 'sendrecv', [], { port: 0 }), section('video', '3', 'sendonly', [vp9(98)], { port: 0 })),
      { video: expect.objectContaining({ mid: '1' }), audio: expect.objectContaining({ mid: '0' }) },
    ],
    [
      'a section turned off needs no mid and no codec Glint forwards',
      offer(section('video', null, 'inactive', [vp9(98)], { port: 0 }), OBS_AUDIO),
      { video: null, audio: expect.objectContaining({ mid: '0' }) },
    ],
  ])('%s', (_, description, expected) => {
    expect(chooseIngestCodecs(description)).toMatchObject(expected);
  });

  it.each<[string, SessionDescription, string, RegExp]>([
    ['H.264 only in packetization mode 0', publishing(h264(104, '42001f', 0)), 'unsupported_codec', /video: H264/],
    ['VP9 only', publishing(vp9(98), rtx(99, 98)), 'unsupported_codec', /this offer has video: VP9, rtx; audio: opus/],
    ['audio in no codec but Opus', offer(section('audio', '0', 'sendonly', [pcmu]), OBS_VIDEO), 'unsupported_codec', /audio: PCMU/],
    ['a section that names no codec at all', offer(section('video', '1', 'sendonly', [{ ...vp8(96), name: '', clockRate: 0 }])), 'unsupported_codec', /video: payload type 96/],
    ['a recvonly video section', offer(OBS_AUDIO, { ...OBS_VIDEO, direction: 'recvonly' }), 'not_sending', /its video section is recvonly/],
    ['an inactive audio section', offer({ ...OBS_AUDIO, direction: 'inactive' }, OBS_VIDEO), 'not_sending', /its audio section is inactive/],
    ['a third, data channel section', offer(OBS_AUDIO, OBS_VIDEO, section('application', '2', 'sendrecv', [])), 'unsupported_media', /"m=application"/],
    ['two video sections', offer(OBS_AUDIO, OBS_VIDEO, { ...OBS_VIDEO, mid: '2' }), 'too_many_tracks', /1 audio and 2 video/],
    ['two audio sections', offer(OBS_AUDIO, { ...OBS_AUDIO, mid: '2' }), 'too_many_tracks', /2 audio and 0 video/],
    ['every section turned off', offer({ ...OBS_AUDIO, port: 0 }, { ...OBS_VIDEO, port: 0 }), 'no_media', /turns every media section off/],
  ])('refuses %s as unprocessable', (_, description, code, message) => {
    const refusal = refusalOf(() => chooseIngestCodecs(description));
    expect(refusal).toBeInstanceOf(UnprocessableError);
    expect(refusal).toMatchObject({ code });
    expect(refusal.message).toMatch(message);
  });

  it('names the codecs Glint accepts when it refuses an offer’s codecs', () => {
    const refusal = refusalOf(() => chooseIngestCodecs(publishing(vp9(98))));
    expect(refusal.message).toContain(ACCEPTED_CODECS);
    expect(ACCEPTED_CODECS).toBe('video H.264 (packetization-mode=1) or VP8, audio Opus');
  });

  it.each<[string, SessionDescription, RegExp]>([
    ['no ICE credentials', { ...offer(OBS_AUDIO, OBS_VIDEO), hasIceCredentials: false }, /no ICE credentials/],
    ['no DTLS fingerprint', { ...offer(OBS_AUDIO, OBS_VIDEO), hasFingerprint: false }, /no DTLS fingerprint/],
    ['a section Glint answers without an a=mid', offer(OBS_AUDIO, { ...OBS_VIDEO, mid: null }), /its video section has no "a=mid" line/],
    ['a section with an empty a=mid', offer({ ...OBS_AUDIO, mid: '' }, OBS_VIDEO), /its audio section has no "a=mid" line/],
  ])('refuses an offer with %s as malformed', (_, description, message) => {
    const refusal = refusalOf(() => chooseIngestCodecs(description));
    expect(refusal).toBeInstanceOf(ValidationError);
    expect(refusal).toMatchObject({ code: 'malformed_sdp' });
    expect(refusal.message).toMatch(message);
  });
});

const ingest = (video: IngestCodecs['video'], audio: IngestCodecs['audio'] = { codec: 'opus', mid: '0', payloadType: 111, fmtp: 'minptime=10;useinbandfec=1', ssrcs: [1] }): IngestCodecs => ({ video, audio });
const H264_STREAM = ingest({ codec: 'H264', mid: '1', payloadType: 96, fmtp: 'packetization-mode=1;profile-level-id=42e01f', ssrcs: [2] });
const VP8_STREAM = ingest({ codec: 'VP8', mid: '1', payloadType: 96, fmtp: '', ssrcs: [2] });
const AUDIO_ONLY_STREAM = ingest(null);

/** A Chrome viewer: Opus at 111, VP8 first, then H.264 in both profiles and modes. */
const CHROME_AUDIO = section('audio', '0', 'recvonly', [opus(111), { ...pcmu }]);
const CHROME_VIDEO = section('video', '1', 'recvonly', [vp8(96), rtx(97, 96), h264(102, '42001f'), rtx(103, 102), h264(104, '42001f', 0), h264(106, '42e01f'), h264(108, '42e01f', 0), h264(112, '64001f')]);
const watching = (...video: RtpCodec[]) => offer(CHROME_AUDIO, section('video', '1', 'recvonly', video));

describe('choosePlaybackCodecs', () => {
  it('answers a Chrome viewer with its own payload types for the stream’s H.264 profile and Opus', () => {
    expect(choosePlaybackCodecs(offer(CHROME_AUDIO, CHROME_VIDEO), H264_STREAM)).toEqual({
      video: { mid: '1', payloadType: 106, fmtp: 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f' },
      audio: { mid: '0', payloadType: 111, fmtp: 'minptime=10;useinbandfec=1' },
    });
  });

  it.each<[string, IngestCodecs, RtpCodec[], number]>([
    ['the viewer’s payload type for VP8, not the publisher’s', VP8_STREAM, [h264(96), vp8(120)], 120],
    ['the same H.264 profile, whatever its level', ingest({ codec: 'H264', mid: '1', payloadType: 96, fmtp: 'packetization-mode=1;profile-level-id=42001f', ssrcs: [] }), [h264(106, '42e01f'), h264(102, '42001f')], 102],
    ['the profile compared without regard to case', ingest({ codec: 'H264', mid: '1', payloadType: 96, fmtp: 'packetization-mode=1;profile-level-id=640C1F', ssrcs: [] }), [h264(106, '42e01f'), h264(112, '640c1f')], 112],
    ['the first H.264 in mode 1 when none has the stream’s profile', H264_STREAM, [h264(104, '64001f', 0), h264(112, '64001f'), h264(102, '42001f')], 112],
    ['a publisher without profile-level-id taken as constrained baseline', ingest({ codec: 'H264', mid: '1', payloadType: 96, fmtp: 'packetization-mode=1', ssrcs: [] }), [h264(102, '42001f'), h264(106, '42e01f')], 106],
  ])('chooses %s', (_, stream, codecs, payloadType) => {
    expect(choosePlaybackCodecs(watching(...codecs), stream).video?.payloadType).toBe(payloadType);
  });

  it.each<[string, SessionDescription, IngestCodecs, { video: boolean; audio: boolean }]>([
    ['a viewer who offers no audio gets video only', offer(CHROME_VIDEO), H264_STREAM, { video: true, audio: false }],
    ['a viewer whose audio has no Opus gets video only', offer(section('audio', '0', 'recvonly', [pcmu]), CHROME_VIDEO), H264_STREAM, { video: true, audio: false }],
    ['a viewer who offers no video gets audio only', offer(CHROME_AUDIO), H264_STREAM, { video: false, audio: true }],
    ['a stream without video plays its audio to a viewer who offers video too', offer(CHROME_AUDIO, CHROME_VIDEO), AUDIO_ONLY_STREAM, { video: false, audio: true }],
    ['a sendrecv viewer is taken as receiving', offer({ ...CHROME_AUDIO, direction: 'sendrecv' }, { ...CHROME_VIDEO, direction: 'sendrecv' }), H264_STREAM, { video: true, audio: true }],
    ['a section turned off is ignored', offer(CHROME_AUDIO, { ...CHROME_VIDEO, port: 0, direction: 'inactive' }), H264_STREAM, { video: false, audio: true }],
  ])('%s', (_, description, stream, plays) => {
    const chosen = choosePlaybackCodecs(description, stream);
    expect({ video: chosen.video !== null, audio: chosen.audio !== null }).toEqual(plays);
  });

  it.each<[string, SessionDescription, IngestCodecs, string, RegExp]>([
    ['a VP8 stream to a viewer without VP8', watching(h264(102, '42001f'), h264(106)), VP8_STREAM, 'unsupported_codec', /video is VP8, which the offer does not list; it lists H264/],
    ['an H.264 stream to a viewer with H.264 in mode 0 only', watching(vp8(96), h264(104, '42001f', 0)), H264_STREAM, 'unsupported_codec', /video is H\.264 \(packetization-mode=1\)/],
    ['a sendonly video section', offer(CHROME_AUDIO, { ...CHROME_VIDEO, direction: 'sendonly' }), H264_STREAM, 'not_receiving', /its video section is sendonly/],
    ['an inactive audio section', offer({ ...CHROME_AUDIO, direction: 'inactive' }, CHROME_VIDEO), H264_STREAM, 'not_receiving', /its audio section is inactive/],
    ['an offer with every section turned off', offer({ ...CHROME_AUDIO, port: 0 }, { ...CHROME_VIDEO, port: 0 }), H264_STREAM, 'no_media', /an audio or a video section/],
    ['audio only, to a stream without audio', offer(CHROME_AUDIO), ingest(H264_STREAM.video, null), 'nothing_to_play', /receives no kind of media this stream sends/],
  ])('refuses %s as unprocessable', (_, description, stream, code, message) => {
    const refusal = refusalOf(() => choosePlaybackCodecs(description, stream));
    expect(refusal).toBeInstanceOf(UnprocessableError);
    expect(refusal).toMatchObject({ code });
    expect(refusal.message).toMatch(message);
  });

  it.each<[string, SessionDescription, RegExp]>([
    ['no ICE credentials', { ...offer(CHROME_AUDIO, CHROME_VIDEO), hasIceCredentials: false }, /no ICE credentials/],
    ['no DTLS fingerprint', { ...offer(CHROME_AUDIO, CHROME_VIDEO), hasFingerprint: false }, /no DTLS fingerprint/],
    ['a video section without an a=mid', offer(CHROME_AUDIO, { ...CHROME_VIDEO, mid: null }), /its video section has no "a=mid" line/],
  ])('refuses a viewer’s offer with %s as malformed', (_, description, message) => {
    const refusal = refusalOf(() => choosePlaybackCodecs(description, H264_STREAM));
    expect(refusal).toBeInstanceOf(ValidationError);
    expect(refusal).toMatchObject({ code: 'malformed_sdp' });
    expect(refusal.message).toMatch(message);
  });
});
