import "server-only";
import type { OperatorPrincipal } from "@/lib/auth/principal";
import type { PageOperator } from "@/lib/auth/require-operator-page";

/** The signed-in operator of a server-rendered page as the principal the services check permissions against. */
export function pagePrincipal(operator: PageOperator): OperatorPrincipal {
  return { kind: "operator", operatorId: operator.id, role: operator.role, name: operator.name };
}
