/**
 * Scripts and styles come only from Glint's own /assets routes: a channel title that slipped past
 * escaping still could not run. `connect-src` allows https: besides Glint itself because a viewer's
 * WHEP request may be redirected (307) to the gateway holding the channel, on another host.
 */
export const PAGE_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "media-src 'self' blob:",
  "connect-src 'self' https:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Which devices a page may ask for: only the go-live page uses the camera and microphone. */
export type DeviceUse = 'none' | 'camera and microphone';

export function pageHeaders(devices: DeviceUse): Record<string, string> {
  return {
    'content-security-policy': PAGE_CONTENT_SECURITY_POLICY,
    'permissions-policy': devices === 'none' ? 'camera=(), microphone=()' : 'camera=(self), microphone=(self)',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    // The title and live state change at any moment: a page is always asked for again.
    'cache-control': 'no-cache',
  };
}
