// Every API operation, documented or internal, in the order of the OpenAPI document's tags. Each resource's
// definitions live in lib/openapi/<resource>/; lib/api/route-table.test.ts checks that each route handler is built
// from one of them and that each of them has its route.
import type { ApiEndpoint } from "@/lib/api/endpoint";
import { adminEndpoints } from "@/lib/openapi/admin/admin-endpoints";
import { cannedResponsesEndpoints } from "@/lib/openapi/canned-responses/canned-responses-endpoints";
import { contactsEndpoints } from "@/lib/openapi/contacts/contacts-endpoints";
import { embedEndpoints } from "@/lib/openapi/embed/embed-endpoints";
import { escalationEndpoints } from "@/lib/openapi/escalation/escalation-endpoints";
import { faqEndpoints } from "@/lib/openapi/faq/faq-endpoints";
import { metaEndpoints } from "@/lib/openapi/meta/meta-endpoints";
import { monitoringEndpoints } from "@/lib/openapi/monitoring/monitoring-endpoints";
import { operatorsEndpoints } from "@/lib/openapi/operators/operators-endpoints";
import { privacyEndpoints } from "@/lib/openapi/privacy/privacy-endpoints";
import { realtimeEndpoints } from "@/lib/openapi/realtime/realtime-endpoints";
import { rulesEndpoints } from "@/lib/openapi/rules/rules-endpoints";
import { searchEndpoints } from "@/lib/openapi/search/search-endpoints";
import { sessionsEndpoints } from "@/lib/openapi/sessions/sessions-endpoints";
import { supervisionEndpoints } from "@/lib/openapi/supervision/supervision-endpoints";
import { teamsEndpoints } from "@/lib/openapi/teams/teams-endpoints";
import { ticketsEndpoints } from "@/lib/openapi/tickets/tickets-endpoints";
import { webhooksEndpoints } from "@/lib/openapi/webhooks/webhooks-endpoints";
import { whatsappEndpoints } from "@/lib/openapi/whatsapp/whatsapp-endpoints";

export function apiEndpoints(): ApiEndpoint[] {
  return [
    ...escalationEndpoints,
    ...sessionsEndpoints,
    ...supervisionEndpoints,
    ...ticketsEndpoints,
    ...monitoringEndpoints,
    ...operatorsEndpoints,
    ...rulesEndpoints,
    ...faqEndpoints,
    ...embedEndpoints,
    ...teamsEndpoints,
    ...adminEndpoints,
    ...webhooksEndpoints,
    ...metaEndpoints,
    ...searchEndpoints,
    ...contactsEndpoints,
    ...privacyEndpoints,
    ...cannedResponsesEndpoints,
    ...realtimeEndpoints,
    ...whatsappEndpoints,
  ] as ApiEndpoint[];
}
