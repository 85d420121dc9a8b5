import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

import { recordAudit } from "../audit/record-audit";
import { getMetrics } from "../metrics/registry";
import type { Encryption } from "../crypto/encryption";
import { connectionSecretContext } from "../crypto/secret-contexts";
import type { Db } from "../db/types";
import { log } from "../log";
import {
  type ConnectionRow,
  findCompanyConnection,
  findConnectionById,
  markNeedsReauth,
  releaseAfterFailure,
  storeRefreshed,
  tryLease,
} from "./connections/connections.repo";
import { GhlError } from "./errors";
import { type OAuthClient, isInvalidGrant } from "./oauth/token-client";

export type SecretCipher = Pick<Encryption, "encrypt" | "decrypt">;

type Deps = {
  db: Db;
  cipher: SecretCipher;
  oauth: OAuthClient;
  /** Refresh when less than this remains (5 minutes by default). */
  refreshMarginMs?: number;
  leaseMs?: number;
  /** How long a caller waits for another process's refresh before giving up. */
  waitLimitMs?: number;
};

const reauth = (message: string) =>
  new GhlError("GHL-001", { kind: "auth", method: "POST", upstreamMessage: message });

/**
 * Hands out valid access tokens. One refresh per connection across every process: a lease taken
 * with a version compare-and-set (no lock held over the HTTP call), waiters re-read the new token,
 * transient failures keep the grant, and `invalid_grant` falls back to re-minting from the company
 * token before a connection is marked `needs_reauth` (RELIABILITY VAULT-5..9).
 */
export const createTokenManager = ({
  db,
  cipher,
  oauth,
  refreshMarginMs = 5 * 60_000,
  leaseMs = 30_000,
  waitLimitMs = 20_000,
}: Deps) => {
  const owner = `${process.pid}:${randomUUID()}`;
  const inFlight = new Map<string, Promise<string>>();

  const accessOf = (row: ConnectionRow) =>
    cipher.decrypt(row.accessTokenEnc, connectionSecretContext(row, "access_token"));
  const fresh = (row: ConnectionRow, margin = refreshMarginMs) =>
    row.expiresAt === null || row.expiresAt.getTime() - Date.now() > margin;
  const stillValid = (row: ConnectionRow) =>
    row.expiresAt === null || row.expiresAt.getTime() > Date.now() + 5_000;

  /** The new token pair for a leased row: a refresh, or a new mint from the company token. */
  const obtain = async (row: ConnectionRow) => {
    if (row.refreshTokenEnc) {
      const refreshToken = cipher.decrypt(
        row.refreshTokenEnc,
        connectionSecretContext(row, "refresh_token"),
      );
      const tokens = await oauth.refresh(
        refreshToken,
        row.kind === "company" ? "Company" : "Location",
      );
      return {
        access: tokens.access_token,
        refresh: tokens.refresh_token,
        expiresIn: tokens.expires_in,
        scope: tokens.scope,
      };
    }
    return remint(row);
  };

  /** A location token minted from the agency's company token (it has no refresh token of its own). */
  const remint = async (row: ConnectionRow) => {
    const company = row.kind === "location" ? await findCompanyConnection(db, row.agencyId) : null;
    if (!company || company.status !== "active" || !row.ghlLocationId)
      throw reauth("no refresh token and no company grant to mint from");
    const companyToken = await getAccessToken(company.id);
    const minted = await oauth.mintLocationToken(
      companyToken,
      company.ghlCompanyId,
      row.ghlLocationId,
    );
    return {
      access: minted.access_token,
      refresh: null,
      expiresIn: minted.expires_in,
      scope: minted.scope,
    };
  };

  const store = (row: ConnectionRow, tokens: Awaited<ReturnType<typeof obtain>>) =>
    storeRefreshed(db, row.id, owner, {
      accessTokenEnc: cipher.encrypt(tokens.access, connectionSecretContext(row, "access_token")),
      refreshTokenEnc: tokens.refresh
        ? cipher.encrypt(tokens.refresh, connectionSecretContext(row, "refresh_token"))
        : null,
      expiresAt: new Date(Date.now() + tokens.expiresIn * 1000),
      scopes: tokens.scope ? tokens.scope.split(" ").filter(Boolean) : row.scopes,
    });

  const audit = (
    row: ConnectionRow,
    outcome: "success" | "error",
    action: string,
    details: Record<string, unknown> = {},
  ) => {
    getMetrics().tokenRefreshes.inc({ outcome: action.replace("ghl.token.", "") });
    return recordAudit(db, {
      agencyId: row.agencyId,
      actorType: "system",
      action,
      targetType: "ghl_connection",
      targetId: row.id,
      outcome,
      details: { kind: row.kind, ghlLocationId: row.ghlLocationId, ...details },
    }).catch((error: unknown) => log.error({ err: error }, "audit of a token refresh failed"));
  };

  const refreshLeased = async (row: ConnectionRow): Promise<string> => {
    try {
      const tokens = await obtain(row);
      const stored = await store(row, tokens);
      await audit(row, "success", "ghl.token.refreshed", {
        via: row.refreshTokenEnc ? "refresh_token" : "location_token",
      });
      return stored ? remember(stored) : tokens.access;
    } catch (error) {
      if (isInvalidGrant(error) && row.kind === "location" && row.refreshTokenEnc) {
        // The location's chain is broken; the agency's company grant can still mint a new token.
        try {
          const tokens = await remint(row);
          const stored = await store(row, tokens);
          await audit(row, "success", "ghl.token.recovered", { via: "location_token" });
          return stored ? remember(stored) : tokens.access;
        } catch (fallback) {
          log.warn(
            { err: fallback, connectionId: row.id },
            "re-minting after invalid_grant failed",
          );
        }
      }
      if (isInvalidGrant(error) || (error instanceof GhlError && error.code === "GHL-001")) {
        await markNeedsReauth(
          db,
          row.id,
          error instanceof GhlError ? (error.upstreamMessage ?? error.message) : "invalid_grant",
        );
        await audit(row, "error", "ghl.token.needs_reauth");
        throw error;
      }
      // Network, 5xx, timeouts: the grant is intact. Back off, and use the current token while it lasts.
      const message = error instanceof Error ? error.message : String(error);
      await releaseAfterFailure(
        db,
        row.id,
        owner,
        message,
        Math.min(5 * 60_000, 5_000 * 2 ** row.refreshFailures),
      );
      await audit(row, "error", "ghl.token.refresh_failed", { message });
      if (stillValid(row)) return accessOf(row);
      throw error;
    }
  };

  /** `rejected`: the token GHL just refused (401), which must not be handed out again. */
  const refreshOrWait = async (
    id: string,
    rejected: string | null,
    margin: number,
  ): Promise<string> => {
    const deadline = Date.now() + waitLimitMs;
    let seenVersion: number | null = null;
    for (let attempt = 0; ; attempt++) {
      const row = await findConnectionById(db, id);
      if (!row || row.status !== "active") throw reauth(`connection ${row?.status ?? "missing"}`);
      const usable = fresh(row, margin) && (rejected === null || accessOf(row) !== rejected);
      // Someone else refreshed while we waited, or nobody needed to.
      if (usable || (seenVersion !== null && row.version !== seenVersion && stillValid(row)))
        return remember(row);
      seenVersion ??= row.version;
      if (row.retryAfter && row.retryAfter.getTime() > Date.now()) {
        if (stillValid(row) && rejected === null) return remember(row);
        throw new GhlError("GHL-008", {
          kind: "network",
          method: "POST",
          message: row.lastError ?? undefined,
        });
      }
      const leased = await tryLease(db, id, row.version, owner, leaseMs);
      if (leased) return refreshLeased(leased);
      if (Date.now() > deadline) throw new GhlError("GHL-007", { kind: "timeout", method: "POST" });
      await sleep(Math.min(500, 25 * 2 ** Math.min(attempt, 5)) + Math.random() * 25);
    }
  };

  /** Decrypted tokens kept in memory until their refresh margin, so a call costs no database read. */
  const cache = new Map<string, { token: string; row: ConnectionRow }>();
  const remember = (row: ConnectionRow) => {
    const token = accessOf(row);
    cache.set(row.id, { token, row });
    return token;
  };

  /**
   * A usable access token for the connection, refreshing when less than the margin remains; pass
   * `rejected` with the token GHL just answered 401 to, to get a different one, and `marginMs` to
   * refresh earlier (the pre-refresh job uses 15 minutes).
   */
  const getAccessToken = async (
    connectionId: string,
    options: { rejected?: string; marginMs?: number } = {},
  ): Promise<string> => {
    const margin = options.marginMs ?? refreshMarginMs;
    const cached = cache.get(connectionId);
    if (cached && fresh(cached.row, margin) && cached.token !== options.rejected)
      return cached.token;
    cache.delete(connectionId);
    const key = `${connectionId}:${options.rejected ?? ""}:${margin}`;
    const running = inFlight.get(key);
    if (running) return running;
    const job = refreshOrWait(connectionId, options.rejected ?? null, margin).finally(() =>
      inFlight.delete(key),
    );
    inFlight.set(key, job);
    return job;
  };

  return { getAccessToken };
};

export type TokenManager = ReturnType<typeof createTokenManager>;
