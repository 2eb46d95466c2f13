import { adminPage, adminPageMetadata } from "@/components/admin/admin-page";
import { CustomerExperiencePanel } from "@/components/admin/customer-experience-panel";
import { OverviewDashboard } from "@/components/admin/overview-dashboard";

export const generateMetadata = adminPageMetadata("admin.overview");

export default async function AdminOverviewPage() {
  const { header } = await adminPage("admin.overview", "/admin");
  return (
    <>
      {header()}
      <OverviewDashboard />
      <CustomerExperiencePanel />
    </>
  );
}
