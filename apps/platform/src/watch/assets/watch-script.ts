/**
 * The watch page's player, served at /assets/watch.js: WHEP playback with the browser's own
 * WebRTC, the live state and viewer count from the channel's live updates, a fresh attempt
 * whenever the channel may have come on air, and the channel's chat to read. Plain browser JavaScript; the page is its only host.
 */
import { GATHERING_COMPLETE_FUNCTION } from './gathering-script';

export const WATCH_SCRIPT = String.raw`(function () {
  'use strict';
  var OFFLINE_RETRY_MS = 5000;
  var SOCKET_RECONNECT_MS = 3000;
  var VIEWER_ID = /^[A-Za-z0-9_-]{8,64}$/;

  var root = document.getElementById('watch');
  var channel = root.dataset.channel;
  var video = document.getElementById('player');
  var liveState = document.getElementById('live-state');
  var titleText = document.getElementById('title');
  var viewersText = document.getElementById('viewers');
  var notice = document.getElementById('notice');

  var player = null;
  var connecting = false;
  var retryTimer = null;
  var leaving = false;

  function stored(key) {
    try { return localStorage.getItem(key); } catch (error) { return null; }
  }
  function store(key, value) {
    try { localStorage.setItem(key, value); } catch (error) { /* private browsing: nothing is remembered */ }
  }

  // One id per browser, so several tabs of one anonymous viewer count once.
  function viewerId() {
    var id = stored('glint.viewer');
    if (id && VIEWER_ID.test(id)) return id;
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    id = Array.prototype.map.call(bytes, function (byte) { return (byte + 256).toString(16).slice(1); }).join('');
    store('glint.viewer', id);
    return id;
  }

  function playbackHeaders(withSession) {
    var headers = { 'Content-Type': 'application/sdp', 'X-Glint-Viewer': viewerId() };
    var session = stored('glint.session');
    if (withSession && session) headers.Authorization = 'Bearer ' + session;
    return headers;
  }

  // Volume and mute are the viewer's choice, kept across visits; playback starts muted until they choose.
  var mutedByBrowser = false;
  function restoreVolume() {
    var saved = {};
    try { saved = JSON.parse(stored('glint.player') || '{}') || {}; } catch (error) { saved = {}; }
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

  function say(text) { notice.textContent = text; }

  // The count is sampled every few seconds: until the first sample of a stream it is unknown, not 0.
  function setLive(live) {
    if (live && root.dataset.live !== 'true') viewersText.textContent = '–';
    if (!live) viewersText.textContent = '0';
    root.dataset.live = String(live);
    liveState.textContent = live ? 'Live' : 'Offline';
  }

  ${GATHERING_COMPLETE_FUNCTION}

  function offer(sdp, withSession) {
    return fetch('/whep/' + encodeURIComponent(channel), { method: 'POST', headers: playbackHeaders(withSession), body: sdp });
  }

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
      var withSession = stored('glint.session') !== null;
      var response = await offer(pc.localDescription.sdp, withSession);
      // A session that has expired does not keep anyone from watching: watch anonymously.
      if (response.status === 401 && withSession) response = await offer(pc.localDescription.sdp, false);
      if (response.status === 404) {
        pc.close();
        setLive(false);
        return false;
      }
      if (response.status !== 201) throw new Error('Glint answered ' + response.status + ' to playing this channel.');
      var session = new URL(response.headers.get('Location'), response.url).href;
      await pc.setRemoteDescription({ type: 'answer', sdp: await response.text() });
      player = { pc: pc, session: session, withSession: withSession };
      window.glintPlayer = pc;
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
    window.glintPlayer = null;
    ended.pc.close();
    video.srcObject = null;
    var headers = playbackHeaders(ended.withSession);
    delete headers['Content-Type'];
    fetch(ended.session, { method: 'DELETE', headers: headers, keepalive: true }).catch(function () { /* the gateway ends it by itself */ });
  }

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
  var chatList = document.getElementById('chat-messages');

  function showMessage(message) {
    if (!message || !message.messageId || message.text === null || chatList.querySelector('[data-message-id="' + CSS.escape(message.messageId) + '"]')) return;
    var item = document.createElement('li');
    item.dataset.messageId = message.messageId;
    var sender = document.createElement('b');
    sender.textContent = message.sender || 'someone';
    item.appendChild(sender);
    item.appendChild(document.createTextNode(' ' + message.text));
    chatList.appendChild(item);
    while (chatList.children.length > CHAT_SHOWN) chatList.removeChild(chatList.firstChild);
    chatList.scrollTop = chatList.scrollHeight;
  }

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

  function socketUrl(path) {
    return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path;
  }

  function followSocket(path, first, onFrame) {
    var socket = new WebSocket(socketUrl(path));
    socket.addEventListener('open', function () { socket.send(JSON.stringify(first)); });
    socket.addEventListener('message', function (message) {
      var frame;
      try { frame = JSON.parse(message.data); } catch (error) { return; }
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
`;
