/** The WHIP/WHEP gateway's settings, read from GATEWAY_* at start (see the README). */
export interface GatewaySettings {
  /** Whether this process runs a gateway: on in `npm start`, always on in apps/gateway. */
  enabled: boolean;
  /** This gateway's name in the event log; unique among running gateways. */
  id: string;
  /** The one UDP port every WebRTC peer of this gateway shares. */
  udpPort: number;
  /** The local address the UDP port is bound on; null binds every interface. */
  udpBindAddress: string | null;
  /** Addresses browsers are told to reach the UDP port at, for a gateway behind NAT; empty: the ones found. */
  announcedAddresses: string[];
  /** Where viewers reach this gateway's WHEP endpoint; a viewer on the wrong gateway is redirected here. */
  publicUrl: string;
  /** No RTP from a publisher for this long ends the stream (`publisher_silent`). */
  publisherSilenceMs: number;
  /** A publisher that connects but sends no media this long is let go without a trace. */
  firstMediaDeadlineMs: number;
  /** How often a live stream's health and viewer count are recorded. */
  sampleIntervalMs: number;
  heartbeatIntervalMs: number;
  /** The publisher's latest video packets a stream keeps, once for all its viewers, to answer NACKs from. */
  nackBufferPackets: number;
  /** More viewers than this on one gateway are refused with 503. */
  maxViewers: number;
}
