import { adminPage, adminPageMetadata } from "@/components/admin/admin-page";
import { OutboxView } from "@/components/admin/outbox-view";

export const generateMetadata = adminPageMetadata("admin.outbox");

export default async function AdminOutboxPage() {
  const { header } = await adminPage("admin.outbox", "/admin/outbox");
  return (
    <>
      {header()}
      <OutboxView />
    </>
  );
}
