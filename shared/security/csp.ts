/**
 * Content Security Policy of the renderer. Monaco needs inline styles and blob: workers;
 * nothing is ever loaded from the network (the app works offline).
 */
export const PRODUCTION_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "media-src 'self' blob: media:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** As a response header the policy can also forbid framing (a <meta> CSP cannot). */
export const PRODUCTION_CSP_HEADER = `${PRODUCTION_CSP}; frame-ancestors 'none'`;

/** Development only: Vite's dev server needs its HMR websocket and the React refresh preamble. */
export const DEVELOPMENT_CSP = PRODUCTION_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
  "connect-src 'self'",
  "connect-src 'self' ws: http://localhost:* http://127.0.0.1:*",
);
