import { adminPage, adminPageMetadata } from "@/components/admin/admin-page";
import { RulesEditor } from "@/components/admin/rules-editor";
import { getEscalationRules } from "@/lib/rules/escalation-rules";

export const generateMetadata = adminPageMetadata("admin.rules");

export default async function AdminRulesPage() {
  const { header } = await adminPage("admin.rules", "/admin/rules");
  return (
    <>
      {header()}
      <RulesEditor initial={await getEscalationRules()} />
    </>
  );
}
