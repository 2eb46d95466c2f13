// GET /api/admin/privacy/retention – how long closed conversations and tickets keep personal data; PUT – set it (admin, audited)
import { ok, route } from "@/lib/route/handler";
import { getAdminPrivacyRetention, putAdminPrivacyRetention } from "@/lib/openapi/privacy/privacy-endpoints";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { getRetentionSettings, updateRetentionSettings } from "@/lib/privacy/retention-settings";

export const GET = route(getAdminPrivacyRetention, async () => ok(await getRetentionSettings()));

export const PUT = route(putAdminPrivacyRetention, async ({ body, principal }) =>
  ok(await updateRetentionSettings(body, actorOf(principal, SYSTEM_ACTOR))),
);
