import { z } from "zod";

import { recordAudit } from "../../audit/record-audit";
import { setConnectionStatus } from "../../domains/locations/locations.repo";
import { listAgencyConnections } from "../../ghl/connections/connections.repo";
import { forgetGrants } from "../../ghl/connections/disconnect";
import { reconcileCompanyLocations } from "../../ghl/connections/reconcile-locations";
import { optText, parsePayload } from "../payload";
import type { EventHandler } from "./types";

const ZLifecycle = z.looseObject({
  appId: optText,
  locationId: optText,
  companyId: optText,
  installType: optText,
  planId: optText,
  currentPlanId: optText,
  newPlanId: optText,
});

/**
 * INSTALL: the app was installed on more sub-accounts. With the agency's grant in hand the new
 * locations are connected by re-reading GHL's installed list (idempotent). Installs GHL Hub did not
 * start are only recorded: the person connects from Settings, where the agency is bound.
 */
export const appInstalled: EventHandler = {
  scope: "agency",
  prepare: async (input, { db, ghl }) => {
    const connections = await listAgencyConnections(db, input.tenant.agencyId);
    const grant = connections.find((c) => c.kind === "company" && c.status === "active");
    if (grant) await reconcileCompanyLocations(await ghl(), input.tenant.agencyId);
  },
  apply: async (tx, input) => {
    const p = parsePayload(ZLifecycle, input.body);
    await recordAudit(tx, {
      agencyId: input.tenant.agencyId,
      locationId: input.tenant.locationId,
      actorType: "system",
      action: "ghl.app_installed",
      targetType: "ghl_location",
      targetId: p.locationId ?? p.companyId,
      outcome: "success",
      details: { installType: p.installType, planId: p.planId, webhookEventId: input.inboxId },
    });
    return p.locationId ? `installed on ${p.locationId}` : "installed for the agency";
  },
};

/** UNINSTALL: GHL has revoked the app's tokens there; forget them and mark the locations. */
export const appUninstalled: EventHandler = {
  scope: "agency",
  apply: async (tx, input) => {
    const p = parsePayload(ZLifecycle, input.body);
    const { agencyId } = input.tenant;
    const connections = await listAgencyConnections(tx, agencyId);
    const row = p.locationId
      ? connections.find(
          (c) =>
            c.kind === "location" &&
            c.credentialType === "oauth" &&
            c.ghlLocationId === p.locationId,
        )
      : connections.find((c) => c.kind === "company");
    const removed = row ? await forgetGrants(tx, agencyId, row, connections) : 0;
    if (!row && p.locationId)
      await setConnectionStatus(tx, agencyId, "disconnected", [p.locationId]);
    await recordAudit(tx, {
      agencyId,
      locationId: input.tenant.locationId,
      actorType: "system",
      action: "ghl.app_uninstalled",
      targetType: p.locationId ? "ghl_location" : "ghl_company",
      targetId: p.locationId ?? p.companyId,
      outcome: "success",
      details: { grantsRemoved: removed, webhookEventId: input.inboxId },
    });
    return p.locationId ? `uninstalled from ${p.locationId}` : "uninstalled from the agency";
  },
};

export const planChanged: EventHandler = {
  scope: "agency",
  apply: async (tx, input) => {
    const p = parsePayload(ZLifecycle, input.body);
    await recordAudit(tx, {
      agencyId: input.tenant.agencyId,
      locationId: input.tenant.locationId,
      actorType: "system",
      action: "ghl.plan_changed",
      targetType: "ghl_location",
      targetId: p.locationId,
      outcome: "success",
      details: { from: p.currentPlanId, to: p.newPlanId, webhookEventId: input.inboxId },
    });
    return `plan ${p.currentPlanId ?? "?"} → ${p.newPlanId ?? "?"}`;
  },
};
