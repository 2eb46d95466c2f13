import { describe, expect, it } from "vitest";
import { getOperatorFromRequest } from "@/lib/auth/operator-session";
import { updateOperator } from "@/lib/operators/update-operator";
import { signInOperator } from "@/test/sign-in-operator";
import { createOperator } from "@/test/fixtures";

describe("operator sessions", () => {
  it("a signed-in operator is recognised from the cookie", async () => {
    const operator = await createOperator({ name: "Lia" });
    const cookie = await signInOperator(operator);
    expect(await getOperatorFromRequest(new Headers({ cookie }))).toMatchObject({ kind: "operator", operatorId: operator.id, name: "Lia" });
  });

  it("deactivation ends existing sessions and refuses new sign-ins", async () => {
    const operator = await createOperator();
    const cookie = await signInOperator(operator);
    await updateOperator(operator.id, { active: false }, { type: "system", id: null });
    expect(await getOperatorFromRequest(new Headers({ cookie }))).toBeNull();
    await expect(signInOperator(operator)).rejects.toThrow(/sign-in failed: 403/);
  });
});
