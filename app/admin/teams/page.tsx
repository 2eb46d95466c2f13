import { adminPage, adminPageMetadata } from "@/components/admin/admin-page";
import { TeamsManager } from "@/components/admin/teams-manager";

export const generateMetadata = adminPageMetadata("teams");

export default async function AdminTeamsPage() {
  const { header } = await adminPage("teams", "/admin/teams");
  return (
    <>
      {header()}
      <TeamsManager />
    </>
  );
}
