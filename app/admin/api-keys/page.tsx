import { adminPage, adminPageMetadata } from "@/components/admin/admin-page";
import { ApiKeysManager } from "@/components/admin/api-keys-manager";

export const generateMetadata = adminPageMetadata("admin.apiKeys");

export default async function AdminApiKeysPage() {
  const { header } = await adminPage("admin.apiKeys", "/admin/api-keys");
  return (
    <>
      {header()}
      <ApiKeysManager />
    </>
  );
}
