// GET /api/admin/contacts/{id}/export – everything held about one person, as a JSON download (admin, audited)
import { NextResponse } from "next/server";
import { route } from "@/lib/route/handler";
import { getAdminContactsIdExport } from "@/lib/openapi/privacy/privacy-endpoints";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { actorOf } from "@/lib/auth/principal";
import { exportContact } from "@/lib/privacy/export-contact";

export const GET = route(getAdminContactsIdExport, async ({ params, principal }) => {
  const document = await exportContact(params.id, actorOf(principal, SYSTEM_ACTOR));
  return NextResponse.json(document, {
    headers: {
      "Content-Disposition": `attachment; filename="contact-${document.contact_id}.json"`,
      "Cache-Control": "no-store",
    },
  });
});
