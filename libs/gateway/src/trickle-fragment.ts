import { ValidationError } from '@glint/domain-errors';
import { MAX_SDP_BYTES } from './media/sdp';

/** What a WHIP PATCH (`application/trickle-ice-sdpfrag`, RFC 8840) carries that the gateway uses. */
export interface TrickleFragment {
  /** The fragment's `a=ice-ufrag`: another one than the session's asks for an ICE restart. */
  iceUfrag: string | null;
  candidates: Array<{ candidate: string; mid: string }>;
}

/**
 * Reads the candidates of a trickle fragment, each under the `a=mid` of its media section. A
 * candidate before any `a=mid` has no section to go to, and is refused.
 */
export function parseTrickleFragment(text: string): TrickleFragment {
  if (Buffer.byteLength(text, 'utf8') > MAX_SDP_BYTES) throw malformed(`a fragment is at most ${MAX_SDP_BYTES / 1024} KiB`);
  const fragment: TrickleFragment = { iceUfrag: null, candidates: [] };
  let mid: string | null = null;
  text
    .split(/\r?\n/)
    .filter((line) => line.length > 0)
    .forEach((line, index) => {
      if (!/^[a-z]=/.test(line)) throw malformed(`line ${index + 1} is not "<letter>=<value>"`);
      if (line.startsWith('a=ice-ufrag:')) fragment.iceUfrag = line.slice('a=ice-ufrag:'.length).trim();
      else if (line.startsWith('a=mid:')) mid = line.slice('a=mid:'.length).trim();
      else if (line.startsWith('a=candidate:')) {
        if (mid === null) throw malformed(`the candidate on line ${index + 1} comes before any "a=mid" line`);
        fragment.candidates.push({ candidate: line.slice(2), mid });
      }
    });
  return fragment;
}

function malformed(why: string): ValidationError {
  return new ValidationError('malformed_sdpfrag', `The trickle ICE fragment is malformed: ${why}.`);
}
