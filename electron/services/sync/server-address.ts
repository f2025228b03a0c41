import { endpointOrigin, endpointProblem } from '../../../shared/security/endpoint';

/**
 * Where the team token may go: the one rule for every stored secret (shared/security/endpoint.ts: https,
 * or plain http only to this computer), plus what a server address must not carry (docs/remote-api.md,
 * "The token"): a query or a fragment would be dropped or mangled when the API paths are appended.
 */

/** The origin (scheme://host:port) of an http(s) URL, or null for anything else. */
export const serverOrigin = endpointOrigin;

/** Why a token must not be sent to `url`, or null when it may. */
export function serverProblem(url: string): string | null {
  const problem = endpointProblem(url);
  if (problem) return problem.replace('https://api.openai.com/v1 or http://localhost:11434/v1', 'https://interviews.example.com');
  const u = new URL(url.trim());
  if (u.search || u.hash) return 'must not have a query or a fragment';
  return null;
}
