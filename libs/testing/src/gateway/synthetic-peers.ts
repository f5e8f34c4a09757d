import { Audio, PeerConnection, RtcpReceivingSession, Video, type Track } from 'node-datachannel';
import { addOwnedTrack, readFeedback } from '@glint/gateway/media';

/**
 * Encoders and players made of node-datachannel peers, for the gateway's tests and benchmark:
 * a publisher that sends synthetic H.264 (or VP8) and Opus RTP the way an encoder packetises it,
 * and viewers that count what arrives. Payloads carry the frame number and the send time, so a
 * viewer can tell order, gaps and latency.
 */

export const VIDEO_PAYLOAD_TYPE = 96;
export const AUDIO_PAYLOAD_TYPE = 111;
export const VIDEO_SSRC = 0x11223344;
export const AUDIO_SSRC = 0x55667788;

export type Exchange = (offer: string) => Promise<string>;

export interface PeerOptions {
  /**
   * Leaves the candidates out of the offer, as OBS does; the default. With them, the gateway starts
   * ICE and DTLS toward this peer as soon as it answers, and libdatachannel on the offering side
   * can finish the DTLS handshake while its setRemoteDescription is still between handing the answer
   * to ICE and storing it: the gateway's certificate is then checked against no fingerprint, the
   * handshake fails ("unknown CA"), the peer closes, and the answer's candidates are refused ("Got a
   * remote candidate without ICE transport"). Seen in a few of every hundred connections on a loaded
   * machine; none without candidates. Browsers hold early DTLS until they know the fingerprint.
   */
  withoutCandidates?: boolean;
  bindAddress?: string;
}

/**
 * The peer's offer once gathering is complete. Peers are made with auto-negotiation off, so the
 * only negotiation is the explicit one.
 */
async function offerOf(peer: PeerConnection, withoutCandidates: boolean): Promise<string> {
  const gathered = new Promise<void>((resolve) => peer.onGatheringStateChange((state) => state === 'complete' && resolve()));
  peer.setLocalDescription('offer');
  if (peer.gatheringState() !== 'complete') await gathered;
  const sdp = peer.localDescription()?.sdp ?? '';
  return withoutCandidates ? sdp.split('\r\n').filter((line) => !line.startsWith('a=candidate:') && !line.startsWith('a=end-of-candidates')).join('\r\n') : sdp;
}

function opened(track: Track, timeoutMs: number): Promise<void> {
  if (track.isOpen()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`track ${track.mid()} did not open within ${timeoutMs} ms`)), timeoutMs);
    track.onOpen(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export class SyntheticPublisher {
  keyframeRequests = 0;
  private sequence = { video: 1000, audio: 5000 };
  private timestamp = { video: 90_000, audio: 48_000 };
  private frame = 0;
  private readonly handlers: unknown[] = [];

  private constructor(
    readonly peer: PeerConnection,
    private readonly video: Track,
    private readonly audio: Track,
    private readonly codec: 'H264' | 'VP8',
  ) {}

  static async connect(exchange: Exchange, options: PeerOptions & { codec?: 'H264' | 'VP8' } = {}): Promise<SyntheticPublisher> {
    const codec = options.codec ?? 'H264';
    const peer = new PeerConnection('synthetic-publisher', { iceServers: [], disableAutoNegotiation: true, ...(options.bindAddress ? { bindAddress: options.bindAddress } : {}) });
    const audioDescription = new Audio('0', 'SendOnly');
    audioDescription.addOpusCodec(AUDIO_PAYLOAD_TYPE);
    audioDescription.addSSRC(AUDIO_SSRC, 'synthetic', 'stream', 'audio');
    const videoDescription = new Video('1', 'SendOnly');
    if (codec === 'H264') videoDescription.addH264Codec(VIDEO_PAYLOAD_TYPE);
    else videoDescription.addVP8Codec(VIDEO_PAYLOAD_TYPE);
    videoDescription.addSSRC(VIDEO_SSRC, 'synthetic', 'stream', 'video');
    const audio = addOwnedTrack(peer, audioDescription);
    const video = addOwnedTrack(peer, videoDescription);
    const publisher = new SyntheticPublisher(peer, video, audio, codec);
    publisher.handlers.push(audioDescription, videoDescription);
    audio.onMessage(() => undefined);
    video.onMessage((packet) => {
      publisher.keyframeRequests += readFeedback(packet).pictureLossIndications;
    });
    try {
      const answer = await exchange(await offerOf(peer, options.withoutCandidates ?? true));
      peer.setRemoteDescription(answer, 'answer');
      await Promise.all([opened(video, 10_000), opened(audio, 10_000)]);
    } catch (error) {
      publisher.close();
      throw error;
    }
    return publisher;
  }

  /**
   * Sends one video frame of `packets` packets of `size` bytes each; returns their sequence numbers.
   * The first packet of a key frame is an IDR slice (or a VP8 key frame).
   */
  /**
   * One frame as `packets` RTP packets; the sequence numbers sent. Nothing once the track has closed
   * (the gateway hung up): an encoder's sends then go nowhere too.
   */
  sendVideoFrame(options: { keyframe: boolean; packets: number; size: number }): number[] {
    const sent: number[] = [];
    if (this.video.isClosed()) return sent;
    this.frame++;
    for (let index = 0; index < options.packets; index++) {
      const packet = Buffer.alloc(options.size);
      packet[0] = 0x80;
      packet[1] = (index === options.packets - 1 ? 0x80 : 0) | VIDEO_PAYLOAD_TYPE;
      const sequence = this.sequence.video++ & 0xffff;
      packet.writeUInt16BE(sequence, 2);
      packet.writeUInt32BE(this.timestamp.video >>> 0, 4);
      packet.writeUInt32BE(VIDEO_SSRC, 8);
      this.writeVideoPayload(packet, options.keyframe, index);
      packet.writeUInt32BE(this.frame, 16);
      packet.writeDoubleBE(performance.timeOrigin + performance.now(), 20);
      this.video.sendMessageBinary(packet);
      sent.push(sequence);
    }
    this.timestamp.video += 3000;
    return sent;
  }

  /** One H.264 NAL unit (an SPS, say) as a packet of its own, numbered on from the last video packet, in the current frame; -1 once the track has closed. */
  sendVideoNalUnit(nal: Buffer): number {
    if (this.video.isClosed()) return -1;
    const packet = Buffer.alloc(12 + nal.length);
    packet[0] = 0x80;
    packet[1] = VIDEO_PAYLOAD_TYPE;
    const sequence = this.sequence.video++ & 0xffff;
    packet.writeUInt16BE(sequence, 2);
    packet.writeUInt32BE(this.timestamp.video >>> 0, 4);
    packet.writeUInt32BE(VIDEO_SSRC, 8);
    nal.copy(packet, 12);
    this.video.sendMessageBinary(packet);
    return sequence;
  }

  /** One Opus packet; its sequence number, or -1 once the track has closed. */
  sendAudioPacket(size = 160): number {
    if (this.audio.isClosed()) return -1;
    const packet = Buffer.alloc(size);
    packet[0] = 0x80;
    packet[1] = AUDIO_PAYLOAD_TYPE;
    const sequence = this.sequence.audio++ & 0xffff;
    packet.writeUInt16BE(sequence, 2);
    packet.writeUInt32BE(this.timestamp.audio >>> 0, 4);
    packet.writeUInt32BE(AUDIO_SSRC, 8);
    packet.writeDoubleBE(performance.timeOrigin + performance.now(), 12);
    this.timestamp.audio += 960;
    this.audio.sendMessageBinary(packet);
    return sequence;
  }

  close(): void {
    this.peer.close();
  }

  private writeVideoPayload(packet: Buffer, keyframe: boolean, index: number): void {
    if (this.codec === 'H264') {
      // Single NAL units: 0x65 an IDR slice, 0x41 a non-IDR slice; later packets of a frame as FU-A middles.
      if (index === 0) packet[12] = keyframe ? 0x65 : 0x41;
      else {
        packet[12] = 0x7c;
        packet[13] = keyframe ? 0x05 : 0x01;
      }
      return;
    }
    // VP8 payload descriptor: S=1 PID=0 on a frame's first packet; frame tag bit 0 clear on a key frame.
    packet[12] = index === 0 ? 0x10 : 0x00;
    packet[13] = keyframe && index === 0 ? 0x00 : 0x01;
  }
}

export interface ReceivedPacket {
  kind: 'audio' | 'video';
  sequence: number;
  timestamp: number;
  ssrc: number;
  payloadType: number;
  /** The publisher's frame number (video) carried in the payload. */
  frame: number;
  firstByte: number;
  latencyMs: number;
}

export class SyntheticViewer {
  readonly received: ReceivedPacket[] = [];
  private readonly handlers: unknown[] = [];
  private video: Track | null = null;
  /** While true, arriving packets are counted but not kept (a benchmark viewer). */
  countOnly = false;
  packetCount = 0;

  private constructor(readonly peer: PeerConnection) {}

  /**
   * `feedback: true` leaves the video track without a media handler, so it can send RTCP of its own
   * (`sendNack`, `sendPictureLossIndication`); nothing else on the gateway's side changes, since the gateway sends no RTCP to viewers.
   */
  static async connect(exchange: Exchange, options: PeerOptions & { audio?: boolean; feedback?: boolean } = {}): Promise<SyntheticViewer> {
    const peer = new PeerConnection('synthetic-viewer', { iceServers: [], disableAutoNegotiation: true, ...(options.bindAddress ? { bindAddress: options.bindAddress } : {}) });
    const viewer = new SyntheticViewer(peer);
    const tracks: Track[] = [];
    if (options.audio !== false) {
      const audioDescription = new Audio('0', 'RecvOnly');
      audioDescription.addOpusCodec(AUDIO_PAYLOAD_TYPE + 1);
      const audio = addOwnedTrack(peer, audioDescription);
      const session = new RtcpReceivingSession();
      audio.setMediaHandler(session);
      audio.onMessage((packet) => viewer.take('audio', packet));
      viewer.handlers.push(audioDescription, session);
      tracks.push(audio);
    }
    const videoDescription = new Video('1', 'RecvOnly');
    videoDescription.addH264Codec(VIDEO_PAYLOAD_TYPE + 6);
    videoDescription.addVP8Codec(VIDEO_PAYLOAD_TYPE + 4);
    const video = addOwnedTrack(peer, videoDescription);
    viewer.video = video;
    if (!options.feedback) {
      const session = new RtcpReceivingSession();
      video.setMediaHandler(session);
      viewer.handlers.push(session);
    }
    video.onMessage((packet) => viewer.take('video', packet));
    viewer.handlers.push(videoDescription, video);
    tracks.push(video);
    viewer.handlers.push(...tracks);
    try {
      const answer = await exchange(await offerOf(peer, options.withoutCandidates ?? true));
      peer.setRemoteDescription(answer, 'answer');
      await Promise.all(tracks.map((track) => opened(track, 10_000)));
    } catch (error) {
      viewer.close();
      throw error;
    }
    return viewer;
  }

  /** A generic NACK (RFC 4585) for `sequences` of the video this viewer receives, one entry per sequence number. */
  sendNack(sequences: number[]): void {
    const entries = Buffer.alloc(4 * sequences.length);
    sequences.forEach((sequence, index) => entries.writeUInt16BE(sequence, 4 * index));
    this.sendFeedback(205, 1, entries);
  }

  /** A picture loss indication (RFC 4585): the player asks for a key frame. */
  sendPictureLossIndication(): void {
    this.sendFeedback(206, 1, Buffer.alloc(0));
  }

  /** An RTCP feedback message about the video this viewer receives (its media source: the gateway's SSRC for it). */
  private sendFeedback(type: 205 | 206, format: number, fci: Buffer): void {
    const video = this.videoPackets();
    if (!this.video || video.length === 0) throw new Error('a viewer sends feedback only once it has video');
    const packet = Buffer.alloc(12 + fci.length);
    packet[0] = 0x80 | format;
    packet[1] = type;
    packet.writeUInt16BE(packet.length / 4 - 1, 2);
    packet.writeUInt32BE(0x0badcafe, 4);
    packet.writeUInt32BE(video[0].ssrc, 8);
    fci.copy(packet, 12);
    this.video.sendMessageBinary(packet);
  }

  videoPackets(): ReceivedPacket[] {
    return this.received.filter((packet) => packet.kind === 'video');
  }

  close(): void {
    this.peer.close();
  }

  private take(kind: 'audio' | 'video', packet: Buffer): void {
    this.packetCount++;
    if (this.countOnly || packet.length < 28) return;
    const sentAt = kind === 'video' ? packet.readDoubleBE(20) : packet.readDoubleBE(12);
    this.received.push({
      kind,
      sequence: packet.readUInt16BE(2),
      timestamp: packet.readUInt32BE(4),
      ssrc: packet.readUInt32BE(8),
      payloadType: packet[1] & 0x7f,
      frame: kind === 'video' ? packet.readUInt32BE(16) : 0,
      firstByte: packet[12],
      latencyMs: performance.timeOrigin + performance.now() - sentAt,
    });
  }
}
