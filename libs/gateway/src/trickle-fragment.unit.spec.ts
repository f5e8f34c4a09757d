import { ValidationError } from '@glint/domain-errors';
import { refusalOf } from '@glint/testing';
import { MAX_SDP_BYTES } from './media/sdp';
import { parseTrickleFragment, type TrickleFragment } from './trickle-fragment';

const fragment = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
const HOST = 'candidate:1467250027 1 udp 2122260223 192.168.1.20 54613 typ host generation 0';
const SRFLX = 'candidate:3107342355 1 udp 1686052607 203.0.113.7 54613 typ srflx raddr 192.168.1.20 rport 54613';

describe('parseTrickleFragment', () => {
  it.each<[string, string, TrickleFragment]>([
    [
      'reads an encoder’s candidates under the mid of their section, and its username fragment',
      fragment('a=ice-ufrag:Yx6F', 'a=ice-pwd:2m4D7mnoZvqyvXiSjfSwQx', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=mid:0', `a=${HOST}`, `a=${SRFLX}`, 'a=end-of-candidates'),
      { iceUfrag: 'Yx6F', candidates: [{ candidate: HOST, mid: '0' }, { candidate: SRFLX, mid: '0' }] },
    ],
    [
      'files each candidate under the latest mid',
      fragment('a=ice-ufrag:Yx6F', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=mid:0', `a=${HOST}`, 'm=video 9 UDP/TLS/RTP/SAVPF 96', 'a=mid:1', `a=${SRFLX}`),
      { iceUfrag: 'Yx6F', candidates: [{ candidate: HOST, mid: '0' }, { candidate: SRFLX, mid: '1' }] },
    ],
    ['reads a fragment without a username fragment as asking for no restart', fragment('a=mid:0', `a=${HOST}`), { iceUfrag: null, candidates: [{ candidate: HOST, mid: '0' }] }],
    ['reads a username fragment without candidates: an ICE restart asked alone', fragment('a=ice-ufrag:N3wU', 'a=ice-pwd:n3wPassw0rdN3wPassw0rd'), { iceUfrag: 'N3wU', candidates: [] }],
    ['reads bare newlines and stray spaces', 'a=ice-ufrag: Yx6F \na=mid: 1 \n\na=' + HOST + '\n', { iceUfrag: 'Yx6F', candidates: [{ candidate: HOST, mid: '1' }] }],
    ['reads an empty fragment as nothing', '', { iceUfrag: null, candidates: [] }],
  ])('%s', (_, text, parsed) => {
    expect(parseTrickleFragment(text)).toEqual(parsed);
  });

  it.each<[string, string, RegExp]>([
    ['a candidate before any mid', fragment('a=ice-ufrag:Yx6F', `a=${HOST}`, 'a=mid:0'), /the candidate on line 2 comes before any "a=mid" line/],
    ['a line that is not "<letter>=<value>"', fragment('a=mid:0', HOST), /line 2 is not "<letter>=<value>"/],
    ['a fragment over 64 KiB', fragment('a=mid:0', `a=${HOST}`, `a=x-padding:${'x'.repeat(MAX_SDP_BYTES)}`), /a fragment is at most 64 KiB/],
  ])('refuses %s as malformed', (_, text, message) => {
    const refusal = refusalOf(() => parseTrickleFragment(text));
    expect(refusal).toBeInstanceOf(ValidationError);
    expect(refusal).toMatchObject({ code: 'malformed_sdpfrag' });
    expect(refusal.message).toMatch(message);
  });
});
