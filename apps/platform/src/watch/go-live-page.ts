import { htmlDocument } from './html';

/**
 * Going live from the browser: the streamer types their channel and stream key, the script
 * publishes the camera and microphone over WHIP. The key field is never saved by the page.
 */
export function goLivePage(): string {
  return htmlDocument({
    title: 'Go live · Glint',
    script: '/assets/go-live.js',
    body: `<main class="go-live">
<h1>Go live</h1>
<form id="go-live-form" autocomplete="off">
<label>Channel <input id="username" name="username" required pattern="[A-Za-z0-9_]{1,64}" autocapitalize="off" spellcheck="false"></label>
<label>Stream key <input id="stream-key" name="stream-key" type="password" required autocomplete="off"></label>
<button id="go-live-button" type="submit">Go live</button>
<button id="end-stream" type="button" disabled>End stream</button>
</form>
<p id="status" role="status">Offline</p>
<video id="preview" muted autoplay playsinline></video>
</main>`,
  });
}
