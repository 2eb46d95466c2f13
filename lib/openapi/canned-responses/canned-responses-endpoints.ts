// The canned responses API's operations: one definition each, used by their route handlers and the OpenAPI document.
import { defineEndpoint } from "@/lib/api/endpoint";
import { CANNED_VARIABLES } from "@/lib/canned/render-canned-response";
import { deletedSchema } from "@/lib/openapi/response-schemas";
import { cannedResponseParams, cannedResponseViewSchema, createCannedResponseBody, listCannedResponsesQuery, updateCannedResponseBody } from "@/lib/schemas/canned-responses";

const view = { name: "CannedResponse", schema: cannedResponseViewSchema };
const variables = CANNED_VARIABLES.map((name) => `\`{{${name}}}\``).join(", ");
const rules =
  "An operator manages their own personal responses; an admin (signed in, or an admin API key) manages team and desk-wide (`everyone`) ones. A response the caller may not use is 404; one they may use but not change (a team or desk-wide one, for an operator) is 403.";

export const getChatCannedResponses = defineEndpoint({
  method: "get",
  path: "/api/chat/canned-responses",
  tag: "Canned responses",
  summary: "The canned responses the caller may use, searched by shortcut or title, rendered for a conversation",
  description: `Operators get their personal responses, those of the teams they are in and the desk-wide ones; admins also every team's (nobody gets another operator's personal ones). \`q\` matches words of the shortcut or title (a leading \`/\` is ignored), shortcut matches first, then the most used. With \`session_id\` (a chat the caller may see: theirs, a queued one, any for an admin) or \`ticket_id\` each response carries \`rendered\`: the text in the conversation's language (else the desk's default) with the variables filled: ${variables}. A variable with no value in that conversation, or an unknown one, stays as \`{{name}}\` and is listed in \`missing\`. \`can_edit\` says whether the caller may change it; \`usage_count\` and \`last_used_at\` count messages that carried it.`,
  auth: "operator",
  query: listCannedResponsesQuery,
  success: { status: 200, description: "The responses", payload: { kind: "data", list: true, ...view } },
});

export const postChatCannedResponses = defineEndpoint({
  method: "post",
  path: "/api/chat/canned-responses",
  tag: "Canned responses",
  summary: "Create a canned response: personal (operators), team or everyone (admins)",
  description: `\`bodies\` maps each of the desk's locales to its text (at least one). The shortcut is unique per holder (409 otherwise). ${rules} Count a use by sending the response's id in \`canned_response_ids\` with the message (POST /api/chat/sessions/{id}/messages, POST /api/tickets/{id}/replies).`,
  auth: "operator",
  body: {
    name: "CreateCannedResponseBody",
    schema: createCannedResponseBody,
    examples: {
      personal: { summary: "A personal response", value: { shortcut: "saluto", title: "Saluto", bodies: { it: "Ciao {{customer.first_name}}, sono {{operator.name}}.", en: "Hi {{customer.first_name}}, {{operator.name}} here." } } },
      team: { summary: "A team's response (admin)", value: { shortcut: "iban", title: "Bank details", scope: "team", team: "billing", bodies: { it: "IBAN: IT60X0542811101000000123456" } } },
    },
  },
  success: { status: 201, description: "The response", payload: { kind: "data", ...view } },
  errors: ["FORBIDDEN", "CONFLICT"],
});

export const patchChatCannedResponsesId = defineEndpoint({
  method: "patch",
  path: "/api/chat/canned-responses/{id}",
  tag: "Canned responses",
  summary: "Change a canned response (its shortcut, title, texts, scope or team)",
  description: rules,
  auth: "operator",
  params: cannedResponseParams,
  body: { name: "UpdateCannedResponseBody", schema: updateCannedResponseBody },
  success: { status: 200, description: "The response", payload: { kind: "data", ...view } },
  errors: ["FORBIDDEN", "CONFLICT"],
});

export const deleteChatCannedResponsesId = defineEndpoint({
  method: "delete",
  path: "/api/chat/canned-responses/{id}",
  tag: "Canned responses",
  summary: "Delete a canned response",
  description: rules,
  auth: "operator",
  params: cannedResponseParams,
  success: { status: 200, description: "Deleted", payload: { kind: "data", name: "Deleted", schema: deletedSchema } },
  errors: ["FORBIDDEN"],
});

/** In the order of the OpenAPI document. */
export const cannedResponsesEndpoints = [
  getChatCannedResponses,
  postChatCannedResponses,
  patchChatCannedResponsesId,
  deleteChatCannedResponsesId,
];
