// Issue 13 with teams (issue 12): satisfaction per team in the stats and the admin overview, and the overview
// narrowed to one team.
import { describe, expect, it } from "vitest";
import { GET as getCsat } from "@/app/api/admin/csat/route";
import { GET as chatStats } from "@/app/api/chat/stats/route";
import { prisma } from "@/lib/db/client";
import { adminHeaders, call } from "@/test/http";
import { createOperator } from "@/test/fixtures";
import { createContact, createConversation, createTicketWith } from "@/test/conversation-fixtures";

describe("CSAT per team", () => {
  it("counts each rating for the team of the chat or ticket it rates, and narrows the overview to one team", async () => {
    const billing = await prisma.team.create({ data: { name: "Fatturazione", slug: `billing-${Date.now()}` } });
    const anna = await createOperator({ name: "Anna Billing" });
    const bruno = await createOperator({ name: "Bruno Default" });
    const contact = await createContact({ name: "Rita Neri" });
    const billingChat = await createConversation({ contactId: contact.id, operatorId: anna.id, status: "closed", closedAt: new Date() });
    await prisma.chatSession.update({ where: { id: billingChat.id }, data: { teamId: billing.id } });
    const billingTicket = await createTicketWith({ contactId: contact.id, assigneeId: anna.id, question: "Fattura", status: "resolved" });
    await prisma.ticket.update({ where: { id: billingTicket.id }, data: { teamId: billing.id } });
    const defaultChat = await createConversation({ contactId: contact.id, operatorId: bruno.id, status: "closed", closedAt: new Date() });
    await prisma.conversationRating.createMany({
      data: [
        { sessionId: billingChat.id, operatorId: anna.id, score: 5 },
        { ticketId: billingTicket.id, operatorId: anna.id, score: 2 },
        { sessionId: defaultChat.id, operatorId: bruno.id, score: 4 },
      ],
    });

    const stats = (await call(chatStats, { headers: adminHeaders() })).json.data.csat;
    expect(stats.by_team).toEqual(
      expect.arrayContaining([
        { team_id: billing.id, name: "Fatturazione", responses: 2, average_score: 3.5, satisfied_ratio: 0.5 },
        expect.objectContaining({ team_id: "default", responses: 1, average_score: 4 }),
      ]),
    );

    const all = (await call(getCsat, { path: "/api/admin/csat", headers: adminHeaders() })).json.data;
    expect(all.team_id).toBeNull();
    expect(all.by_team.map((t: { team_id: string }) => t.team_id).sort()).toEqual([billing.id, "default"].sort());
    expect(all.by_operator.map((o: { name: string }) => o.name).sort()).toEqual(["Anna Billing", "Bruno Default"]);

    const narrowed = (await call(getCsat, { path: `/api/admin/csat?team=${billing.id}`, headers: adminHeaders() })).json.data;
    expect(narrowed.team_id).toBe(billing.id);
    expect(narrowed.by_operator).toEqual([{ operator_id: anna.id, name: "Anna Billing", responses: 2, average_score: 3.5, satisfied_ratio: 0.5 }]);
    expect(narrowed.by_week.reduce((sum: number, w: { responses: number }) => sum + w.responses, 0)).toBe(2);
    // by_team stays the whole desk's, so the filter can be changed.
    expect(narrowed.by_team).toHaveLength(2);
  });
});
