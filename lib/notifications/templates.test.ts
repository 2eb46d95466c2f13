import { describe, expect, it } from "vitest";
import { renderEmail } from "@/lib/email/render-email";
import { renderWhatsapp, templateVariable } from "@/lib/whatsapp/render-whatsapp";
import { DeliveryError } from "@/lib/net/delivery-error";

const ticketPayload = {
  ticket_id: "t1",
  ticket_number: 1042,
  question: 'Il mio <script>alert("x")</script> account & "password"',
  priority: "high",
  sla_hours: 24,
  ticket_url: "https://desk.example.com/ticket/abc",
  customer_email: "mario@example.com",
  customer_phone: "+393331234567",
  reason: "no_operators",
};

describe("email templates", () => {
  it("tells the customer the ticket number and the 24-hour promise, in Italian", () => {
    const email = renderEmail("ticket_created_customer", ticketPayload, "it");
    expect(email.subject).toBe("Ticket #1042 ricevuto: ti risponderemo entro 24 ore");
    expect(email.text).toContain("La tua richiesta è il ticket #1042.");
    expect(email.text).toContain("Ti risponderemo entro 24 ore, via email o WhatsApp.");
    expect(email.text).toContain("Segui il ticket: https://desk.example.com/ticket/abc");
    expect(email.text).toContain('> Il mio <script>alert("x")</script> account & "password"');
    expect(email.html).toContain("Il mio &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; account &amp; &quot;password&quot;");
    expect(email.html).not.toContain("<script>");
    expect(email.html).toContain('<html lang="it">');
  });

  it("speaks English when the notification's locale is English", () => {
    const email = renderEmail("ticket_created_customer", { ...ticketPayload, sla_hours: 1 }, "en");
    expect(email.subject).toBe("Ticket #1042 received: we will answer within 1 hour");
    expect(email.text).toContain("We will answer within 1 hour, by email or WhatsApp.");
  });

  it("gives the admin the customer, the priority and why it became a ticket", () => {
    const email = renderEmail("ticket_created_admin", ticketPayload, "it");
    expect(email.subject).toBe("[Sportello] Nuovo ticket #1042 (priorità alta)");
    expect(email.text).toContain("Email del cliente: mario@example.com");
    expect(email.text).toContain("Perché un ticket: nessun operatore online");
  });

  it("covers the operator's reply, the transcript and the set-password link", () => {
    const reply = renderEmail("ticket_reply", { ticket_number: 7, body: "Fatto!\nCiao", operator_name: "Giulia", ticket_url: "https://x/t" }, "it");
    expect(reply.subject).toBe("Risposta al tuo ticket #7");
    expect(reply.html).toContain("Fatto!<br>Ciao");
    const transcript = renderEmail(
      "transcript",
      { messages: [{ sender: "customer", body: "aiuto", created_at: "2026-03-10T10:00:00Z" }, { sender: "operator", operator_name: "Giulia", body: "eccomi" }] },
      "en",
    );
    expect(transcript.text).toContain("You: aiuto");
    expect(transcript.text).toContain("Giulia: eccomi");
    // Times in the desk's time zone, which the producer writes into the payload (UTC for rows without one).
    expect(transcript.text).toContain("10:00");
    const newYork = renderEmail("transcript", { time_zone: "America/New_York", messages: [{ sender: "customer", body: "aiuto", created_at: "2026-03-10T10:00:00Z" }] }, "en");
    expect(newYork.text).toContain("06:00");
    const link = renderEmail("auth_link", { name: "Anna", url: "https://desk.example.com/set-password?token=t" }, "it");
    expect(link.subject).toBe("Imposta la tua password di Sportello");
    expect(link.html).toContain('href="https://desk.example.com/set-password?token=t"');
  });

  it("refuses, for good, a payload without the fields the template needs", () => {
    expect(() => renderEmail("ticket_reply", { ticket_number: 7 }, "it")).toThrow(DeliveryError);
    try {
      renderEmail("nonexistent_kind", {}, "it");
    } catch (error) {
      expect(error).toMatchObject({ retryable: false, code: "unknown_kind" });
    }
  });
});

describe("WhatsApp templates", () => {
  it("answers with the guide's words and offers the same news as a template", () => {
    const created = renderWhatsapp("ticket_created_customer", ticketPayload, "it");
    expect(created.body).toBe("Ho creato il ticket #1042. Riceverai risposta via email/WhatsApp entro 24h.\nhttps://desk.example.com/ticket/abc");
    expect(created.template).toEqual({
      name: "ticket_update",
      variables: { "1": "#1042", "2": "Ho creato il ticket #1042. Riceverai risposta via email/WhatsApp entro 24h. https://desk.example.com/ticket/abc" },
    });
    expect(renderWhatsapp("queue_position", { position: 3, estimated_wait: 12 }, "it").body).toBe("Sei in posizione 3 nella coda. Tempo stimato: 12 minuti.");
    expect(renderWhatsapp("session_message", { body: "Ciao!", operator_name: "Giulia" }, "it").body).toBe("*Giulia*: Ciao!");
  });

  it("alerts the admin through the admin template", () => {
    const alert = renderWhatsapp("urgent_escalation_admin", { question: "Il sito è giù", user_id: "u1", outcome: "queued" }, "it");
    expect(alert.template.name).toBe("admin_alert");
    expect(alert.template.variables["1"]).toBe("Richiesta urgente, in coda");
    expect(alert.body).toBe("Richiesta urgente, in coda\nIl sito è giù\nu1");
  });

  it("keeps template variables on one line and within WhatsApp's limits", () => {
    expect(templateVariable("a\n\nb\tc     d")).toBe("a b c d");
    expect(templateVariable("x".repeat(2000))).toHaveLength(700);
    expect(templateVariable("   ")).toBe("-");
    expect(renderWhatsapp("session_message", { body: "y".repeat(5000) }, "it").body).toHaveLength(1600);
  });
});

describe("admin alerts from the escalation rules", () => {
  it("name the operators who let a chat go, from the rule's payload", () => {
    const payload = { session_id: "s1", missed_assignments: 2, operators: ["Giulia", "Marco"], unanswered_seconds: 60, reassigned_to: null, priority: "high", question: "Aiuto" };
    expect(renderEmail("missed_assignment_admin", payload, "it").text).toContain("Lasciata da: Giulia, Marco\nVolte: 2\nSecondi senza risposta: 60\nOra a: di nuovo in coda\nPriorità: alta");
    expect(renderWhatsapp("missed_assignment_admin", payload, "it").body).toBe("Una chat non è stata presa in carico\nLasciata da: Giulia, Marco\nAiuto");
  });
});
