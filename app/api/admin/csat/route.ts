// GET /api/admin/csat – whether and when customers are asked for a rating; PUT – change it (admin, audited)
import { ok, route } from "@/lib/api/handler";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { csatSettingsSchema } from "@/lib/csat/csat-schemas";
import { getCsatSettings, updateCsatSettings } from "@/lib/csat/csat-settings";

export const GET = route({ auth: "admin" }, async () => ok(await getCsatSettings()));

export const PUT = route({ auth: "admin", body: csatSettingsSchema }, async ({ body, principal }) => ok(await updateCsatSettings(body, actorOf(principal, SYSTEM_ACTOR))));
