import { afterAll, describe, expect, it } from "vitest";
import { TwilioDouble, twilioSid } from "@/test/doubles/twilio-double";
import { setEnv } from "@/test/env";

const ACCOUNT_SID = `AC${"4".repeat(32)}`;
const twilioApi = await TwilioDouble.start(ACCOUNT_SID, "media-token");
setEnv({
  TWILIO_ACCOUNT_SID: ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: "media-token",
  TWILIO_WHATSAPP_NUMBER: "whatsapp:+14155238886",
  TWILIO_API_BASE_URL: twilioApi.url,
  WHATSAPP_MEDIA_MAX_BYTES: "1000",
});
const { fetchWhatsappMedia, twilioMediaUrl } = await import("@/lib/whatsapp/fetch-media");

afterAll(() => twilioApi.close());

describe("fetchWhatsappMedia", () => {
  it("fetches a media URL of the account from Twilio's API with credentials, then its CDN without them", async () => {
    const path = twilioApi.addMedia(twilioSid("MM"), "image/png", Buffer.from("png-bytes"));
    const media = await fetchWhatsappMedia(`https://api.twilio.com${path}`);
    expect(media).toEqual({ contentType: "image/png", bytes: Buffer.from("png-bytes") });
    const [api, cdn] = twilioApi.http.requests.slice(-2);
    expect(api.path).toBe(path);
    expect(api.headers.authorization).toMatch(/^Basic /);
    expect(cdn.path).toMatch(/^\/cdn\//);
    expect(cdn.headers.authorization).toBeUndefined();
  });

  it("refuses what exceeds the size cap", async () => {
    const path = twilioApi.addMedia(twilioSid("MM"), "video/mp4", Buffer.alloc(1001));
    await expect(fetchWhatsappMedia(`https://api.twilio.com${path}`)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });

  it.each([
    ["another host", `https://evil.example.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${twilioSid("MM")}/Media/${twilioSid("ME")}`],
    ["another account", `https://api.twilio.com/2010-04-01/Accounts/AC${"9".repeat(32)}/Messages/${twilioSid("MM")}/Media/${twilioSid("ME")}`],
    ["another resource", `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`],
    ["plain http", `http://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/${twilioSid("MM")}/Media/${twilioSid("ME")}`],
  ])("never sends the credentials to %s", async (_label, url) => {
    const before = twilioApi.http.requests.length;
    expect(twilioMediaUrl(url, ACCOUNT_SID)).toBeNull();
    await expect(fetchWhatsappMedia(url)).rejects.toMatchObject({ code: "VALIDATION_ERROR" });
    expect(twilioApi.http.requests.length).toBe(before);
  });
});
