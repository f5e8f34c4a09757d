import { UnprocessableError, ValidationError } from '@glint/domain-errors';
import { fmtpParameters, type MediaSection, type RtpCodec, type SessionDescription } from './sdp';

export type VideoCodecName = 'H264' | 'VP8';
export type AudioCodecName = 'opus';

export interface ChosenCodec {
  mid: string;
  payloadType: number;
  /** The fmtp line the answer carries for this codec. */
  fmtp: string;
}

export interface IngestCodecs {
  video: (ChosenCodec & { codec: VideoCodecName; ssrcs: number[] }) | null;
  audio: (ChosenCodec & { codec: AudioCodecName; ssrcs: number[] }) | null;
}

export interface PlaybackCodecs {
  video: ChosenCodec | null;
  audio: ChosenCodec | null;
}

export const ACCEPTED_CODECS = 'video H.264 (packetization-mode=1) or VP8, audio Opus';

const isH264 = (codec: RtpCodec) => codec.name.toUpperCase() === 'H264' && codec.clockRate === 90000 && fmtpParameters(codec.fmtp).get('packetization-mode') === '1';
const isVp8 = (codec: RtpCodec) => codec.name.toUpperCase() === 'VP8' && codec.clockRate === 90000;
const isOpus = (codec: RtpCodec) => codec.name.toLowerCase() === 'opus' && codec.clockRate === 48000;

/**
 * The codecs a publisher's offer is answered with: at most one video section (the offer's first
 * H.264 in packetization mode 1, else VP8, in the offer's order of preference) and one audio section
 * (Opus). An offer with a section Glint cannot forward is refused whole, never half-accepted.
 */
export function chooseIngestCodecs(offer: SessionDescription): IngestCodecs {
  requireTransport(offer);
  const active = offer.media.filter((section) => section.port !== 0);
  const video = active.filter((section) => section.kind === 'video');
  const audio = active.filter((section) => section.kind === 'audio');
  const other = active.find((section) => section.kind !== 'video' && section.kind !== 'audio');
  if (other) throw new UnprocessableError('unsupported_media', `Glint takes one audio and one video section; this offer has "m=${other.kind}". Accepted: ${ACCEPTED_CODECS}.`);
  if (video.length > 1 || audio.length > 1) throw new UnprocessableError('too_many_tracks', `Glint takes one audio and one video section; this offer has ${audio.length} audio and ${video.length} video.`);
  if (video.length + audio.length === 0) throw new UnprocessableError('no_media', `The offer turns every media section off. Accepted: ${ACCEPTED_CODECS}.`);
  for (const section of [...video, ...audio]) {
    if (section.direction === 'recvonly' || section.direction === 'inactive') {
      throw new UnprocessableError('not_sending', `A WHIP offer sends media: its ${section.kind} section is ${section.direction}.`);
    }
  }
  const chosenVideo = video[0] ? pick(video[0], (codec) => (isH264(codec) ? 'H264' : isVp8(codec) ? 'VP8' : null)) : null;
  const chosenAudio = audio[0] ? pick(audio[0], (codec) => (isOpus(codec) ? 'opus' : null)) : null;
  if ((video[0] && !chosenVideo) || (audio[0] && !chosenAudio)) {
    const offered = [...video, ...audio].map((section) => `${section.kind}: ${namesOf(section)}`).join('; ');
    throw new UnprocessableError('unsupported_codec', `Glint forwards ${ACCEPTED_CODECS}; this offer has ${offered}.`);
  }
  return {
    video: chosenVideo && video[0] ? { ...chosenVideo, codec: chosenVideo.codec as VideoCodecName, ssrcs: video[0].ssrcs } : null,
    audio: chosenAudio && audio[0] ? { ...chosenAudio, codec: 'opus', ssrcs: audio[0].ssrcs } : null,
  };
}

/**
 * The codecs a viewer's offer is answered with, matching what the publisher sends: the viewer's
 * payload type for the same codec (for H.264, the same profile where the viewer offers it). A viewer
 * who cannot play the publisher's video is refused; one who offers no audio simply gets none.
 */
export function choosePlaybackCodecs(offer: SessionDescription, ingest: IngestCodecs): PlaybackCodecs {
  requireTransport(offer);
  const active = offer.media.filter((section) => section.port !== 0);
  const videoSection = active.find((section) => section.kind === 'video');
  const audioSection = active.find((section) => section.kind === 'audio');
  if (!videoSection && !audioSection) throw new UnprocessableError('no_media', 'A WHEP offer has an audio or a video section to receive into.');
  for (const section of [videoSection, audioSection]) {
    if (section && (section.direction === 'sendonly' || section.direction === 'inactive')) {
      throw new UnprocessableError('not_receiving', `A WHEP offer receives media: its ${section.kind} section is ${section.direction}.`);
    }
  }
  let video: ChosenCodec | null = null;
  if (videoSection && ingest.video) {
    const publisherProfile = profileOf(ingest.video.fmtp);
    const wanted = ingest.video.codec === 'H264' ? isH264 : isVp8;
    const candidates = videoSection.codecs.filter(wanted);
    const best = candidates.find((codec) => ingest.video?.codec !== 'H264' || profileOf(codec.fmtp) === publisherProfile) ?? candidates[0];
    if (!best) throw new UnprocessableError('unsupported_codec', `This stream's video is ${ingest.video.codec === 'H264' ? 'H.264 (packetization-mode=1)' : 'VP8'}, which the offer does not list; it lists ${namesOf(videoSection)}.`);
    video = { mid: midOf(videoSection), payloadType: best.payloadType, fmtp: best.fmtp };
  }
  let audio: ChosenCodec | null = null;
  if (audioSection && ingest.audio) {
    const opus = audioSection.codecs.find(isOpus);
    if (opus) audio = { mid: midOf(audioSection), payloadType: opus.payloadType, fmtp: opus.fmtp };
  }
  if (!video && !audio) throw new UnprocessableError('nothing_to_play', 'The offer receives no kind of media this stream sends.');
  return { video, audio };
}

function pick(section: MediaSection, classify: (codec: RtpCodec) => string | null): (ChosenCodec & { codec: string }) | null {
  for (const codec of section.codecs) {
    const name = classify(codec);
    if (name) return { mid: midOf(section), payloadType: codec.payloadType, fmtp: codec.fmtp, codec: name };
  }
  return null;
}

function midOf(section: MediaSection): string {
  if (section.mid === null || section.mid === '') throw new ValidationError('malformed_sdp', `The SDP offer is malformed: its ${section.kind} section has no "a=mid" line.`);
  return section.mid;
}

/** profile_idc and constraint flags: level differences do not stop a browser decoding. */
function profileOf(fmtp: string): string {
  return (fmtpParameters(fmtp).get('profile-level-id') ?? '42e01f').slice(0, 4).toLowerCase();
}

function namesOf(section: MediaSection): string {
  const names = [...new Set(section.codecs.map((codec) => codec.name || `payload type ${codec.payloadType}`))];
  return names.length > 0 ? names.join(', ') : 'no codec';
}

function requireTransport(offer: SessionDescription): void {
  if (!offer.hasIceCredentials) throw new ValidationError('malformed_sdp', 'The SDP offer is malformed: it has no ICE credentials (a=ice-ufrag and a=ice-pwd).');
  if (!offer.hasFingerprint) throw new ValidationError('malformed_sdp', 'The SDP offer is malformed: it has no DTLS fingerprint (a=fingerprint).');
}
