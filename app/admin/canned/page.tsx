import { adminPage, adminPageMetadata } from "@/components/admin/admin-page";
import { CannedResponsesManager } from "@/components/canned/canned-responses-manager";

export const generateMetadata = adminPageMetadata("canned");

export default async function AdminCannedPage() {
  const { header } = await adminPage("canned", "/admin/canned");
  return (
    <>
      {header()}
      <CannedResponsesManager admin />
    </>
  );
}
