/**
 * 0090 — every secret is bound to the origin (scheme://host:port) it was saved for and only sent there
 * (secrets/origin-bound-secret.ts). A key stored before has no origin yet: at start-up it is bound to
 * the base URL it was being sent to.
 */
export const sql = /* sql */ `
ALTER TABLE secrets ADD COLUMN origin TEXT CHECK (origin IS NULL OR origin GLOB 'http*://*');
`;
