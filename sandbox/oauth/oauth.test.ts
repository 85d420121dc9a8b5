import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { RunningSandbox } from "../index";
import { DEMO_APP } from "../seed/demo-world";
import {
  client,
  companyToken,
  expectContract,
  locationToken,
  startSandbox,
} from "../testing/harness";

const COMPANY = "SmmtGrwthPrtnrs00001";
const AUSTIN = "AustinDentalStudio01";
const DENVER = "BrightsideRoofing001";
const REDIRECT = "http://localhost:3000/api/oauth/ghl/callback";

let running: RunningSandbox;
beforeAll(async () => {
  running = await startSandbox();
});
afterAll(() => running?.close());

const authorizeQuery = (extra: Record<string, string> = {}) =>
  new URLSearchParams({
    response_type: "code",
    client_id: DEMO_APP.clientId,
    redirect_uri: REDIRECT,
    scope: "contacts.readonly contacts.write oauth.readonly oauth.write locations.readonly",
    state: "st4te",
    ...extra,
  });

/** Submits the consent form as a person would, and returns where the browser is sent. */
const consent = async (fields: [string, string][], query = authorizeQuery()) => {
  const form = new URLSearchParams([...query.entries(), ["companyId", COMPANY], ...fields]);
  const response = await fetch(`${running.url}/v2/oauth/chooselocation`, {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location") ?? "");
};

const token = async (fields: Record<string, string>) => {
  const response = await fetch(`${running.url}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      client_id: DEMO_APP.clientId,
      client_secret: DEMO_APP.clientSecret,
      ...fields,
    }),
  });
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status, headers: response.headers, body, json: body };
};

const codeFor = async (fields: [string, string][]) =>
  (await consent([...fields, ["decision", "allow"]])).searchParams.get("code") ?? "";

describe("OAuth", () => {
  it("shows a consent page listing the agency's sub-accounts", async () => {
    const response = await fetch(
      `${running.url}/v2/oauth/chooselocation?${authorizeQuery().toString()}`,
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Austin Dental Studio");
    expect(html).toContain("contacts.write");
  });

  it("refuses an unregistered redirect URI or an unknown client without redirecting", async () => {
    for (const query of [
      authorizeQuery({ redirect_uri: "https://evil.test/cb" }),
      authorizeQuery({ client_id: "nope" }),
    ]) {
      const response = await fetch(`${running.url}/v2/oauth/chooselocation?${query.toString()}`, {
        redirect: "manual",
      });
      expect(response.status).toBe(400);
      expect(response.headers.get("location")).toBeNull();
    }
  });

  it("redirects with access_denied when the person denies", async () => {
    const target = await consent([["decision", "deny"]]);
    expect(target.searchParams.get("error")).toBe("access_denied");
    expect(target.searchParams.get("state")).toBe("st4te");
  });

  it("exchanges a single-use code for a location token that works, then rotates refresh tokens", async () => {
    const redirect = await consent([
      ["location", AUSTIN],
      ["decision", "allow"],
    ]);
    expect(`${redirect.origin}${redirect.pathname}`).toBe(REDIRECT);
    expect(redirect.searchParams.get("state")).toBe("st4te");
    const code = redirect.searchParams.get("code") ?? "";

    const exchanged = await token({
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT,
      user_type: "Location",
    });
    await expectContract("POST /oauth/token", exchanged, 200);
    expect(exchanged.body).toMatchObject({
      token_type: "Bearer",
      expires_in: 86_399,
      userType: "Location",
      locationId: AUSTIN,
      companyId: COMPANY,
    });

    const reused = await token({ grant_type: "authorization_code", code });
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe("invalid_grant");

    const api = client(running, String(exchanged.body.access_token));
    expect((await api.get("/contacts/", { locationId: AUSTIN, limit: "1" })).status).toBe(200);

    const before = running.control.stats().tokenEndpoint.refresh_token;
    const refreshed = await token({
      grant_type: "refresh_token",
      refresh_token: String(exchanged.body.refresh_token),
    });
    await expectContract("POST /oauth/token", refreshed, 200);
    expect(refreshed.body.refresh_token).not.toBe(exchanged.body.refresh_token);
    const spent = await token({
      grant_type: "refresh_token",
      refresh_token: String(exchanged.body.refresh_token),
    });
    expect(spent.status).toBe(400);
    expect(spent.body).toMatchObject({
      error: "invalid_grant",
      error_description: "Invalid grant: refresh token has already been used",
    });
    expect(running.control.stats().tokenEndpoint.refresh_token - before).toBe(2);
  });

  it("expires codes and access tokens on the sandbox clock", async () => {
    const code = await codeFor([["location", AUSTIN]]);
    running.control.clock.advance(11 * 60 * 1000);
    expect((await token({ grant_type: "authorization_code", code })).body.error).toBe(
      "invalid_grant",
    );

    const fresh = await token({
      grant_type: "authorization_code",
      code: await codeFor([["location", AUSTIN]]),
    });
    const api = client(running, String(fresh.body.access_token));
    running.control.clock.advance(86_400 * 1000);
    const expired = await api.get("/contacts/", { locationId: AUSTIN });
    expect(expired.status).toBe(401);
    expect(expired.json.message).toBe("Invalid JWT");
    const renewed = await token({
      grant_type: "refresh_token",
      refresh_token: String(fresh.body.refresh_token),
    });
    expect(
      (
        await client(running, String(renewed.body.access_token)).get("/contacts/", {
          locationId: AUSTIN,
        })
      ).status,
    ).toBe(200);
  });

  it("issues an agency token for a bulk install and mints location tokens from it", async () => {
    const code = await codeFor([
      ["location", AUSTIN],
      ["location", DENVER],
      ["agency", "on"],
    ]);
    const exchanged = await token({ grant_type: "authorization_code", code, user_type: "Company" });
    await expectContract("POST /oauth/token", exchanged, 200);
    expect(exchanged.body).toMatchObject({
      userType: "Company",
      companyId: COMPANY,
      approvedLocations: [AUSTIN, DENVER],
      isBulkInstallation: true,
    });
    expect(exchanged.body).not.toHaveProperty("locationId");

    const agency = client(running, String(exchanged.body.access_token));
    const minted = await agency.post("/oauth/locationToken", undefined);
    expect(minted.status).toBe(422);
    const form = await fetch(`${running.url}/oauth/locationToken`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${String(exchanged.body.access_token)}`,
        version: "2021-07-28",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ companyId: COMPANY, locationId: DENVER }),
    });
    const mintedBody = (await form.json()) as Record<string, unknown>;
    await expectContract(
      "POST /oauth/locationToken",
      { status: form.status, headers: form.headers, body: mintedBody, json: mintedBody },
      200,
    );
    expect(mintedBody).toMatchObject({ locationId: DENVER, appId: DEMO_APP.appId });
    expect(mintedBody).not.toHaveProperty("refresh_token");
    expect(running.control.stats().locationTokenCalls).toBe(1);

    const installed = await agency.get("/oauth/installedLocations", {
      companyId: COMPANY,
      appId: DEMO_APP.appId,
    });
    await expectContract("GET /oauth/installedLocations", installed, 200);
    const rows = installed.json.locations as { _id: string; isInstalled: boolean }[];
    expect(rows.filter((r) => r.isInstalled).map((r) => r._id)).toEqual(
      expect.arrayContaining([AUSTIN, DENVER]),
    );
  });

  it("lets the app uninstall itself, which revokes its tokens and sends UNINSTALL", async () => {
    const exchanged = await token({
      grant_type: "authorization_code",
      code: await codeFor([["location", AUSTIN]]),
    });
    const api = client(running, String(exchanged.body.access_token));
    const wrongApp = await api.delete("/marketplace/app/000000000000000000000000/installations", {
      locationId: AUSTIN,
    });
    expect(wrongApp.status).toBe(400);
    const removed = await api.delete(`/marketplace/app/${DEMO_APP.appId}/installations`, {
      locationId: AUSTIN,
      reason: "test",
    });
    await expectContract("DELETE /marketplace/app/{appId}/installations", removed, 200);
    expect(
      running.sandbox.state.installations.some(
        (i) => i.locationId === AUSTIN && i.appId === DEMO_APP.appId,
      ),
    ).toBe(false);
    expect((await api.get("/contacts/", { locationId: AUSTIN })).status).toBe(401);
    const refresh = await token({
      grant_type: "refresh_token",
      refresh_token: String(exchanged.body.refresh_token),
    });
    expect(refresh.body.error).toBe("invalid_grant");
  });

  it("enforces token kinds and scopes from the spec", async () => {
    const readOnly = client(running, locationToken(running, AUSTIN, ["contacts.readonly"]));
    const write = await readOnly.post("/contacts/", { locationId: AUSTIN, firstName: "No" });
    expect(write.status).toBe(401);
    expect(write.json.message).toBe("The token is not authorized for this scope.");

    const agency = client(running, companyToken(running, COMPANY));
    const wrongKind = await agency.get("/contacts/", { locationId: AUSTIN });
    expect(wrongKind.status).toBe(401);
    expect(String(wrongKind.json.message)).toContain("authClass type is not allowed");
  });

  it("accepts a Private Integration Token, which never expires", async () => {
    const pit = running.control.createPit({ locationId: AUSTIN, scopes: ["contacts.readonly"] });
    expect(pit).toMatch(/^pit-[0-9a-f-]{36}$/);
    running.control.clock.advance(400 * 86_400 * 1000);
    expect((await client(running, pit).get("/contacts/", { locationId: AUSTIN })).status).toBe(200);
  });

  it("answers the token endpoint's bad input like GHL", async () => {
    const json = await fetch(`${running.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_id: DEMO_APP.clientId }),
    });
    expect(json.status).toBe(422);
    const badSecret = await token({
      grant_type: "refresh_token",
      refresh_token: "x",
      client_secret: "wrong",
    });
    expect(badSecret.status).toBe(401);
    expect(badSecret.body.error).toBe("invalid_client");
    const grant = await token({ grant_type: "client_credentials" });
    expect(grant.status).toBe(400);
    expect(grant.body.error).toBe("unsupported_grant_type");
  });

  it("refuses refreshes and calls for an inactive location, and revoked tokens", async () => {
    const exchanged = await token({
      grant_type: "authorization_code",
      code: await codeFor([["location", DENVER]]),
    });
    const api = client(running, String(exchanged.body.access_token));
    running.control.setLocationActive(DENVER, false);
    const call = await api.get("/contacts/", { locationId: DENVER });
    expect(call.status).toBe(400);
    expect(call.json.message).toBe("Location is not active");
    const refresh = await token({
      grant_type: "refresh_token",
      refresh_token: String(exchanged.body.refresh_token),
    });
    expect(refresh.status).toBe(400);
    expect(refresh.body.message).toBe("Location is not active");
    running.control.setLocationActive(DENVER, true);

    expect(
      running.control.revokeTokens({
        token: String(exchanged.body.access_token),
        refreshTokens: false,
      }),
    ).toBe(1);
    const revoked = await api.get("/contacts/", { locationId: DENVER });
    expect(revoked.status).toBe(401);
    expect(revoked.json.message).toBe("Invalid token: access token is invalid");
  });
});
