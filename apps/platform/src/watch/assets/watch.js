// @ts-check
/* global gatheringComplete */
/**
 * The watch page's player, served at /assets/watch.js: WHEP playback with the browser's own
 * WebRTC, the live state and viewer count from the channel's live updates, a fresh attempt
 * whenever the channel may have come on air, and the channel's chat to read. Plain browser
 * JavaScript; the page is its only host.
 */

/**
 * @typedef {{ pc: RTCPeerConnection, session: string, withSession: boolean }} Player
 * @typedef {{ event: string, data?: { title?: unknown, viewers?: unknown, changes?: { title?: unknown } } }} LiveFrame
 * @typedef {{ messageId?: string, text?: string | null, sender?: string }} ChatMessage
 * @typedef {{ event: string, data?: ChatMessage & { recent?: ChatMessage[] } }} ChatFrame
 */
(function () {
  'use strict';
  var OFFLINE_RETRY_MS = 5000;
  var SOCKET_RECONNECT_MS = 3000;
  var VIEWER_ID = /^[A-Za-z0-9_-]{8,64}$/;

  var root = /** @type {HTMLElement} */ (document.getElementById('watch'));
  var channel = /** @type {string} */ (root.dataset.channel);
  var video = /** @type {HTMLVideoElement} */ (document.getElementById('player'));
  var liveState = /** @type {HTMLElement} */ (document.getElementById('live-state'));
  var titleText = /** @type {HTMLElement} */ (document.getElementById('title'));
  var viewersText = /** @type {HTMLElement} */ (document.getElementById('viewers'));
  var notice = /** @type {HTMLElement} */ (document.getElementById('notice'));
  // The player's connection, for whoever inspects the page (the browser test reads its stats).
  var page = /** @type {Window & { glintPlayer?: RTCPeerConnection | null }} */ (window);

  /** @type {Player | null} */
  var player = null;
  var connecting = false;
  /** @type {number | undefined} */
  var retryTimer;
  var leaving = false;

  /** @param {string} key */
  function stored(key) {
    try { return localStorage.getItem(key); } catch { return null; }
  }
  /** @param {string} key @param {string} value */
  function store(key, value) {
    try { localStorage.setItem(key, value); } catch { /* private browsing: nothing is remembered */ }
  }

  // One id per browser, so several tabs of one anonymous viewer count once.
  function viewerId() {
    var id = stored('glint.viewer');
    if (id && VIEWER_ID.test(id)) return id;
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    id = Array.from(bytes, function (byte) { return (byte + 256).toString(16).slice(1); }).join('');
    store('glint.viewer', id);
    return id;
  }

  /** @param {boolean} withSession */
  function playbackHeaders(withSession) {
    /** @type {Record<string, string>} */
    var headers = { 'Content-Type': 'application/sdp', 'X-Glint-Viewer': viewerId() };
    var session = stored('glint.session');
    if (withSession && session) headers.Authorization = 'Bearer ' + session;
    return headers;
  }

  // Volume and mute are the viewer's choice, kept across visits; playback starts muted until they choose.
  var mutedByBrowser = false;
  function restoreVolume() {
    /** @type {{ volume?: unknown, muted?: unknown }} */
    var saved = {};
    try { saved = JSON.parse(stored('glint.player') || '{}') || {}; } catch { saved = {}; }
    if (typeof saved.volume === 'number' && saved.volume >= 0 && saved.volume <= 1) video.volume = saved.volume;
    video.muted = saved.muted !== false;
    video.addEventListener('volumechange', function () {
      if (mutedByBrowser) { mutedByBrowser = false; return; }
      store('glint.player', JSON.stringify({ volume: video.volume, muted: video.muted }));
    });
  }

  function play() {
    var playing = video.play();
    if (!playing) return;
    playing.catch(function () {
      // Browsers refuse sound before the viewer has touched the page: play muted instead.
      if (video.muted) return;
      mutedByBrowser = true;
      video.muted = true;
      video.play().catch(function () { /* the controls still let the viewer start it */ });
    });
  }

  /** @param {string} text */
  function say(text) { notice.textContent = text; }

  // The count is sampled every few seconds: until the first sample of a stream it is unknown, not 0.
  /** @param {boolean} live */
  function setLive(live) {
    if (live && root.dataset.live !== 'true') viewersText.textContent = '–';
    if (!live) viewersText.textContent = '0';
    root.dataset.live = String(live);
    liveState.textContent = live ? 'Live' : 'Offline';
  }

  /** @param {string} sdp @param {boolean} withSession */
  function offer(sdp, withSession) {
    return fetch('/whep/' + encodeURIComponent(channel), { method: 'POST', headers: playbackHeaders(withSession), body: sdp });
  }

  /** @returns {Promise<boolean>} whether it plays; false when the channel is not live */
  async function startPlayback() {
    var pc = new RTCPeerConnection();
    pc.addTransceiver('video', { direction: 'recvonly' });
    pc.addTransceiver('audio', { direction: 'recvonly' });
    var media = new MediaStream();
    pc.addEventListener('track', function (event) {
      media.addTrack(event.track);
      if (video.srcObject !== media) video.srcObject = media;
      play();
    });
    try {
      await pc.setLocalDescription(await pc.createOffer());
      await gatheringComplete(pc);
      var sdp = /** @type {RTCSessionDescription} */ (pc.localDescription).sdp;
      var withSession = stored('glint.session') !== null;
      var response = await offer(sdp, withSession);
      // A session that has expired does not keep anyone from watching: watch anonymously.
      if (response.status === 401 && withSession) response = await offer(sdp, false);
      if (response.status === 404) {
        pc.close();
        setLive(false);
        return false;
      }
      if (response.status !== 201) throw new Error('Glint answered ' + response.status + ' to playing this channel.');
      var session = new URL(/** @type {string} */ (response.headers.get('Location')), response.url).href;
      await pc.setRemoteDescription({ type: 'answer', sdp: await response.text() });
      player = { pc: pc, session: session, withSession: withSession };
      page.glintPlayer = pc;
      pc.addEventListener('connectionstatechange', function () {
        if (pc.connectionState !== 'failed' || !player || player.pc !== pc) return;
        stopPlayback();
        retrySoon();
      });
      setLive(true);
      say('');
      return true;
    } catch (error) {
      pc.close();
      throw error;
    }
  }

  function watch() {
    if (player || connecting || leaving) return;
    connecting = true;
    clearTimeout(retryTimer);
    startPlayback().then(function (started) {
      connecting = false;
      if (!started) retrySoon();
    }, function (error) {
      connecting = false;
      say(error.message + ' Trying again shortly.');
      retrySoon();
    });
  }

  // While the channel is offline the page asks again every few seconds, in case a live update was missed.
  function retrySoon() {
    clearTimeout(retryTimer);
    if (!leaving) retryTimer = setTimeout(watch, OFFLINE_RETRY_MS);
  }

  function stopPlayback() {
    if (!player) return;
    var ended = player;
    player = null;
    page.glintPlayer = null;
    ended.pc.close();
    video.srcObject = null;
    var headers = playbackHeaders(ended.withSession);
    delete headers['Content-Type'];
    fetch(ended.session, { method: 'DELETE', headers: headers, keepalive: true }).catch(function () { /* the gateway ends it by itself */ });
  }

  /** @param {LiveFrame} frame */
  function onLiveUpdate(frame) {
    var data = frame.data || {};
    switch (frame.event) {
      case 'stream_started':
        if (typeof data.title === 'string') titleText.textContent = data.title;
        setLive(true);
        watch();
        break;
      case 'stream_ended':
        stopPlayback();
        setLive(false);
        retrySoon();
        break;
      case 'viewer_count':
        if (typeof data.viewers === 'number') viewersText.textContent = String(data.viewers);
        break;
      case 'stream_updated':
      case 'channel_updated':
        if (data.changes && typeof data.changes.title === 'string') titleText.textContent = data.changes.title;
        break;
    }
  }

  // The chat, read only: messages are written with textContent, never parsed as markup.
  var CHAT_SHOWN = 200;
  var chatList = /** @type {HTMLElement} */ (document.getElementById('chat-messages'));

  /** @param {ChatMessage | undefined} message */
  function showMessage(message) {
    if (!message || !message.messageId || message.text === null || chatList.querySelector('[data-message-id="' + CSS.escape(message.messageId) + '"]')) return;
    var item = document.createElement('li');
    item.dataset.messageId = message.messageId;
    var sender = document.createElement('b');
    sender.textContent = message.sender || 'someone';
    item.appendChild(sender);
    item.appendChild(document.createTextNode(' ' + message.text));
    chatList.appendChild(item);
    while (chatList.children.length > CHAT_SHOWN) chatList.removeChild(/** @type {ChildNode} */ (chatList.firstChild));
    chatList.scrollTop = chatList.scrollHeight;
  }

  /** @param {ChatFrame} frame */
  function onChatFrame(frame) {
    var data = frame.data || {};
    if (frame.event === 'joined') {
      chatList.textContent = '';
      (data.recent || []).forEach(showMessage);
    } else if (frame.event === 'message') {
      showMessage(data);
    } else if (frame.event === 'message_deleted') {
      var shown = chatList.querySelector('[data-message-id="' + CSS.escape(String(data.messageId)) + '"]');
      if (shown) shown.remove();
    }
  }

  /** @param {string} path */
  function socketUrl(path) {
    return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path;
  }

  /**
   * Follows a socket of Glint's, subscribing with `first` on every (re)connection.
   * @template Frame
   * @param {string} path
   * @param {{ event: string, data: Record<string, string> }} first
   * @param {(frame: Frame) => void} onFrame
   */
  function followSocket(path, first, onFrame) {
    var socket = new WebSocket(socketUrl(path));
    socket.addEventListener('open', function () { socket.send(JSON.stringify(first)); });
    socket.addEventListener('message', function (message) {
      /** @type {Frame} */
      var frame;
      try { frame = JSON.parse(message.data); } catch { return; }
      onFrame(frame);
    });
    socket.addEventListener('close', function () {
      if (!leaving) setTimeout(function () { followSocket(path, first, onFrame); }, SOCKET_RECONNECT_MS);
    });
  }

  window.addEventListener('pagehide', function () {
    leaving = true;
    clearTimeout(retryTimer);
    stopPlayback();
  });
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    leaving = false;
    watch();
  });

  restoreVolume();
  followSocket('/ws/live', { event: 'subscribe', data: { topic: 'channel:' + channel } }, onLiveUpdate);
  followSocket('/ws/chat', { event: 'join', data: { channel: channel } }, onChatFrame);
  watch();
})();
