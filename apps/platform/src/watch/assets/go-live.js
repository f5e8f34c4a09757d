// @ts-check
/* global gatheringComplete */
/**
 * The go-live page's publisher, served at /assets/go-live.js: the camera and microphone over WHIP
 * with the browser's own WebRTC. The stream key lives only in this page's memory, for the DELETE
 * that ends the stream. Closing the tab sends no DELETE: the gateway ends a silent stream itself.
 */

/** @typedef {{ pc: RTCPeerConnection, media: MediaStream, key: string, session: string | null }} Broadcast */
(function () {
  'use strict';
  var USERNAME = /^[A-Za-z0-9_]{1,64}$/;

  var form = /** @type {HTMLFormElement} */ (document.getElementById('go-live-form'));
  var usernameInput = /** @type {HTMLInputElement} */ (document.getElementById('username'));
  var keyInput = /** @type {HTMLInputElement} */ (document.getElementById('stream-key'));
  var goLiveButton = /** @type {HTMLButtonElement} */ (document.getElementById('go-live-button'));
  var endButton = /** @type {HTMLButtonElement} */ (document.getElementById('end-stream'));
  var status = /** @type {HTMLElement} */ (document.getElementById('status'));
  var preview = /** @type {HTMLVideoElement} */ (document.getElementById('preview'));

  /** @type {Broadcast | null} */
  var broadcast = null;

  /** @param {string} text */
  function say(text) { status.textContent = text; }

  // Glint forwards H.264 (packetization mode 1) or VP8: offer those first, H.264 before VP8.
  /** @param {RTCRtpCodec} codec */
  function rank(codec) {
    var mime = codec.mimeType.toLowerCase();
    var fmtp = codec.sdpFmtpLine || '';
    if (mime === 'video/h264' && /packetization-mode=1/.test(fmtp)) return /profile-level-id=42e01f/.test(fmtp) ? 0 : 1;
    if (mime === 'video/vp8') return 2;
    return 3;
  }

  /** @param {RTCRtpTransceiver} transceiver */
  function preferForwardedCodecs(transceiver) {
    if (typeof transceiver.setCodecPreferences !== 'function' || !window.RTCRtpReceiver || !RTCRtpReceiver.getCapabilities) return;
    var capabilities = RTCRtpReceiver.getCapabilities('video');
    if (!capabilities) return;
    var ordered = capabilities.codecs.slice().sort(function (a, b) { return rank(a) - rank(b); });
    try {
      transceiver.setCodecPreferences(ordered);
    } catch {
      /* this browser keeps its own order; Glint picks from whatever it offers */
    }
  }

  /** @param {Response} response */
  async function refusal(response) {
    var text = await response.text();
    try {
      var problem = JSON.parse(text);
      if (problem && typeof problem.detail === 'string') return problem.detail;
    } catch { /* not a problem-details body */ }
    return 'Glint answered ' + response.status + '.';
  }

  /** @param {Broadcast} ended */
  function release(ended) {
    ended.pc.close();
    ended.media.getTracks().forEach(function (track) { track.stop(); });
    if (preview.srcObject === ended.media) preview.srcObject = null;
  }

  function finish() {
    var ended = broadcast;
    broadcast = null;
    goLiveButton.disabled = false;
    endButton.disabled = true;
    if (ended) release(ended);
    return ended;
  }

  /** @param {string} username @param {string} key */
  async function goLive(username, key) {
    if (!navigator.mediaDevices) throw new Error('The camera is only available on a secure page: open Glint over https.');
    say('Asking for the camera and microphone…');
    var media = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    var pc = new RTCPeerConnection();
    /** @type {Broadcast} */
    var current = { pc: pc, media: media, key: key, session: null };
    broadcast = current;
    preview.srcObject = media;
    media.getTracks().forEach(function (track) {
      var transceiver = pc.addTransceiver(track, { direction: 'sendonly', streams: [media] });
      if (track.kind === 'video') preferForwardedCodecs(transceiver);
    });
    pc.addEventListener('connectionstatechange', function () {
      if (broadcast !== current) return;
      if (pc.connectionState === 'connected') say('Live: you are on air as ' + username + '.');
      if (pc.connectionState === 'failed') {
        finish();
        say('The connection to Glint was lost: go live again.');
      }
    });
    await pc.setLocalDescription(await pc.createOffer());
    await gatheringComplete(pc);
    if (broadcast !== current) return;
    say('Connecting…');
    var response = await fetch('/whip/' + encodeURIComponent(username), {
      method: 'POST',
      headers: { 'Content-Type': 'application/sdp', Authorization: 'Bearer ' + key },
      body: /** @type {RTCSessionDescription} */ (pc.localDescription).sdp,
    });
    if (response.status !== 201) throw new Error(await refusal(response));
    current.session = new URL(/** @type {string} */ (response.headers.get('Location')), response.url).href;
    if (broadcast !== current) {
      endSession(current);
      return;
    }
    await pc.setRemoteDescription({ type: 'answer', sdp: await response.text() });
    endButton.disabled = false;
  }

  /** @param {Broadcast} ended */
  function endSession(ended) {
    return fetch(/** @type {string} */ (ended.session), { method: 'DELETE', headers: { Authorization: 'Bearer ' + ended.key } });
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (broadcast) return;
    var username = usernameInput.value.trim();
    var key = keyInput.value.trim();
    if (!USERNAME.test(username)) return say('The channel is your username: letters, digits and underscores.');
    if (key === '') return say('Paste the stream key from your channel settings.');
    goLiveButton.disabled = true;
    goLive(username, key).catch(function (error) {
      finish();
      say('Could not go live: ' + error.message);
    });
  });

  // The DELETE goes first: closing the connection first would end the session under it.
  endButton.addEventListener('click', function () {
    var ending = broadcast;
    if (!ending || !ending.session) return;
    endButton.disabled = true;
    say('Ending the stream…');
    endSession(ending).then(function (response) {
      if (broadcast === ending) finish();
      say(response.ok ? 'Stream ended.' : 'Glint answered ' + response.status + ' to ending the stream; it ends by itself within seconds.');
    }, function () {
      if (broadcast === ending) finish();
      say('Glint could not be reached; the stream ends by itself within seconds.');
    });
  });
})();
