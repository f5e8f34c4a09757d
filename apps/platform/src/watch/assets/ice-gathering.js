// @ts-check
/**
 * What both page scripts share, served in front of each in one function scope (see page-assets.ts):
 * an offer goes out once ICE gathering is complete (WHIP and WHEP take the whole offer at once), or
 * after 2 s with the candidates found by then.
 * @param {RTCPeerConnection} pc
 * @returns {Promise<void>}
 */
function gatheringComplete(pc) {
  return new Promise(function (resolve) {
    if (pc.iceGatheringState === 'complete') return resolve();
    var timer = setTimeout(done, 2000);
    function check() { if (pc.iceGatheringState === 'complete') done(); }
    function done() {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    }
    pc.addEventListener('icegatheringstatechange', check);
  });
}
