import type { Sandbox } from "../../context";
import { locationFor, str } from "../../core/access";
import type { RouteTable } from "../../core/api-route";
import { errors } from "../../core/errors";
import { ofLocation } from "../../store/state";
import type { Location } from "../../store/types";
import { renderCustomValue, renderTag } from "./render";
import { type Input, bodyOf, snakeKey, uniqueKey } from "./shared";

const required = (input: Input, field: string) => {
  const value = str(input[field]);
  if (value === undefined || value.trim() === "")
    throw errors.unprocessable([`${field} should not be empty`]);
  return value;
};

const valueFor = (sandbox: Sandbox, location: Location, id: string | undefined) => {
  const value = id ? sandbox.state.customValues.get(id) : undefined;
  if (!value || value.locationId !== location.id)
    throw errors.badRequest(`Custom value with id ${id ?? ""} not found`);
  return value;
};

/** Contact tags are stored trimmed and lower-case; location tags are the same strings. */
const tagName = (input: Input) => required(input, "name").trim().toLowerCase();

const tagFor = (sandbox: Sandbox, location: Location, id: string | undefined) => {
  const tag = id ? sandbox.state.locationTags.get(id) : undefined;
  if (!tag || tag.locationId !== location.id)
    throw errors.badRequest(`Tag with id ${id ?? ""} not found`);
  return tag;
};

/** A second tag of the same name is refused; the exact text is unconfirmed. */
const assertNewTag = (sandbox: Sandbox, location: Location, name: string, except?: string) => {
  if (
    ofLocation(sandbox.state.locationTags, location.id).some(
      (t) => t.name === name && t.id !== except,
    )
  )
    throw errors.badRequest(`Tag with name ${name} already exists`);
};

export const valuesTagsRoutes: RouteTable = {
  "GET /locations/{locationId}/customValues": (sandbox, { params, token }) => {
    const location = locationFor(sandbox, token, params.locationId);
    const values = ofLocation(sandbox.state.customValues, location.id);
    return { status: 200, body: { customValues: values.map(renderCustomValue) } };
  },

  /** Merge fields are addressed as `{{ custom_values.<snake_name> }}` in templates. */
  "POST /locations/{locationId}/customValues": (sandbox, { params, body, token }) => {
    const location = locationFor(sandbox, token, params.locationId);
    const input = bodyOf(body);
    const name = required(input, "name").trim();
    const existing = ofLocation(sandbox.state.customValues, location.id);
    const key = uniqueKey(snakeKey(name), (k) =>
      existing.some((v) => v.fieldKey === `{{ custom_values.${k} }}`),
    );
    const value = {
      id: sandbox.ids.ghl(),
      locationId: location.id,
      name,
      fieldKey: `{{ custom_values.${key} }}`,
      value: str(input.value) ?? "",
    };
    sandbox.state.customValues.set(value.id, value);
    return { status: 201, body: { customValue: renderCustomValue(value) } };
  },

  "GET /locations/{locationId}/customValues/{id}": (sandbox, { params, token }) => {
    const location = locationFor(sandbox, token, params.locationId);
    return {
      status: 200,
      body: { customValue: renderCustomValue(valueFor(sandbox, location, params.id)) },
    };
  },

  "PUT /locations/{locationId}/customValues/{id}": (sandbox, { params, body, token }) => {
    const location = locationFor(sandbox, token, params.locationId);
    const value = valueFor(sandbox, location, params.id);
    const input = bodyOf(body);
    value.name = required(input, "name").trim();
    value.value = str(input.value) ?? value.value;
    return { status: 200, body: { customValue: renderCustomValue(value) } };
  },

  "DELETE /locations/{locationId}/customValues/{id}": (sandbox, { params, token }) => {
    const location = locationFor(sandbox, token, params.locationId);
    sandbox.state.customValues.delete(valueFor(sandbox, location, params.id).id);
    return { status: 200, body: { succeded: true } };
  },

  "GET /locations/{locationId}/tags": (sandbox, { params, token }) => {
    const location = locationFor(sandbox, token, params.locationId);
    const tags = ofLocation(sandbox.state.locationTags, location.id).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    return { status: 200, body: { tags: tags.map(renderTag) } };
  },

  /** Creation answers 200, not 201 (REFERENCE §5.7). */
  "POST /locations/{locationId}/tags": (sandbox, { params, body, token }) => {
    const location = locationFor(sandbox, token, params.locationId);
    const name = tagName(bodyOf(body));
    assertNewTag(sandbox, location, name);
    const tag = { id: sandbox.ids.ghl(), locationId: location.id, name };
    sandbox.state.locationTags.set(tag.id, tag);
    return { status: 200, body: { tag: renderTag(tag) } };
  },

  "GET /locations/{locationId}/tags/{tagId}": (sandbox, { params, token }) => {
    const location = locationFor(sandbox, token, params.locationId);
    return { status: 200, body: { tag: renderTag(tagFor(sandbox, location, params.tagId)) } };
  },

  "PUT /locations/{locationId}/tags/{tagId}": (sandbox, { params, body, token }) => {
    const location = locationFor(sandbox, token, params.locationId);
    const tag = tagFor(sandbox, location, params.tagId);
    const name = tagName(bodyOf(body));
    assertNewTag(sandbox, location, name, tag.id);
    tag.name = name;
    return { status: 200, body: { tag: renderTag(tag) } };
  },

  "DELETE /locations/{locationId}/tags/{tagId}": (sandbox, { params, token }) => {
    const location = locationFor(sandbox, token, params.locationId);
    sandbox.state.locationTags.delete(tagFor(sandbox, location, params.tagId).id);
    return { status: 200, body: { succeded: true } };
  },
};
