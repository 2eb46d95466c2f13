"use client";
import { useTranslations } from "use-intl";

/** What the site's developers paste: the button with a signed identity, and the server code that signs it. */
export function SigningSnippet({ appUrl }: { appUrl: string }) {
  const t = useTranslations("embed.snippet");
  const html = `<script src="${appUrl}/embed.js"
  data-email="<%= user.email %>"
  data-token="<%= sportelloToken %>"
  async></script>`;
  const node = `import { SignJWT } from "jose";

// SPORTELLO_EMBED_SECRET: the secret shown once when the site was registered, kept in your secret store.
const secret = new TextEncoder().encode(SPORTELLO_EMBED_SECRET);
const sportelloToken = await new SignJWT({ email: user.email, name: user.fullName })
  .setProtectedHeader({ alg: "HS256", typ: "JWT" })
  .setExpirationTime("1h")
  .sign(secret);`;
  return (
    <details className="rounded-lg bg-white p-3 ring-1 ring-amber-200">
      <summary className="cursor-pointer text-sm font-medium text-slate-800">{t("title")}</summary>
      <p className="mt-2 text-sm text-slate-700">{t("page")}</p>
      <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
        <code>{html}</code>
      </pre>
      <p className="mt-3 text-sm text-slate-700">{t("server")}</p>
      <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
        <code>{node}</code>
      </pre>
      <p className="mt-3 text-sm text-slate-700">{t("more")}</p>
    </details>
  );
}
