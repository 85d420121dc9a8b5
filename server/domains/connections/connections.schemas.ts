import { z } from "zod";

import { zLocationId } from "../locations/locations.schemas";

const zGhlId = z.string().regex(/^[A-Za-z0-9]{10,40}$/, "Not a valid GoHighLevel id");

export const ZStartConnectionInput = z.strictObject({
  optionalScopes: z.array(z.string().max(80)).max(30).default([]),
  returnTo: z.string().max(500).optional(),
});

export const ZCompleteConnectionInput = z.strictObject({
  code: z.string().min(1).max(2000),
  state: z.string().min(16).max(200),
});

export const ZDisconnectInput = z.strictObject({
  connectionId: z.uuid("Not a valid connection id"),
});

export const ZAddPrivateTokenInput = z.strictObject({
  token: z
    .string()
    .trim()
    .min(10, "Paste the whole token")
    .max(500)
    .regex(/^[A-Za-z0-9._-]+$/, "A token has no spaces or other symbols; paste it again"),
  kind: z.enum(["location", "agency"]),
  ghlId: zGhlId,
});

export const ZLocationHealthInput = z.strictObject({ locationId: zLocationId });

const ZHealthStatus = z.enum([
  "not_connected",
  "connected",
  "expiring",
  "needs_reauth",
  "disconnected",
]);

export const ZLocationHealth = z.object({
  locationId: z.uuid(),
  name: z.string(),
  ghlLocationId: z.string().nullable(),
  status: ZHealthStatus,
  via: z.enum(["location_token", "location_pit", "agency"]).nullable(),
  connectionId: z.uuid().nullable(),
  expiresAt: z.date().nullable(),
  lastRefreshedAt: z.date().nullable(),
  lastError: z.string().nullable(),
  dailyRemaining: z.number().nullable(),
  dailyLimit: z.number().nullable(),
  breaker: z.enum(["closed", "open", "half-open"]),
});

export const ZConnectionsOverview = z.object({
  configured: z.boolean(),
  sandbox: z.boolean(),
  scopes: z.object({
    required: z.array(z.object({ scope: z.string(), label: z.string() })),
    optional: z.array(z.object({ scope: z.string(), label: z.string() })),
  }),
  company: z
    .object({
      id: z.uuid(),
      credentialType: z.enum(["oauth", "pit"]),
      ghlCompanyId: z.string(),
      status: ZHealthStatus,
      expiresAt: z.date().nullable(),
      lastRefreshedAt: z.date().nullable(),
      lastError: z.string().nullable(),
      scopes: z.array(z.string()),
    })
    .nullable(),
  locations: z.array(ZLocationHealth),
});
