import { adminPage, adminPageMetadata } from "@/components/admin/admin-page";
import { ExportForm } from "@/components/admin/export-form";

export const generateMetadata = adminPageMetadata("admin.export");

export default async function AdminExportPage() {
  const { header } = await adminPage("admin.export", "/admin/export");
  const today = new Date();
  return (
    <>
      {header()}
      <ExportForm from={new Date(today.getTime() - 30 * 86_400_000).toISOString().slice(0, 10)} to={today.toISOString().slice(0, 10)} />
    </>
  );
}
