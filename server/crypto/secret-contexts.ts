import type { SecretContext } from "./encryption";

export type ConnectionSecretKind = "access_token" | "refresh_token";

/**
 * The one context for a `ghl_connections` secret; every reader, writer and the key rotation use it.
 * `locationId` is GHL's location id (a natural key, so a reinstall does not orphan ciphertext), null
 * for company tokens. A Private Integration Token is stored as the row's "access_token".
 */
export const connectionSecretContext = (
  row: { agencyId: string; ghlLocationId: string | null },
  kind: ConnectionSecretKind,
): SecretContext => ({ agencyId: row.agencyId, locationId: row.ghlLocationId, kind });

/** The context for `ghl_oauth_states.code_verifier_enc`. */
export const oauthStateSecretContext = (row: { agencyId: string }): SecretContext => ({
  agencyId: row.agencyId,
  locationId: null,
  kind: "code_verifier",
});
