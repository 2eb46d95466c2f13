// POST /api/admin/embed-sites/verify – check an identity token as request-operator would, and say why it fails (admin)
import { ok, route } from "@/lib/route/handler";
import { postAdminEmbedSitesVerify } from "@/lib/openapi/embed/embed-endpoints";
import type { IdentityVerificationView } from "@/lib/embed/embed-site-schemas";
import { verifyIdentityToken } from "@/lib/embed/verify-identity-token";

export const POST = route(postAdminEmbedSitesVerify, async ({ body }) => {
  const result = await verifyIdentityToken(body.token, { origin: body.origin ?? null });
  const view: IdentityVerificationView = result.verified
    ? { verified: true, email: result.email, ...(result.name ? { name: result.name } : {}), site_id: result.siteId }
    : result;
  return ok(view, 200, { "Cache-Control": "no-store" });
});
