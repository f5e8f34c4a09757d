import { RetransmissionBuffer } from './retransmission-buffer';

const packet = (tag: number) => Buffer.from([0x80, 96, 0, 0, tag]);

describe('the retransmission buffer', () => {
  it('finds a kept packet by the publisher\'s sequence number, with its timestamp and marker', () => {
    const buffer = new RetransmissionBuffer(4);
    const kept = packet(1);
    buffer.keep(kept, 1000, 90_000, 0x80);
    expect(buffer.find(1000)).toEqual({ packet: kept, timestamp: 90_000, marker: 0x80 });
    expect(buffer.find(1001)).toBeNull();
  });

  it('holds the latest `capacity` packets: an older one is gone once a newer one takes its slot', () => {
    const buffer = new RetransmissionBuffer(4);
    for (let sequence = 10; sequence < 16; sequence++) buffer.keep(packet(sequence), sequence, sequence * 3000, 0);
    expect(buffer.find(10)).toBeNull();
    expect(buffer.find(11)).toBeNull();
    expect([12, 13, 14, 15].map((sequence) => buffer.find(sequence)?.timestamp)).toEqual([36_000, 39_000, 42_000, 45_000]);
  });

  it('runs on across the wrap of sequence numbers at 65535', () => {
    const buffer = new RetransmissionBuffer(8);
    for (const sequence of [65533, 65534, 65535, 0, 1]) buffer.keep(packet(sequence & 0xff), sequence, 0xffffffff, 0);
    expect([65533, 65534, 65535, 0, 1].map((sequence) => buffer.find(sequence)?.packet[4])).toEqual([65533 & 0xff, 65534 & 0xff, 255, 0, 1]);
    expect(buffer.find(2)).toBeNull();
  });

  it('keeps nothing after clear', () => {
    const buffer = new RetransmissionBuffer(2);
    buffer.keep(packet(1), 1, 0, 0);
    buffer.clear();
    expect(buffer.find(1)).toBeNull();
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a capacity of %p', (capacity) => {
    expect(() => new RetransmissionBuffer(capacity)).toThrow(RangeError);
  });
});
