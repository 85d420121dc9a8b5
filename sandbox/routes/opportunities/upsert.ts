import type { Sandbox } from "../../context";
import { str } from "../../core/access";
import { errors } from "../../core/errors";
import type { Location, Opportunity } from "../../store/types";
import { createOpportunity, followerIds, patchFrom, updateOpportunity } from "./service";

type Input = Record<string, unknown>;

const nextFollowers = (current: string[], body: Input) => {
  if (body.isRemoveAllFollowers === true) return [];
  const listed = followerIds(body.followers);
  if (listed.length === 0) return current;
  if (body.followersActionType === "remove") return current.filter((f) => !listed.includes(f));
  return [...new Set([...current, ...listed])];
};

/** The contact's opportunity in that pipeline, open ones first, newest first. */
const matchFor = (sandbox: Sandbox, location: Location, contactId: string, pipelineId: unknown) =>
  [...sandbox.state.opportunities.values()]
    .filter(
      (o) =>
        o.locationId === location.id && o.contactId === contactId && o.pipelineId === pipelineId,
    )
    .sort(
      (a, b) =>
        Number(b.status === "open") - Number(a.status === "open") || b.createdAt - a.createdAt,
    )[0];

/**
 * POST /opportunities/upsert: by `id` when given, else by contact and pipeline; creates when
 * nothing matches (the name then defaults to the contact's).
 */
export const upsertOpportunity = (
  sandbox: Sandbox,
  location: Location,
  body: Input,
): { opportunity: Opportunity; created: boolean } => {
  const id = str(body.id);
  let existing: Opportunity | undefined;
  if (id) {
    existing = sandbox.state.opportunities.get(id);
    if (!existing || existing.locationId !== location.id)
      throw errors.badRequest(`Opportunity with id ${id} not found`);
  } else {
    const contactId = str(body.contactId);
    if (!contactId) throw errors.unprocessable(["contactId should not be empty"]);
    existing = matchFor(sandbox, location, contactId, body.pipelineId);
  }
  if (existing) {
    const patch = patchFrom(sandbox, location, body, existing);
    patch.followers = nextFollowers(existing.followers, body);
    return { opportunity: updateOpportunity(sandbox, location, existing, patch), created: false };
  }
  const contact = sandbox.state.contacts.get(str(body.contactId) ?? "");
  const fallbackName =
    [contact?.firstName, contact?.lastName].filter(Boolean).join(" ") || "Opportunity";
  const opportunity = createOpportunity(sandbox, location, {
    ...body,
    name: str(body.name)?.trim() || fallbackName,
  });
  opportunity.followers = nextFollowers([], body);
  return { opportunity, created: true };
};
