import { adminPage, adminPageMetadata } from "@/components/admin/admin-page";
import { OperatorsManager } from "@/components/admin/operators-manager";

export const generateMetadata = adminPageMetadata("admin.operators");

export default async function AdminOperatorsPage() {
  const { me, header } = await adminPage("admin.operators", "/admin/operators");
  return (
    <>
      {header()}
      <OperatorsManager currentOperatorId={me.id} />
    </>
  );
}
