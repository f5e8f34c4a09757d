import { isRtp, payloadOffset, readFeedback, resolutionOf, sequenceOf, spsResolution, ssrcOf, startsKeyframe, timestampOf } from './rtp';

const bytes = (hex: string) => Buffer.from(hex.replace(/\s+/g, ''), 'hex');

/** An RTP packet: version 2, the given payload type, CSRCs and header extension (32-bit words), then the payload. */
function rtp(payload: Buffer | string, options: { payloadType?: number; marker?: boolean; csrcs?: number; extensionWords?: number } = {}): Buffer {
  const { payloadType = 96, marker = false, csrcs = 0, extensionWords } = options;
  const header = Buffer.alloc(12 + csrcs * 4);
  header[0] = 0x80 | (extensionWords === undefined ? 0 : 0x10) | csrcs;
  header[1] = (marker ? 0x80 : 0) | payloadType;
  header.writeUInt16BE(4711, 2);
  header.writeUInt32BE(3_000_000_000, 4);
  header.writeUInt32BE(0xdeadbeef, 8);
  for (let index = 0; index < csrcs; index++) header.writeUInt32BE(index + 1, 12 + index * 4);
  const extension = extensionWords === undefined ? Buffer.alloc(0) : Buffer.alloc(4 + extensionWords * 4);
  if (extensionWords !== undefined) {
    extension.writeUInt16BE(0xbede, 0);
    extension.writeUInt16BE(extensionWords, 2);
  }
  return Buffer.concat([header, extension, typeof payload === 'string' ? bytes(payload) : payload]);
}

/** An RTCP packet of the given type and format (FMT/RC), `words` 32-bit words long after its header. */
function rtcp(type: number, format: number, words: number): Buffer {
  const packet = Buffer.alloc(4 + words * 4);
  packet[0] = 0x80 | format;
  packet[1] = type;
  packet.writeUInt16BE(words, 2);
  return packet;
}

/** A 640x360 constrained-baseline SPS (profile 66, level 3.0, 40x23 macroblocks cropped by 4 rows of 2), VUI included. */
const SPS_640X360 = bytes('67 42 c0 1e d9 00 a0 2f f9 70 11 00 00 03 00 01 00 00 03 00 3c 8f 16 2e 48');
const PPS = bytes('68 ce 3c 80');

describe('isRtp', () => {
  it.each<[string, Buffer]>([
    ['a video packet', rtp('65 88', { payloadType: 96 })],
    ['an audio packet with the marker bit', rtp('fc ff', { payloadType: 111, marker: true })],
    ['a static payload type (PCMU)', rtp('ff', { payloadType: 0 })],
    ['a payload type just below the range RTCP types fall into', rtp('00', { payloadType: 63 })],
    ['a payload type just above it, with the marker bit', rtp('00', { payloadType: 96, marker: true })],
  ])('takes %s as RTP', (_, packet) => {
    expect(isRtp(packet)).toBe(true);
  });

  it.each<[string, Buffer]>([
    ['a sender report (200)', rtcp(200, 0, 6)],
    ['a receiver report (201) with a report block', rtcp(201, 1, 7)],
    ['a picture loss indication (206)', rtcp(206, 1, 2)],
    ['a NACK (205)', rtcp(205, 1, 3)],
    ['a packet of version 1', Buffer.from([0x40, 96, ...Buffer.alloc(10)])],
    ['a packet shorter than an RTP header', rtp('').subarray(0, 11)],
  ])('does not take %s as RTP', (_, packet) => {
    expect(isRtp(packet)).toBe(false);
  });

  it('reads the sequence number, timestamp and SSRC from the fixed header', () => {
    const packet = rtp('65');
    expect([sequenceOf(packet), timestampOf(packet), ssrcOf(packet)]).toEqual([4711, 3_000_000_000, 0xdeadbeef]);
  });
});

describe('payloadOffset', () => {
  it.each<[string, Buffer, number]>([
    ['right after a plain header', rtp('65 88'), 12],
    ['past two CSRCs', rtp('65 88', { csrcs: 2 }), 20],
    ['past a one-word header extension', rtp('65 88', { extensionWords: 1 }), 20],
    ['past an empty header extension', rtp('65 88', { extensionWords: 0 }), 16],
    ['past fifteen CSRCs and a three-word extension', rtp('65 88', { csrcs: 15, extensionWords: 3 }), 12 + 60 + 4 + 12],
    ['-1 for a packet with no payload', rtp(''), -1],
    ['-1 when the CSRCs fill the packet', rtp('', { csrcs: 2 }), -1],
    ['-1 when the extension header is cut off', rtp('', { csrcs: 1, extensionWords: 0 }).subarray(0, 18), -1],
    ['-1 when the extension runs past the end', rtp('', { extensionWords: 2 }).subarray(0, 20), -1],
  ])('payload offset %s', (_, packet, offset) => {
    expect(payloadOffset(packet)).toBe(offset);
  });
});

describe('startsKeyframe', () => {
  it.each<[string, string]>([
    ['an IDR slice (5) as a single NAL unit', '65 88 84 00'],
    ['an SPS (7) as a single NAL unit', SPS_640X360.toString('hex')],
    ['a PPS (8) as a single NAL unit', PPS.toString('hex')],
    ['a STAP-A whose first unit is an SPS', `78 00 19 ${SPS_640X360.toString('hex')} 00 04 ${PPS.toString('hex')}`],
    ['a STAP-A with an SEI before the SPS', `78 00 03 06 05 10 00 19 ${SPS_640X360.toString('hex')}`],
    ['the first fragment (S) of an FU-A carrying an IDR slice', '7c 85 88 84'],
  ])('H.264: %s starts a key frame', (_, payload) => {
    expect(startsKeyframe(rtp(payload), 'H264')).toBe(true);
  });

  it.each<[string, string]>([
    ['a non-IDR slice (1)', '41 9a 02 04'],
    ['an SEI (6)', '06 05 10 b9'],
    ['a STAP-A of an SEI and a non-IDR slice', '78 00 03 06 05 10 00 02 41 9a'],
    ['a STAP-A cut off before its first unit', '78 00 19'],
    ['a middle fragment of an FU-A carrying an IDR slice', '7c 05 88 84'],
    ['the last fragment (E) of an FU-A carrying an IDR slice', '7c 45 88 84'],
    ['the first fragment of an FU-A carrying a non-IDR slice', '5c 81 9a 02'],
    ['an FU-A cut off before its FU header', '7c'],
  ])('H.264: %s does not start a key frame', (_, payload) => {
    expect(startsKeyframe(rtp(payload), 'H264')).toBe(false);
  });

  it('finds the H.264 NAL unit past CSRCs and a header extension', () => {
    expect(startsKeyframe(rtp('65 88 84 00', { csrcs: 1, extensionWords: 2 }), 'H264')).toBe(true);
    expect(startsKeyframe(rtp('41 9a 02 04', { csrcs: 1, extensionWords: 2 }), 'H264')).toBe(false);
  });

  it.each<[string, string]>([
    ['the first packet of a key frame (S=1, PID=0, P=0)', '10 50 42 00 9d 01 2a'],
    ['a key frame after a 7-bit picture ID (X, I)', '90 80 05 50 42 00 9d 01 2a'],
    ['a key frame after a 15-bit picture ID (X, I, M)', '90 80 81 23 50 42 00 9d 01 2a'],
    ['a key frame after picture ID, TL0PICIDX and TID (X, I, L, T)', '90 e0 81 23 12 40 50 42 00 9d 01 2a'],
    ['a key frame after KEYIDX alone (X, K)', '90 10 20 50 42 00 9d 01 2a'],
  ])('VP8: %s starts a key frame', (_, payload) => {
    expect(startsKeyframe(rtp(payload), 'VP8')).toBe(true);
  });

  it.each<[string, string]>([
    ['the first packet of an interframe (P=1)', '10 51 42 00'],
    ['a key frame’s later packet (S=0)', '00 50 42 00 9d 01 2a'],
    ['the start of another partition (S=1, PID=1)', '11 50 42 00'],
    ['an interframe after picture ID, TL0PICIDX and TID', '90 e0 81 23 12 40 51 42 00'],
    ['a descriptor with no frame after it', '90 80 81 23'],
  ])('VP8: %s does not start a key frame', (_, payload) => {
    expect(startsKeyframe(rtp(payload), 'VP8')).toBe(false);
  });

  it('is false for a packet without a payload', () => {
    expect(startsKeyframe(rtp(''), 'H264')).toBe(false);
    expect(startsKeyframe(rtp(''), 'VP8')).toBe(false);
  });
});

/** A VP8 key frame's first bytes (RFC 6386 9.1): frame tag, start code, 14-bit width and height with 2-bit scales. */
const vp8KeyFrame = (width: number, height: number, scale = 0) => {
  const header = bytes('50 42 00 9d 01 2a 00 00 00 00');
  header.writeUInt16LE(width | (scale << 14), 6);
  header.writeUInt16LE(height | (scale << 14), 8);
  return header.toString('hex');
};

describe('resolutionOf', () => {
  it.each<[string, string, { width: number; height: number } | null]>([
    ['a key frame’s size', `10 ${vp8KeyFrame(1280, 720)}`, { width: 1280, height: 720 }],
    ['a key frame’s size without its scaling bits', `10 ${vp8KeyFrame(1920, 1080, 3)}`, { width: 1920, height: 1080 }],
    ['a key frame’s size past an extended descriptor', `90 e0 81 23 12 40 ${vp8KeyFrame(640, 360)}`, { width: 640, height: 360 }],
    ['nothing from an interframe', `10 51 42 00 9d 01 2a 00 05 d0 02`, null],
    ['nothing from a key frame without the start code', `10 50 42 00 9d 01 2b 00 05 d0 02`, null],
    ['nothing from a key frame cut off before its height', `10 ${vp8KeyFrame(1280, 720).slice(0, -4)}`, null],
    ['nothing from a later packet of a key frame', `00 ${vp8KeyFrame(1280, 720)}`, null],
  ])('VP8: %s', (_, payload, resolution) => {
    expect(resolutionOf(rtp(payload), 'VP8')).toEqual(resolution);
  });

  it.each<[string, Buffer, { width: number; height: number } | null]>([
    ['an SPS sent as a single NAL unit', SPS_640X360, { width: 640, height: 360 }],
    ['an SPS inside a STAP-A, after an SEI', Buffer.concat([bytes('78 00 03 06 05 10 00 19'), SPS_640X360, bytes('00 04'), PPS]), { width: 640, height: 360 }],
    ['nothing from a STAP-A without an SPS', Buffer.concat([bytes('78 00 04'), PPS]), null],
    ['nothing from an IDR slice', bytes('65 88 84 00'), null],
    ['nothing from an SPS cut off before its size', SPS_640X360.subarray(0, 6), null],
  ])('H.264: %s', (_, payload, resolution) => {
    expect(resolutionOf(rtp(payload), 'H264')).toEqual(resolution);
  });
});

/** Writes an RBSP bit by bit, then escapes it as an SPS NAL unit (emulation prevention). */
class SpsWriter {
  private readonly bits: number[] = [];

  u(count: number, value: number): this {
    for (let bit = count - 1; bit >= 0; bit--) this.bits.push(Math.floor(value / 2 ** bit) % 2);
    return this;
  }

  ue(value: number): this {
    const code = value + 1;
    const length = Math.floor(Math.log2(code)) + 1;
    return this.u(length - 1, 0).u(length, code);
  }

  se(value: number): this {
    return this.ue(value > 0 ? 2 * value - 1 : -2 * value);
  }

  nal(): Buffer {
    this.u(1, 1);
    while (this.bits.length % 8 !== 0) this.bits.push(0);
    const out = [0x67];
    let zeros = 0;
    for (let at = 0; at < this.bits.length; at += 8) {
      const byte = parseInt(this.bits.slice(at, at + 8).join(''), 2);
      if (zeros >= 2 && byte <= 3) {
        out.push(3);
        zeros = 0;
      }
      out.push(byte);
      zeros = byte === 0 ? zeros + 1 : 0;
    }
    return Buffer.from(out);
  }
}

interface SpsShape {
  profileIdc: number;
  chromaFormat?: number;
  scalingLists?: boolean;
  pocType: 0 | 1 | 2;
  widthInMbs: number;
  heightInMapUnits: number;
  frameMbsOnly: boolean;
  crop?: [number, number, number, number];
}

/** An SPS (ITU-T H.264 7.3.2.1.1) with the given shape, the fields the size does not depend on set to plausible values. */
function sps(shape: SpsShape): Buffer {
  const writer = new SpsWriter().u(8, shape.profileIdc).u(8, 0).u(8, 40).ue(0);
  if (shape.profileIdc >= 100) {
    const chroma = shape.chromaFormat ?? 1;
    writer.ue(chroma);
    if (chroma === 3) writer.u(1, 0);
    writer.ue(0).ue(0).u(1, 0);
    writer.u(1, shape.scalingLists ? 1 : 0);
    if (shape.scalingLists) {
      for (let list = 0; list < (chroma === 3 ? 12 : 8); list++) {
        // Every other list present: deltas 8 → 13 → 69 (wrapping below 0) → 0, which ends the list early.
        writer.u(1, list % 2);
        if (list % 2) [5, -200, -69].forEach((delta) => writer.se(delta));
      }
    }
  }
  writer.ue(0).ue(shape.pocType);
  if (shape.pocType === 0) writer.ue(2);
  if (shape.pocType === 1) {
    // A large offset_for_non_ref_pic: its long run of zero bits forces emulation-prevention bytes before the size.
    writer.u(1, 0).se(-(2 ** 29)).se(1).ue(2).se(3).se(-3);
  }
  writer.ue(4).u(1, 0).ue(shape.widthInMbs - 1).ue(shape.heightInMapUnits - 1).u(1, shape.frameMbsOnly ? 1 : 0);
  if (!shape.frameMbsOnly) writer.u(1, 0);
  writer.u(1, 1);
  writer.u(1, shape.crop ? 1 : 0);
  if (shape.crop) shape.crop.forEach((offset) => writer.ue(offset));
  return writer.u(1, 0).nal();
}

describe('spsResolution', () => {
  it('reads 640x360 from a real constrained-baseline SPS', () => {
    expect(spsResolution(SPS_640X360)).toEqual({ width: 640, height: 360 });
  });

  it.each<[string, SpsShape, { width: number; height: number }]>([
    ['baseline, uncropped', { profileIdc: 66, pocType: 2, widthInMbs: 80, heightInMapUnits: 45, frameMbsOnly: true }, { width: 1280, height: 720 }],
    ['high profile 4:2:0, cropped by 4 rows of 2', { profileIdc: 100, pocType: 0, widthInMbs: 120, heightInMapUnits: 68, frameMbsOnly: true, crop: [0, 0, 0, 4] }, { width: 1920, height: 1080 }],
    ['high profile with scaling lists', { profileIdc: 100, scalingLists: true, pocType: 0, widthInMbs: 120, heightInMapUnits: 68, frameMbsOnly: true, crop: [0, 0, 0, 4] }, { width: 1920, height: 1080 }],
    ['interlaced: map units are field pairs, crop rows count double', { profileIdc: 100, pocType: 0, widthInMbs: 120, heightInMapUnits: 34, frameMbsOnly: false, crop: [0, 0, 0, 2] }, { width: 1920, height: 1080 }],
    ['picture order count type 1, with emulation-prevention bytes before the size', { profileIdc: 77, pocType: 1, widthInMbs: 53, heightInMapUnits: 30, frameMbsOnly: true, crop: [0, 4, 0, 0] }, { width: 840, height: 480 }],
    ['4:4:4: crop units of one pixel', { profileIdc: 244, chromaFormat: 3, pocType: 0, widthInMbs: 80, heightInMapUnits: 45, frameMbsOnly: true, crop: [1, 2, 0, 3] }, { width: 1277, height: 717 }],
    ['4:2:2: crop units of two columns, one row', { profileIdc: 122, chromaFormat: 2, pocType: 2, widthInMbs: 80, heightInMapUnits: 45, frameMbsOnly: true, crop: [0, 1, 0, 3] }, { width: 1278, height: 717 }],
    ['monochrome: crop units of one pixel', { profileIdc: 100, chromaFormat: 0, pocType: 2, widthInMbs: 80, heightInMapUnits: 45, frameMbsOnly: true, crop: [0, 1, 0, 3] }, { width: 1279, height: 717 }],
  ])('reads the size of an SPS: %s', (_, shape, resolution) => {
    expect(spsResolution(sps(shape))).toEqual(resolution);
  });

  it('unescapes emulation-prevention bytes before reading', () => {
    const nal = sps({ profileIdc: 77, pocType: 1, widthInMbs: 53, heightInMapUnits: 30, frameMbsOnly: true });
    expect(nal.includes(bytes('00 00 03'))).toBe(true);
    expect(spsResolution(nal)).toEqual({ width: 848, height: 480 });
  });

  it.each<[string, Buffer]>([
    ['an empty NAL unit', Buffer.alloc(0)],
    ['only the NAL header and profile', bytes('67 42 c0')],
    ['an Exp-Golomb code longer than 32 bits', bytes('67 42 c0 1e 00 00 00 00 00 80')],
  ])('gives nothing for %s', (_, nal) => {
    expect(spsResolution(nal)).toBeNull();
  });
});

describe('readFeedback', () => {
  it('counts PLIs and FIRs as key-frame requests and NACKs in a compound packet, passing over the rest', () => {
    const compound = Buffer.concat([
      rtcp(201, 1, 7), // receiver report
      rtcp(206, 1, 2), // PLI
      rtcp(206, 4, 4), // FIR
      rtcp(205, 1, 3), // generic NACK
      rtcp(206, 15, 5), // REMB (application layer feedback): not a key-frame request
      rtcp(205, 3, 4), // TMMBR: not a NACK
      rtcp(205, 1, 4), // a NACK with two entries is one NACK packet
      rtcp(202, 1, 3), // SDES
    ]);
    expect(readFeedback(compound)).toEqual({ pictureLossIndications: 2, nacks: 2, lostSequences: [0, 0, 0] });
  });

  it.each<[string, Buffer]>([
    ['an empty packet', Buffer.alloc(0)],
    ['a sender report alone', rtcp(200, 0, 6)],
    ['a packet of another version', Buffer.from([0x41, 206, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0])],
    ['a header cut off after 3 bytes', rtcp(206, 1, 2).subarray(0, 3)],
  ])('counts nothing in %s', (_, packet) => {
    expect(readFeedback(packet)).toEqual({ pictureLossIndications: 0, nacks: 0, lostSequences: [] });
  });

  it('reads the sequence numbers a NACK asks for: each entry\'s packet and those its bitmask marks, wrapping at 65535', () => {
    const nack = rtcp(205, 1, 4);
    nack.writeUInt16BE(1000, 12);
    nack.writeUInt16BE(0b1000_0000_0000_0101, 14);
    nack.writeUInt16BE(65534, 16);
    nack.writeUInt16BE(0b11, 18);
    expect(readFeedback(nack)).toEqual({ pictureLossIndications: 0, nacks: 1, lostSequences: [1000, 1001, 1003, 1016, 65534, 65535, 0] });
  });

  it('reads no NACK entry past the end of a packet cut short', () => {
    const nack = rtcp(205, 1, 4);
    nack.writeUInt16BE(7, 12);
    expect(readFeedback(nack.subarray(0, 18))).toEqual({ pictureLossIndications: 0, nacks: 1, lostSequences: [7] });
  });

  it('stops at the first packet that is not version 2', () => {
    const compound = Buffer.concat([rtcp(206, 1, 2), Buffer.from([0x41, 206, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0]), rtcp(206, 1, 2)]);
    expect(readFeedback(compound)).toEqual({ pictureLossIndications: 1, nacks: 0, lostSequences: [] });
  });
});
