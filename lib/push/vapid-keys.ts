import "server-only";
import webpush from "web-push";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";
import { LOCAL_FALLBACK_SUBJECT } from "@/lib/push/push-config";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

const SETTING_KEY = "web_push_vapid";
let cached: VapidKeys | undefined;

/**
 * The VAPID key pair that signs Web Push requests: VAPID_PUBLIC_KEY/VAPID_PRIVATE_KEY when set, otherwise one pair
 * generated on first use and kept in the settings table. The insert does nothing if another instance won the race, and
 * the row read back is the one everybody uses, so subscriptions made through any instance stay valid on all of them.
 */
export async function vapidKeys(): Promise<VapidKeys> {
  if (cached) return cached;
  const e = env();
  const subject = e.VAPID_SUBJECT ?? (e.ADMIN_EMAIL ? `mailto:${e.ADMIN_EMAIL}` : LOCAL_FALLBACK_SUBJECT);
  if (e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY) {
    cached = { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY, subject };
    return cached;
  }
  const generated = webpush.generateVAPIDKeys();
  await prisma.$executeRaw`
    INSERT INTO settings (key, value, updated_at) VALUES (${SETTING_KEY}, ${JSON.stringify(generated)}::jsonb, now())
    ON CONFLICT (key) DO NOTHING`;
  const row = await prisma.setting.findUniqueOrThrow({ where: { key: SETTING_KEY } });
  const stored = row.value as { publicKey: string; privateKey: string };
  cached = { publicKey: stored.publicKey, privateKey: stored.privateKey, subject };
  return cached;
}
