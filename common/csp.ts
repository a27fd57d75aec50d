// The Content Security Policy of the renderer, sent as a header by both the
// Electron protocol handler and the web host. Nothing inline, nothing remote.
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // The YAML importers parse in a worker built as the app's own chunk (renderer/files/); never blob: or data:.
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
