import { int, isRecord, locationFor, str } from "../../core/access";
import type { RouteTable } from "../../core/api-route";
import { errors } from "../../core/errors";
import { ofLocation } from "../../store/state";
import { searchByBody } from "./advanced-search";
import { lostReasonsOf } from "./lost-reasons";
import { renderLostReason, renderOpportunity, renderPipeline } from "./render";
import { flag, searchByQuery } from "./search";
import {
  createOpportunity,
  deleteOpportunity,
  followerIds,
  opportunityFor,
  patchFrom,
  pipelineFor,
  updateOpportunity,
  writeStatus,
} from "./service";
import { upsertOpportunity } from "./upsert";

const bodyOf = (body: unknown) => (isRecord(body) ? body : {});

export const opportunitiesRoutes: RouteTable = {
  "GET /opportunities/search": (sandbox, { query, token }) => {
    const location = locationFor(sandbox, token, query.location_id);
    return { status: 200, body: searchByQuery(sandbox, location, query) };
  },

  "POST /opportunities/search": (sandbox, { body, token }) => {
    const input = bodyOf(body);
    const location = locationFor(sandbox, token, input.locationId);
    return { status: 200, body: searchByBody(sandbox, location, input) };
  },

  "GET /opportunities/pipelines": (sandbox, { query, token }) => {
    const location = locationFor(sandbox, token, query.locationId);
    const pipelines = ofLocation(sandbox.state.pipelines, location.id).map(renderPipeline);
    return { status: 200, body: { pipelines } };
  },

  "GET /opportunities/lost-reason": (sandbox, { query, token }) => {
    const location = locationFor(sandbox, token, query.locationId);
    const skip = Math.max(int(query.skip, 0), 0);
    const limit = Math.min(Math.max(int(query.limit, 100), 1), 100);
    const name = str(query.name)?.toLowerCase();
    const text = str(query.query)?.toLowerCase();
    // No reason is ever deleted, so `deleted=true` lists none.
    const all = flag(query.deleted)
      ? []
      : lostReasonsOf(location).filter(
          (r) =>
            (!name || r.name.toLowerCase() === name) &&
            (!text || r.name.toLowerCase().includes(text)),
        );
    return {
      status: 200,
      body: {
        lostReasons: all.slice(skip, skip + limit).map(renderLostReason),
        ...(flag(query.getCount) ? { total: all.length } : {}),
      },
    };
  },

  "GET /opportunities/{id}": (sandbox, { params, token }) => {
    const { opportunity } = opportunityFor(sandbox, token, params.id);
    return { status: 200, body: { opportunity: renderOpportunity(sandbox, opportunity) } };
  },

  "POST /opportunities/": (sandbox, { body, token }) => {
    const input = bodyOf(body);
    const location = locationFor(sandbox, token, input.locationId);
    const opportunity = createOpportunity(sandbox, location, input);
    return { status: 201, body: { opportunity: renderOpportunity(sandbox, opportunity) } };
  },

  "PUT /opportunities/{id}": (sandbox, { params, body, token }) => {
    const { opportunity, location } = opportunityFor(sandbox, token, params.id);
    const input = bodyOf(body);
    if ("name" in input && !str(input.name)?.trim())
      throw errors.unprocessable(["name should not be empty"]);
    const patch = patchFrom(sandbox, location, input, opportunity);
    updateOpportunity(sandbox, location, opportunity, patch);
    return { status: 200, body: { opportunity: renderOpportunity(sandbox, opportunity) } };
  },

  "PUT /opportunities/{id}/status": (sandbox, { params, body, token }) => {
    const { opportunity, location } = opportunityFor(sandbox, token, params.id);
    const input = bodyOf(body);
    const status = writeStatus(input.status);
    const patch = patchFrom(
      sandbox,
      location,
      { status, lostReasonId: input.lostReasonId },
      opportunity,
    );
    updateOpportunity(sandbox, location, opportunity, patch);
    return { status: 200, body: { succeded: true } };
  },

  "DELETE /opportunities/{id}": (sandbox, { params, token }) => {
    deleteOpportunity(sandbox, opportunityFor(sandbox, token, params.id).opportunity);
    return { status: 200, body: { succeded: true } };
  },

  "POST /opportunities/upsert": (sandbox, { body, token }) => {
    const input = bodyOf(body);
    const location = locationFor(sandbox, token, input.locationId);
    pipelineFor(sandbox, location, input.pipelineId);
    const { opportunity, created } = upsertOpportunity(sandbox, location, input);
    return {
      status: 200,
      body: { opportunity: renderOpportunity(sandbox, opportunity), new: created },
    };
  },

  "POST /opportunities/{id}/followers": (sandbox, { params, body, token }) => {
    const { opportunity, location } = opportunityFor(sandbox, token, params.id);
    const added = [...new Set(followerIds(bodyOf(body).followers))].filter(
      (f) => !opportunity.followers.includes(f),
    );
    updateOpportunity(sandbox, location, opportunity, {
      followers: [...opportunity.followers, ...added],
    });
    return { status: 201, body: { followers: opportunity.followers, followersAdded: added } };
  },

  "DELETE /opportunities/{id}/followers": (sandbox, { params, query, body, token }) => {
    const { opportunity, location } = opportunityFor(sandbox, token, params.id);
    const all = flag(query.isRemoveAllFollowers);
    const remove = new Set(followerIds(bodyOf(body).followers));
    const removed = opportunity.followers.filter((f) => all || remove.has(f));
    updateOpportunity(sandbox, location, opportunity, {
      followers: opportunity.followers.filter((f) => !removed.includes(f)),
    });
    return {
      status: 200,
      body: { followers: opportunity.followers, followersRemoved: removed },
    };
  },
};
