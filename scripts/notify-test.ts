// npm run notify:test -- --email <address> --whatsapp <E.164> [--template]
// Sends one test email (Resend) and one test WhatsApp message (Twilio) through the configured providers, as the
// integration guide's test scripts do, and prints the provider's message id or its exact error.
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { parseEnv } from "@/lib/env";

const { values } = parseArgs({
  options: { email: { type: "string" }, whatsapp: { type: "string" }, template: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } },
});
if (values.help || (!values.email && !values.whatsapp)) {
  console.log("usage: npm run notify:test -- --email <address> --whatsapp <+E.164> [--template]");
  console.log("  --template  send the WhatsApp test as the TWILIO_TEMPLATE_TICKET_UPDATE_SID template (outside the 24-hour window)");
  process.exit(values.help ? 0 : 2);
}
parseEnv(process.env); // a bad variable fails here, by name

const { emailConfig, sendEmail } = await import("@/lib/email/send-email");
const { escapeHtml } = await import("@/lib/email/render-email");
const { sendWhatsapp, templateSid } = await import("@/lib/whatsapp/send-whatsapp");
const { twilioConfig } = await import("@/lib/whatsapp/twilio-client");

let failures = 0;
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

if (values.email) {
  const config = emailConfig();
  if (!config) {
    console.log("email: not configured (set RESEND_API_KEY and FROM_EMAIL); notifications go to the local outbox");
    failures++;
  } else {
    const text = "Email funzionante! Sportello can send email through Resend.";
    try {
      const { id } = await sendEmail(
        config,
        { to: values.email, idempotencyKey: `notify-test-${randomUUID()}`, email: { subject: "Test Email Sistema Ticket", text, html: `<h1>${escapeHtml(text)}</h1>` } },
        { sharedRateLimit: false },
      );
      console.log(`email: sent from ${config.from} to ${values.email}, Resend id ${id}`);
    } catch (error) {
      console.log(`email: FAILED to ${values.email}: ${describe(error)}`);
      failures++;
    }
  }
}

if (values.whatsapp) {
  const config = twilioConfig();
  if (!config) {
    console.log("whatsapp: not configured (set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_WHATSAPP_NUMBER); notifications go to the local outbox");
    failures++;
  } else if (values.template && !templateSid("ticket_update")) {
    console.log("whatsapp: --template needs TWILIO_TEMPLATE_TICKET_UPDATE_SID");
    failures++;
  } else {
    const body = "🧪 Test WhatsApp - Sistema funzionante!";
    try {
      const sent = await sendWhatsapp(config, {
        to: values.whatsapp,
        rendered: { body, template: { name: "ticket_update", variables: { "1": "test", "2": body } } },
        // Free text unless --template: Sportello's window bookkeeping is in the database, which this check does not need.
        lastInboundAt: values.template ? null : new Date(),
      });
      console.log(`whatsapp: accepted by Twilio from ${config.from} to ${values.whatsapp} (${sent.mode}), sid ${sent.sid}, status ${sent.status}`);
      if (sent.mode === "freeform") {
        console.log("  note: free text reaches only numbers that wrote to yours in the last 24 hours; otherwise Twilio fails it with 63016 (try --template)");
      }
    } catch (error) {
      console.log(`whatsapp: FAILED to ${values.whatsapp}: ${describe(error)}`);
      failures++;
    }
  }
}

process.exit(failures ? 1 : 0);
