import type { OpenAPIV3 } from "openapi-types";

export type SpecDocument = OpenAPIV3.Document;

type Patch = {
  file: string;
  /** What is wrong in the official spec, and the evidence (REFERENCE.md section). */
  defect: string;
  apply: (document: SpecDocument) => void;
};

const schema = (document: SpecDocument, name: string) => {
  const found = document.components?.schemas?.[name];
  if (!found || "$ref" in found) throw new Error(`spec patch: schema ${name} not found`);
  return found;
};

const dropRequired = (document: SpecDocument, name: string, fields: string[]) => {
  const target = schema(document, name);
  target.required = (target.required ?? []).filter((field) => !fields.includes(field));
};

/**
 * Where the official specs disagree with the API they describe, the sandbox follows the API and
 * patches the spec here, so that request validation and the contract tests use the corrected
 * version. Each entry names its evidence in REFERENCE.md.
 */
export const SPEC_PATCHES: Patch[] = [
  {
    file: "users.json",
    defect:
      "UserSchema and UserSuccessfulResponseDto type the user's `scopes` as a single string (with the scope enum), " +
      "but a user's scopes are a list: REFERENCE §5.9 lists `scopes[]` on the user object, and CreateUserDto / " +
      "UpdateUserDto in the same file send them as an array of those enum values.",
    apply: (d) => {
      for (const name of ["UserSchema", "UserSuccessfulResponseDto"]) {
        const properties = schema(d, name).properties ?? {};
        const scopes = properties.scopes;
        if (!scopes || "$ref" in scopes) throw new Error(`spec patch: ${name}.scopes not found`);
        const { description, enum: values } = scopes;
        properties.scopes = { description, type: "array", items: { type: "string", enum: values } };
      }
    },
  },
  {
    file: "users.json",
    defect:
      "PUT and DELETE /users/{userId} declare no `userId` path parameter (only GET does), so the templated " +
      "path is invalid OpenAPI and every request fails path validation. REFERENCE §5.9 documents both " +
      "operations on the user named in the path.",
    apply: (d) => {
      const path = d.paths["/users/{userId}"];
      for (const operation of [path?.put, path?.delete]) {
        if (!operation) throw new Error("spec patch: /users/{userId} operation not found");
        operation.parameters = [
          ...(operation.parameters ?? []),
          { name: "userId", in: "path", required: true, schema: { type: "string" } },
        ];
      }
    },
  },
  {
    file: "calendars.json",
    defect:
      "CalendarEventDTO and BlockedSlotSuccessfulResponseDto type startTime, endTime, dateAdded and dateUpdated " +
      "as `object`, yet their own examples are strings (`2023-09-25T16:00:00+05:30`), as are calendar times in " +
      "REFERENCE §1.5 (ISO with offset) and the Appointment* webhook samples (§4.4).",
    apply: (d) => {
      for (const name of ["CalendarEventDTO", "BlockedSlotSuccessfulResponseDto"]) {
        const properties = schema(d, name).properties ?? {};
        for (const field of ["startTime", "endTime", "dateAdded", "dateUpdated"]) {
          const property = properties[field];
          if (property && !("$ref" in property)) properties[field] = { ...property, type: "string" };
        }
      }
    },
  },
  {
    file: "conversations.json",
    defect:
      "SendMessageBodyDto marks subType and status required since 2026-05 (regression; 2025-09 required only type " +
      "and contactId). REFERENCE §5.5, §6.4.",
    apply: (d) => dropRequired(d, "SendMessageBodyDto", ["subType", "status"]),
  },
  {
    file: "opportunities.json",
    defect:
      "UpsertOpportunityDto marks followers, isRemoveAllFollowers and followersActionType required. REFERENCE §5.3, §6.4.",
    apply: (d) =>
      dropRequired(d, "UpsertOpportunityDto", [
        "followers",
        "isRemoveAllFollowers",
        "followersActionType",
      ]),
  },
  {
    file: "opportunities.json",
    defect:
      "UpsertOpportunityDto types monetaryValue as an object; it is the opportunity's number, as CreateDto, " +
      "UpdateOpportunityDto and the opportunity object type it. REFERENCE §5.3.",
    apply: (d) => {
      const upsert = schema(d, "UpsertOpportunityDto");
      upsert.properties = { ...upsert.properties, monetaryValue: { type: "number" } };
    },
  },
  {
    file: "opportunities.json",
    defect:
      "Item schemas typed `array` where items are objects or ids: pipeline stages are objects {id (uuid), name, " +
      "position, …}; opportunity followers are user ids (FollowersDTO, followers responses); notes, tasks and " +
      "calendarEvents are records. REFERENCE §5.3 (pipelines row, opportunity object), §1.5.",
    apply: (d) => {
      const pipeline = schema(d, "PipelinesResponseSchema");
      pipeline.properties = {
        ...pipeline.properties,
        stages: {
          type: "array",
          items: {
            type: "object",
            required: ["id", "name", "position"],
            properties: {
              id: { type: "string" },
              name: { type: "string" },
              position: { type: "number" },
              showInFunnel: { type: "boolean" },
              showInPieChart: { type: "boolean" },
            },
          },
        },
      };
      const opportunity = schema(d, "SearchOpportunitiesResponseSchema");
      const records = { type: "array" as const, items: { type: "object" as const } };
      opportunity.properties = {
        ...opportunity.properties,
        notes: records,
        tasks: records,
        calendarEvents: records,
        followers: { type: "array", items: { type: "string" } },
      };
    },
  },
  {
    file: "conversations.json",
    defect:
      "GET /conversations/{conversationId}/messages is documented flat ({lastMessageId, nextPage, messages}); the " +
      "real API nests it under `messages`. REFERENCE §5.1, §6.4.",
    apply: (d) => {
      const flat = schema(d, "GetMessagesByConversationResponseDto");
      d.components!.schemas!.GetMessagesByConversationResponseDto = {
        type: "object",
        required: ["messages"],
        properties: { messages: flat },
      };
    },
  },
  {
    file: "conversations.json",
    defect:
      "GET /conversations/{conversationId}/messages: `type` is described (and used) as a comma-separated list of " +
      "TYPE_* values, but its schema is a single-value enum, so `TYPE_SMS,TYPE_EMAIL` would fail. REFERENCE §5.5.",
    apply: (d) => {
      const parameter = (d.paths["/conversations/{conversationId}/messages"]?.get?.parameters ?? [])
        .filter((p) => !("$ref" in p))
        .find((p) => "in" in p && p.in === "query" && p.name === "type");
      if (!parameter || !("schema" in parameter) || !parameter.schema || "$ref" in parameter.schema)
        throw new Error("spec patch: messages `type` parameter not found");
      const values = (parameter.schema.enum ?? []).join("|");
      parameter.schema = { type: "string", pattern: `^(${values})(,(${values}))*$` };
    },
  },
  {
    file: "conversations.json",
    defect:
      "GET /conversations/search types `startAfterDate` as `any`, which is no JSON Schema type (validators refuse " +
      "the operation); it takes the last hit's sort value, epoch ms, or that sort array. REFERENCE §5.1.",
    apply: (d) => {
      const parameter = (d.paths["/conversations/search"]?.get?.parameters ?? []).find(
        (p) => !("$ref" in p) && p.name === "startAfterDate",
      );
      if (!parameter || "$ref" in parameter)
        throw new Error("spec patch: search `startAfterDate` not found");
      parameter.schema = { description: "epoch ms, or the last hit's `sort` array" };
    },
  },
  {
    file: "conversations.json",
    defect:
      "GET /conversations/messages/{id} does not declare its `id` path parameter, so every request fails " +
      "validation. REFERENCE §5.5 (GET /conversations/messages/{id} → message object).",
    apply: (d) => {
      const operation = d.paths["/conversations/messages/{id}"]?.get;
      if (!operation) throw new Error("spec patch: get message operation not found");
      operation.parameters = [
        ...(operation.parameters ?? []),
        { name: "id", in: "path", required: true, schema: { type: "string" } },
      ];
    },
  },
  {
    file: "conversations.json",
    defect:
      "ProcessMessageBodyDto.direction is typed `object` while its default is the string \"outbound\" and its " +
      "example lists \"outbound\"/\"inbound\": any real direction would fail validation. REFERENCE §5.5 " +
      "(inbound body `direction?`).",
    apply: (d) => {
      const body = schema(d, "ProcessMessageBodyDto");
      body.properties = {
        ...body.properties,
        direction: { type: "string", enum: ["outbound", "inbound"], default: "outbound" },
      };
    },
  },
  {
    file: "contacts.json",
    defect:
      "CustomFieldSchema types `value` as a string, but custom field values are numbers, arrays and objects " +
      "for numeric, multi-option and file fields (the write DTO documents them). REFERENCE §5.2 input details.",
    apply: (d) => {
      const field = schema(d, "CustomFieldSchema");
      field.properties = {
        ...field.properties,
        value: { description: "string, number, string[] or object, by field type" },
      };
    },
  },
  {
    file: "contacts.json",
    defect:
      "POST /contacts/bulk/tags/update/{type} declares neither the `type` path parameter nor any security. " +
      "REFERENCE §5.2, §6.4. The sandbox takes add|remove and contacts.write.",
    apply: (d) => {
      const operation = d.paths["/contacts/bulk/tags/update/{type}"]?.post;
      if (!operation) throw new Error("spec patch: bulk tags operation not found");
      operation.parameters = [
        ...(operation.parameters ?? []),
        {
          name: "type",
          in: "path",
          required: true,
          schema: { type: "string", enum: ["add", "remove"] },
        },
      ];
      operation.security = [{ bearer: ["contacts.write"] }];
    },
  },
];
