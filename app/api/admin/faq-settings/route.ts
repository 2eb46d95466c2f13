// GET /api/admin/faq-settings – the FAQ bot's switch and confidence thresholds; PUT – replace them (admin, audited)
import { ok, route } from "@/lib/route/handler";
import { getAdminFaqSettings, putAdminFaqSettings } from "@/lib/openapi/faq/faq-endpoints";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { getFaqSettings } from "@/lib/faq/faq-settings";
import { updateFaqSettings } from "@/lib/faq/update-faq-settings";

export const GET = route(getAdminFaqSettings, async () => ok(await getFaqSettings()));

export const PUT = route(putAdminFaqSettings, async ({ body, principal }) => ok(await updateFaqSettings(body, actorOf(principal, SYSTEM_ACTOR))));
