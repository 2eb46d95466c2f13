import { adminPage, adminPageMetadata } from "@/components/admin/admin-page";
import { EmbedSitesManager } from "@/components/admin-sites/embed-sites-manager";
import { allowedOrigins, appUrl } from "@/lib/env";

export const generateMetadata = adminPageMetadata("embed.sites");

// /admin/sites – the sites that embed the chat button and sign their visitors' identities
export default async function AdminEmbedSitesPage() {
  const { header } = await adminPage("embed.sites", "/admin/sites");
  return (
    <>
      {header()}
      <EmbedSitesManager allowedOrigins={allowedOrigins()} appUrl={appUrl()} />
    </>
  );
}
