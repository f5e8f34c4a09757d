/** RTP (RFC 3550) and RTCP feedback (RFC 4585) as far as forwarding needs them. */

export const RTP_HEADER_BYTES = 12;

export function isRtp(packet: Buffer): boolean {
  if (packet.length < RTP_HEADER_BYTES || packet[0] >> 6 !== 2) return false;
  const payloadType = packet[1] & 0x7f;
  // RTCP packet types 192–223 land on 64–95 once the marker bit is taken off.
  return payloadType < 64 || payloadType > 95;
}

export const sequenceOf = (packet: Buffer): number => packet.readUInt16BE(2);
export const timestampOf = (packet: Buffer): number => packet.readUInt32BE(4);
export const ssrcOf = (packet: Buffer): number => packet.readUInt32BE(8);

/** Where the payload starts, past CSRCs and a header extension; -1 for a packet too short to hold it. */
export function payloadOffset(packet: Buffer): number {
  let offset = RTP_HEADER_BYTES + (packet[0] & 0x0f) * 4;
  if (packet[0] & 0x10) {
    if (packet.length < offset + 4) return -1;
    offset += 4 + packet.readUInt16BE(offset + 2) * 4;
  }
  return offset < packet.length ? offset : -1;
}

/**
 * Whether this packet starts a frame a decoder can begin at. H.264: an IDR slice, SPS or PPS as a
 * single NAL unit, in a STAP-A, or as the first fragment (S bit) of an FU-A. VP8: the
 * first partition of a frame (S=1, PID=0) whose frame tag has the key-frame bit clear.
 */
export function startsKeyframe(packet: Buffer, codec: 'H264' | 'VP8'): boolean {
  const at = payloadOffset(packet);
  if (at < 0) return false;
  if (codec === 'H264') {
    const nalType = packet[at] & 0x1f;
    if (nalType === 24) return stapHoldsKeyNal(packet, at);
    if (nalType === 28) return at + 1 < packet.length && (packet[at + 1] & 0x80) !== 0 && isKeyNal(packet[at + 1] & 0x1f);
    return isKeyNal(nalType);
  }
  const frame = vp8FrameOffset(packet, at);
  return frame >= 0 && (packet[frame] & 0x01) === 0;
}

const isKeyNal = (type: number) => type === 5 || type === 7 || type === 8;

/** Any unit of a STAP-A: encoders put an SEI or an access unit delimiter before the SPS. */
function stapHoldsKeyNal(packet: Buffer, at: number): boolean {
  let offset = at + 1;
  while (offset + 2 < packet.length) {
    const size = packet.readUInt16BE(offset);
    if (size > 0 && isKeyNal(packet[offset + 2] & 0x1f)) return true;
    offset += 2 + size;
  }
  return false;
}

/** Past the VP8 payload descriptor (RFC 7741) to the frame's first byte; -1 unless S=1 and PID=0. */
function vp8FrameOffset(packet: Buffer, at: number): number {
  const first = packet[at];
  if ((first & 0x10) === 0 || (first & 0x07) !== 0) return -1;
  let offset = at + 1;
  if (first & 0x80) {
    const extension = packet[offset++];
    if (extension & 0x80) offset += packet[offset] & 0x80 ? 2 : 1;
    if (extension & 0x40) offset += 1;
    if (extension & 0x30) offset += 1;
  }
  return offset < packet.length ? offset : -1;
}

export interface Resolution {
  width: number;
  height: number;
}

/** The picture size a key frame announces: VP8's frame header, or H.264's sequence parameter set. */
export function resolutionOf(packet: Buffer, codec: 'H264' | 'VP8'): Resolution | null {
  const at = payloadOffset(packet);
  if (at < 0) return null;
  if (codec === 'VP8') {
    const frame = vp8FrameOffset(packet, at);
    if (frame < 0 || frame + 10 > packet.length || (packet[frame] & 0x01) !== 0) return null;
    if (packet[frame + 3] !== 0x9d || packet[frame + 4] !== 0x01 || packet[frame + 5] !== 0x2a) return null;
    return { width: packet.readUInt16LE(frame + 6) & 0x3fff, height: packet.readUInt16LE(frame + 8) & 0x3fff };
  }
  const nalType = packet[at] & 0x1f;
  if (nalType === 7) return spsResolution(packet.subarray(at));
  if (nalType === 24) {
    let offset = at + 1;
    while (offset + 2 < packet.length) {
      const size = packet.readUInt16BE(offset);
      const unit = packet.subarray(offset + 2, offset + 2 + size);
      if (unit.length > 0 && (unit[0] & 0x1f) === 7) return spsResolution(unit);
      offset += 2 + size;
    }
  }
  return null;
}

/** Reads width and height from an H.264 SPS NAL unit (ITU-T H.264 7.3.2.1.1). */
export function spsResolution(nal: Buffer): Resolution | null {
  try {
    const bits = new BitReader(unescape(nal.subarray(1)));
    const profileIdc = bits.bits(8);
    bits.bits(16);
    bits.ue();
    let chromaFormat = 1;
    if ([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135].includes(profileIdc)) {
      chromaFormat = bits.ue();
      if (chromaFormat === 3) bits.bits(1);
      bits.ue();
      bits.ue();
      bits.bits(1);
      if (bits.bits(1)) {
        for (let list = 0; list < (chromaFormat === 3 ? 12 : 8); list++) {
          if (bits.bits(1)) skipScalingList(bits, list < 6 ? 16 : 64);
        }
      }
    }
    bits.ue();
    const pocType = bits.ue();
    if (pocType === 0) bits.ue();
    else if (pocType === 1) {
      bits.bits(1);
      bits.se();
      bits.se();
      const cycle = bits.ue();
      for (let index = 0; index < cycle; index++) bits.se();
    }
    bits.ue();
    bits.bits(1);
    const widthInMbs = bits.ue() + 1;
    const heightInMapUnits = bits.ue() + 1;
    const frameMbsOnly = bits.bits(1);
    if (!frameMbsOnly) bits.bits(1);
    bits.bits(1);
    let [left, right, top, bottom] = [0, 0, 0, 0];
    if (bits.bits(1)) [left, right, top, bottom] = [bits.ue(), bits.ue(), bits.ue(), bits.ue()];
    const cropX = chromaFormat === 0 || chromaFormat === 3 ? 1 : 2;
    const cropY = (chromaFormat === 1 ? 2 : 1) * (2 - frameMbsOnly);
    return {
      width: widthInMbs * 16 - (left + right) * cropX,
      height: (2 - frameMbsOnly) * heightInMapUnits * 16 - (top + bottom) * cropY,
    };
  } catch {
    return null;
  }
}

function skipScalingList(bits: BitReader, size: number): void {
  let last = 8;
  let next = 8;
  for (let index = 0; index < size; index++) {
    if (next !== 0) next = (last + bits.se() + 256) % 256;
    last = next === 0 ? last : next;
  }
}

/** Drops the emulation-prevention bytes (00 00 03 → 00 00). */
function unescape(rbsp: Buffer): Buffer {
  const out: number[] = [];
  for (let index = 0; index < rbsp.length; index++) {
    if (index >= 2 && rbsp[index] === 3 && rbsp[index - 1] === 0 && rbsp[index - 2] === 0) continue;
    out.push(rbsp[index]);
  }
  return Buffer.from(out);
}

class BitReader {
  private position = 0;
  constructor(private readonly data: Buffer) {}

  bits(count: number): number {
    let value = 0;
    for (let index = 0; index < count; index++) {
      const byte = this.data[this.position >> 3];
      if (byte === undefined) throw new RangeError('past the end of the SPS');
      value = value * 2 + ((byte >> (7 - (this.position & 7))) & 1);
      this.position++;
    }
    return value;
  }

  ue(): number {
    let zeros = 0;
    while (this.bits(1) === 0) {
      if (++zeros > 31) throw new RangeError('an Exp-Golomb code longer than 32 bits');
    }
    return 2 ** zeros - 1 + this.bits(zeros);
  }

  se(): number {
    const code = this.ue();
    return code % 2 === 1 ? (code + 1) / 2 : -(code / 2);
  }
}

export interface Feedback {
  pictureLossIndications: number;
  /** Generic NACK messages (RTPFB, FMT 1). */
  nacks: number;
  /** The sequence numbers those NACKs ask for again, in the viewer's numbering, in the order asked. */
  lostSequences: number[];
}

/** Bytes before a feedback message's FCI: the common header, the sender's SSRC and the media source's. */
const FEEDBACK_HEADER_BYTES = 12;

/**
 * Reads the key-frame requests (PLI, FIR) and NACKs of an RTCP compound packet. Each NACK entry
 * (RFC 4585 §6.2.1) names a lost packet and a bitmask of the 16 after it.
 */
export function readFeedback(packet: Buffer): Feedback {
  const feedback: Feedback = { pictureLossIndications: 0, nacks: 0, lostSequences: [] };
  let offset = 0;
  while (offset + 4 <= packet.length) {
    if (packet[offset] >> 6 !== 2) break;
    const format = packet[offset] & 0x1f;
    const type = packet[offset + 1];
    const end = offset + (packet.readUInt16BE(offset + 2) + 1) * 4;
    if (type === 206 && (format === 1 || format === 4)) feedback.pictureLossIndications++;
    if (type === 205 && format === 1) {
      feedback.nacks++;
      for (let entry = offset + FEEDBACK_HEADER_BYTES; entry + 4 <= Math.min(end, packet.length); entry += 4) {
        const first = packet.readUInt16BE(entry);
        const following = packet.readUInt16BE(entry + 2);
        feedback.lostSequences.push(first);
        for (let bit = 0; bit < 16; bit++) if (following & (1 << bit)) feedback.lostSequences.push((first + bit + 1) & 0xffff);
      }
    }
    offset = end;
  }
  return feedback;
}
