/**
 * Where a secret (the model's API key, a team server's token) may be sent. A secret is bound to the
 * origin it was saved for (scheme://host:port, as browsers compare origins), so changing an address
 * never sends it somewhere else; and it travels over https, or over plain http only to this computer,
 * where nobody on the network can read it. Pure, so the settings screen says the same as the services.
 */

function parse(url: string): URL | null {
  try {
    return new URL(url.trim());
  } catch {
    return null;
  }
}

/** The origin of an http(s) URL (`https://api.openai.com`, `http://127.0.0.1:8000`), or null for anything else. */
export function endpointOrigin(url: string): string | null {
  const u = parse(url);
  if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:') || !u.hostname) return null;
  return u.origin;
}

/**
 * This computer: `localhost`, 127.0.0.0/8 and ::1 (also written as an IPv4-mapped address). Takes a
 * URL's `hostname`, which the URL parser has already normalised (`127.1` → `127.0.0.1`, `[::1]`).
 */
export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  // ::ffff:127.x.y.z, which the parser writes in hex as ::ffff:7fxx:xxxx.
  return /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
}

export function isLoopbackUrl(url: string): boolean {
  const u = parse(url);
  return u !== null && isLoopbackHostname(u.hostname);
}

/** Why a secret must not go to `url`, or null when it may: any https address, or plain http to this computer only. */
export function endpointProblem(url: string): string | null {
  const u = parse(url);
  if (!u || (u.protocol !== 'https:' && u.protocol !== 'http:') || !u.hostname) {
    return 'must be an http(s) URL, e.g. https://api.openai.com/v1 or http://localhost:11434/v1';
  }
  if (u.username || u.password) return 'must not contain a user name or password';
  if (u.protocol === 'http:' && !isLoopbackHostname(u.hostname)) {
    return `must use https:// (plain http:// is only allowed to this computer: localhost, 127.0.0.1 or ::1), not ${u.origin}`;
  }
  return null;
}

/** What the settings screen and a refused request say when the stored secret belongs to another origin. */
export function savedForAnotherOrigin(savedFor: string | null, url: string, what = 'key'): string {
  const target = endpointOrigin(url) ?? url;
  return savedFor
    ? `The stored ${what} was saved for ${savedFor}; enter the ${what} for ${target}.`
    : `The stored ${what} was saved before keys were tied to an address; enter the ${what} for ${target}.`;
}
