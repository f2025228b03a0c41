/**
 * Where the team token may go: the origin it was saved for, over https, or over plain http only to this
 * computer, where nobody on the network can read it (docs/remote-api.md, "The token").
 *
 * One small function on purpose: the app is about to get one origin rule for every stored secret (the
 * model's API key too); when it lands, `serverProblem` and `serverOrigin` give way to it.
 */

/** The origin (scheme://host:port) of an http(s) URL, or null for anything else. */
export function serverOrigin(url: string): string | null {
  const u = parse(url);
  return u && (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname ? u.origin : null;
}

/** Why a token must not be sent to `url`, or null when it may. */
export function serverProblem(url: string): string | null {
  const u = parse(url);
  if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:') || !u.hostname)
    return 'must be an http(s) URL, e.g. https://interviews.example.com';
  if (u.username || u.password) return 'must not contain a user name or password';
  if (u.search || u.hash) return 'must not have a query or a fragment';
  if (u.protocol === 'http:' && !isLoopbackHost(u.hostname))
    return `must use https:// (plain http:// only to this computer: localhost, 127.0.0.1 or ::1), not ${u.origin}`;
  return null;
}

/** localhost, 127.0.0.0/8 and ::1 (also as an IPv4-mapped address), from a URL's normalised hostname. */
function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  return /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
}

function parse(url: string): URL | null {
  try {
    return new URL(url.trim());
  } catch {
    return null;
  }
}
