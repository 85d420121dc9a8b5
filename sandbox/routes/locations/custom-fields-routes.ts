import type { Sandbox } from "../../context";
import { isRecord, locationFor, str } from "../../core/access";
import type { RouteTable } from "../../core/api-route";
import { errors } from "../../core/errors";
import { ofLocation } from "../../store/state";
import type { CustomField } from "../../store/types";
import { renderCustomField } from "./render";
import { type Input, bodyOf, snakeKey, strings, uniqueKey } from "./shared";

/** REFERENCE §5.7: the custom-fields enum, plus EMAIL which create also takes. */
const DATA_TYPES = [
  "TEXT",
  "LARGE_TEXT",
  "NUMERICAL",
  "PHONE",
  "MONETORY",
  "CHECKBOX",
  "SINGLE_OPTIONS",
  "MULTIPLE_OPTIONS",
  "DATE",
  "TEXTBOX_LIST",
  "FILE_UPLOAD",
  "RADIO",
  "EMAIL",
];

const nameOf = (input: Input) => {
  const name = str(input.name)?.trim();
  if (!name) throw errors.unprocessable(["name should not be empty"]);
  return name;
};

/** The optional settings create and update share. */
const applyOptions = (field: CustomField, input: Input) => {
  field.placeholder = str(input.placeholder) ?? field.placeholder;
  if (typeof input.position === "number") field.position = input.position;
  // Picklist choices: undocumented in v2 (the v1 API took `options`), still accepted.
  field.picklistOptions = strings(input.options) ?? field.picklistOptions;
  field.acceptedFormat = strings(input.acceptedFormat) ?? field.acceptedFormat;
  if (typeof input.isMultipleFile === "boolean") field.isMultipleFile = input.isMultipleFile;
  if (typeof input.maxNumberOfFiles === "number") field.maxNumberOfFiles = input.maxNumberOfFiles;
  if (Array.isArray(input.textBoxListOptions)) {
    field.textBoxListOptions = input.textBoxListOptions.filter(isRecord).map((o) => ({
      label: str(o.label) ?? "",
      prefillValue: str(o.prefillValue) ?? "",
    }));
  }
};

/** By id, or by field key ("contact.lead_score"), which GET also takes. */
const fieldFor = (sandbox: Sandbox, locationId: string, idOrKey: string | undefined) => {
  const field = ofLocation(sandbox.state.customFields, locationId).find(
    (f) => f.id === idOrKey || f.fieldKey === idOrKey,
  );
  if (!field) throw errors.badRequest(`Custom field with id ${idOrKey ?? ""} not found`);
  return field;
};

export const customFieldsRoutes: RouteTable = {
  /** Without `model` GHL lists contact fields only (3P: gohighlevel-php-sdk#15). */
  "GET /locations/{locationId}/customFields": (sandbox, { params, query, token }) => {
    const location = locationFor(sandbox, token, params.locationId);
    const model = str(query.model) ?? "contact";
    const fields = ofLocation(sandbox.state.customFields, location.id)
      .filter((f) => model === "all" || f.model === model)
      .sort((a, b) => a.position - b.position);
    return { status: 200, body: { customFields: fields.map(renderCustomField) } };
  },

  "POST /locations/{locationId}/customFields": (sandbox, { params, body, token }) => {
    const location = locationFor(sandbox, token, params.locationId);
    const input = bodyOf(body);
    const name = nameOf(input);
    const dataType = str(input.dataType) ?? "";
    if (!DATA_TYPES.includes(dataType))
      throw errors.unprocessable([
        `dataType must be one of the following values: ${DATA_TYPES.join(", ")}`,
      ]);
    const model = input.model === "opportunity" ? "opportunity" : "contact";
    const existing = ofLocation(sandbox.state.customFields, location.id);
    // A `fieldKey` in the body is honoured though undocumented (I#300).
    const base = `${model}.${snakeKey(str(input.fieldKey)?.replace(/^(contact|opportunity)\./, "") ?? name)}`;
    const field: CustomField = {
      id: sandbox.ids.ghl(),
      locationId: location.id,
      name,
      fieldKey: uniqueKey(base, (key) => existing.some((f) => f.fieldKey === key)),
      dataType,
      placeholder: "",
      position: 0,
      model,
      picklistOptions: [],
    };
    applyOptions(field, input);
    sandbox.state.customFields.set(field.id, field);
    return { status: 201, body: { customField: renderCustomField(field) } };
  },

  "GET /locations/{locationId}/customFields/{id}": (sandbox, { params, token }) => {
    const location = locationFor(sandbox, token, params.locationId);
    return {
      status: 200,
      body: { customField: renderCustomField(fieldFor(sandbox, location.id, params.id)) },
    };
  },

  /** The field key stays as it was when the field is renamed; the data type cannot change. */
  "PUT /locations/{locationId}/customFields/{id}": (sandbox, { params, body, token }) => {
    const location = locationFor(sandbox, token, params.locationId);
    const field = fieldFor(sandbox, location.id, params.id);
    const input = bodyOf(body);
    field.name = nameOf(input);
    applyOptions(field, input);
    return { status: 200, body: { customField: renderCustomField(field) } };
  },

  "DELETE /locations/{locationId}/customFields/{id}": (sandbox, { params, token }) => {
    const location = locationFor(sandbox, token, params.locationId);
    sandbox.state.customFields.delete(fieldFor(sandbox, location.id, params.id).id);
    return { status: 200, body: { succeded: true } };
  },
};
