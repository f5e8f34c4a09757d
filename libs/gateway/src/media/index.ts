// The gateway's media core on its own, without Nest or the event log: the benchmark's relay and
// the test kit's synthetic peers run on it.
export { Broadcast, type BroadcastSettings, type IngestCounters } from './broadcast';
export { chooseIngestCodecs } from './codecs';
export { parseSdp } from './sdp';
export { readFeedback } from './rtp';
export { addOwnedTrack, holdNativePeers } from './native-peers';
