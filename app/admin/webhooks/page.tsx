import { adminPage, adminPageMetadata } from "@/components/admin/admin-page";
import { WebhooksManager } from "@/components/admin/webhooks-manager";

export const generateMetadata = adminPageMetadata("admin.webhooks");

export default async function AdminWebhooksPage() {
  const { header } = await adminPage("admin.webhooks", "/admin/webhooks");
  return (
    <>
      {header()}
      <WebhooksManager />
    </>
  );
}
