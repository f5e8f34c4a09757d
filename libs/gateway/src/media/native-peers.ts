import { cleanup, type PeerConnection, type Track } from 'node-datachannel';

/**
 * The life of node-datachannel's native side in one process.
 *
 * libdatachannel runs threads of its own that keep the process alive until its global `cleanup()`,
 * and `cleanup()` closes every Track wrapper it still lists. A Track wrapper leaves that list only
 * when the track's `onClosed` callback has run; one garbage-collected before that stays listed as a
 * dangling pointer, and `cleanup()` then crashes the process (seen as segfaults in
 * `rtc::Track::close` at the end of test runs under load). So every track goes through
 * `ownTrack`, which hooks `onClosed` and keeps the track referenced until it has run; and the
 * native side is released only by the last holder, after the closing tracks are done.
 */

const unclosedTracks = new Set<Track>();
let holders = 0;

const TRACKS_CLOSED_DEADLINE_MS = 5_000;

/** `peer.addTrack(media)`, kept referenced until libdatachannel has closed and unlisted it. */
export function addOwnedTrack(peer: PeerConnection, media: Parameters<PeerConnection['addTrack']>[0]): Track {
  const track = peer.addTrack(media);
  unclosedTracks.add(track);
  track.onClosed(() => {
    // The wrapper unlists itself right after this callback returns; let go of it after that. Its
    // other callbacks (onOpen, onMessage) are let go only by close(): until then each holds a
    // thread-safe function that keeps the event loop alive, and cleanup() no longer reaches an
    // unlisted track. close() on a closed track only lets them go.
    setImmediate(() => {
      unclosedTracks.delete(track);
      track.close();
    });
  });
  return track;
}

/**
 * Holds the native side while the caller may have peers; the returned function lets go, and the
 * last holder to let go waits for closing tracks, then calls `cleanup()`. Letting go twice counts once.
 */
export function holdNativePeers(): () => Promise<void> {
  holders++;
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    holders--;
    if (holders > 0) return;
    const deadline = Date.now() + TRACKS_CLOSED_DEADLINE_MS;
    while (unclosedTracks.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    // Tracks still closing stay referenced in the set, so cleanup() finds them alive.
    if (holders === 0) cleanup();
  };
}
