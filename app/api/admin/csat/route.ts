// GET /api/admin/csat – the rating switch, ratings week by week, per operator and per team (?team= narrows); PUT – change the switch (admin, audited)
import { ok, route } from "@/lib/route/handler";
import { getAdminCsat, putAdminCsat } from "@/lib/openapi/admin/admin-endpoints";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { getCsatSettings, updateCsatSettings } from "@/lib/csat/csat-settings";
import { getCsatOverview } from "@/lib/csat/get-csat-overview";

export const GET = route(getAdminCsat, async ({ query }) => {
  const [settings, overview] = await Promise.all([getCsatSettings(), getCsatOverview(new Date(), query.team)]);
  return ok({ settings, ...overview });
});

export const PUT = route(putAdminCsat, async ({ body, principal }) => ok(await updateCsatSettings(body, actorOf(principal, SYSTEM_ACTOR))));
