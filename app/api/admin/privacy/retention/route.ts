// GET /api/admin/privacy/retention – how long closed conversations and tickets keep personal data; PUT – set it (admin, audited)
import { ok, route } from "@/lib/api/handler";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { retentionSettingsSchema } from "@/lib/privacy/retention-schemas";
import { getRetentionSettings, updateRetentionSettings } from "@/lib/privacy/retention-settings";

export const GET = route({ auth: "admin" }, async () => ok(await getRetentionSettings()));

export const PUT = route({ auth: "admin", body: retentionSettingsSchema }, async ({ body, principal }) =>
  ok(await updateRetentionSettings(body, actorOf(principal, SYSTEM_ACTOR))),
);
