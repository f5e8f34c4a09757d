/**
 * The publisher's latest video packets, kept once for every viewer of a broadcast: a viewer's NACK
 * names packets in that viewer's numbering, the broadcast maps them back to the publisher's and
 * sends the kept packet again with that viewer's header (RFC 4585 retransmission without RTX).
 *
 * One buffer per broadcast instead of one per viewer's track: 200 viewers kept 200 copies of the
 * same packets before (about 130 MB at 512 packets each), and each send paid to store its copy.
 */
export class RetransmissionBuffer {
  private readonly packets: Array<Buffer | null>;
  /** The publisher's sequence number in each slot, or -1 for an empty slot. */
  private readonly sequences: Int32Array;
  private readonly timestamps: Uint32Array;
  /** Byte 1's marker bit of each kept packet: the packet itself is rewritten for every viewer it goes to. */
  private readonly markers: Uint8Array;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`a retransmission buffer holds at least one packet, not ${capacity}`);
    this.packets = new Array<Buffer | null>(capacity).fill(null);
    this.sequences = new Int32Array(capacity).fill(-1);
    this.timestamps = new Uint32Array(capacity);
    this.markers = new Uint8Array(capacity);
  }

  /** Keeps `packet` (not a copy: the caller hands it over) under the publisher's sequence number. */
  keep(packet: Buffer, sequence: number, timestamp: number, marker: number): void {
    const slot = sequence % this.capacity;
    this.packets[slot] = packet;
    this.sequences[slot] = sequence;
    this.timestamps[slot] = timestamp;
    this.markers[slot] = marker;
  }

  /** The kept packet with the publisher's `sequence`, or null once a newer one took its slot. */
  find(sequence: number): KeptPacket | null {
    const slot = sequence % this.capacity;
    const packet = this.packets[slot];
    if (packet === null || this.sequences[slot] !== sequence) return null;
    return { packet, timestamp: this.timestamps[slot], marker: this.markers[slot] };
  }

  clear(): void {
    this.packets.fill(null);
    this.sequences.fill(-1);
  }
}

export interface KeptPacket {
  /** The packet as the publisher sent it past its header, whose bytes 1–11 the caller rewrites. */
  packet: Buffer;
  timestamp: number;
  marker: number;
}
