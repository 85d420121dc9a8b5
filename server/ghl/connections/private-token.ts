import { z } from "zod";

import { connectionSecretContext } from "../../crypto/secret-contexts";
import { upsertGhlLocation } from "../../domains/locations/locations.repo";
import { AppError } from "../../errors";
import { send, upstreamMessage } from "../transport";
import type { GhlRuntime } from "../runtime";
import { bindCompany } from "./connect";
import { upsertCompanyConnection, upsertLocationConnection } from "./connections.repo";

const ZLocationAnswer = z.object({
  location: z.object({
    id: z.string(),
    name: z.string(),
    companyId: z.string(),
    timezone: z.string().optional(),
    city: z.string().optional(),
    country: z.string().optional(),
  }),
});
const ZSearchAnswer = z.object({
  locations: z.array(z.object({ id: z.string(), name: z.string() })),
});

const invalid = (message: string) => new AppError("INVALID_INPUT", message);

/** What GHL's answer means for a person pasting a token. */
const explain = (status: number, body: unknown) => {
  const message = upstreamMessage(body);
  if (/not authorized for this scope|authClass/i.test(message)) {
    return invalid(
      "The token works, but lacks a permission GHL Hub needs (at least locations.readonly). Edit the Private Integration in GoHighLevel and add the scopes.",
    );
  }
  if (status === 401)
    return invalid(
      "GoHighLevel does not accept this token. Copy the whole Private Integration Token (it starts with pit-) and try again.",
    );
  if (/location is not active/i.test(message))
    return invalid(
      "That sub-account is not active in GoHighLevel (suspended, or its billing failed).",
    );
  if (status === 403)
    return invalid(
      "The token does not have access to that location id. Check the id, or use a token created in that sub-account.",
    );
  if (status === 400 || status === 404)
    return invalid("GoHighLevel does not know that id. Check the location or company id.");
  return new AppError(
    "INVALID_INPUT",
    `GoHighLevel could not check the token right now (HTTP ${status}). Try again in a moment.`,
  );
};

const probe = async (runtime: GhlRuntime, token: string, path: string) => {
  const sent = await send({
    method: "GET",
    url: new URL(path, runtime.config.apiBaseUrl).toString(),
    headers: {
      authorization: `Bearer ${token}`,
      version: "2021-07-28",
      accept: "application/json",
    },
    timeoutMs: 15_000,
  }).catch(() => {
    throw new AppError(
      "INVALID_INPUT",
      "GoHighLevel could not be reached to check the token. Try again in a moment.",
    );
  });
  if (sent.status !== 200) throw explain(sent.status, sent.body);
  return sent.body;
};

/**
 * Saves a Private Integration Token after checking it live against GHL (US-003): a location token
 * must open its location; an agency token must list its company's locations.
 */
export const addPrivateToken = async (
  runtime: GhlRuntime,
  actor: { agencyId: string; userId: string },
  input: { token: string; kind: "location" | "agency"; ghlId: string },
) => {
  const base = {
    agencyId: actor.agencyId,
    credentialType: "pit" as const,
    refreshTokenEnc: null,
    expiresAt: null,
    scopes: [] as string[],
    connectedBy: actor.userId,
    lastRefreshedAt: new Date(),
  };
  if (input.kind === "location") {
    const parsed = ZLocationAnswer.safeParse(
      await probe(runtime, input.token, `/locations/${encodeURIComponent(input.ghlId)}`),
    );
    if (!parsed.success)
      throw invalid(
        "GoHighLevel answered in a way GHL Hub did not expect; the token was not saved.",
      );
    const location = parsed.data.location;
    await bindCompany(runtime, actor, location.companyId);
    const local = await upsertGhlLocation(runtime.db, actor.agencyId, {
      ghlLocationId: location.id,
      name: location.name,
      timezone: location.timezone,
      city: location.city,
      country: location.country,
    });
    await upsertLocationConnection(runtime.db, {
      ...base,
      kind: "location",
      ghlCompanyId: location.companyId,
      ghlLocationId: location.id,
      locationId: local.id,
      accessTokenEnc: runtime.cipher.encrypt(
        input.token,
        connectionSecretContext(
          { agencyId: actor.agencyId, ghlLocationId: location.id },
          "access_token",
        ),
      ),
    });
    return { kind: input.kind, name: location.name, ghlId: location.id, locations: 1 };
  }
  const parsed = ZSearchAnswer.safeParse(
    await probe(
      runtime,
      input.token,
      `/locations/search?companyId=${encodeURIComponent(input.ghlId)}&limit=100`,
    ),
  );
  if (!parsed.success)
    throw invalid("GoHighLevel answered in a way GHL Hub did not expect; the token was not saved.");
  await bindCompany(runtime, actor, input.ghlId);
  await upsertCompanyConnection(runtime.db, {
    ...base,
    kind: "company",
    ghlCompanyId: input.ghlId,
    ghlLocationId: null,
    accessTokenEnc: runtime.cipher.encrypt(
      input.token,
      connectionSecretContext({ agencyId: actor.agencyId, ghlLocationId: null }, "access_token"),
    ),
  });
  for (const location of parsed.data.locations) {
    await upsertGhlLocation(runtime.db, actor.agencyId, {
      ghlLocationId: location.id,
      name: location.name,
    });
  }
  return {
    kind: input.kind,
    name: input.ghlId,
    ghlId: input.ghlId,
    locations: parsed.data.locations.length,
  };
};
