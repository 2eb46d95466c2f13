"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "use-intl";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { LocaleSwitcher } from "@/components/i18n/locale-switcher";

const NAV = [
  { href: "/admin", key: "overview", exact: true },
  { href: "/admin/tickets", key: "tickets" },
  { href: "/admin/contacts", key: "contacts" },
  { href: "/admin/operators", key: "operators" },
  { href: "/admin/teams", key: "teams" },
  { href: "/admin/rules", key: "rules" },
  { href: "/admin/canned", key: "canned" },
  { href: "/admin/knowledge", key: "knowledge" },
  { href: "/admin/sites", key: "sites" },
  { href: "/admin/api-keys", key: "apiKeys" },
  { href: "/admin/webhooks", key: "webhooks" },
  { href: "/admin/audit", key: "audit" },
  { href: "/admin/outbox", key: "outbox" },
  { href: "/admin/export", key: "export" },
] as const;

/** The admin panel's frame: a skip link, the section navigation (current page marked), the account bar. */
export function AdminShell({ operatorName, children }: { operatorName: string; children: React.ReactNode }) {
  const t = useTranslations("admin");
  const pathname = usePathname();
  const current = (item: (typeof NAV)[number]) => ("exact" in item ? pathname === item.href : pathname.startsWith(item.href));
  return (
    <div className="min-h-screen bg-slate-50">
      <a href="#admin-main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        {t("skipToContent")}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3 sm:px-6">
          <div className="flex items-center gap-3">
            <Link href="/admin" className="text-lg font-semibold text-slate-900">
              Sportello <span className="font-normal text-slate-500">· {t("title")}</span>
            </Link>
          </div>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span className="text-slate-600">{t("signedInAs", { name: operatorName })}</span>
            <Link href="/operator" className="font-medium text-brand-700 hover:underline">
              {t("nav.operatorDashboard")}
            </Link>
            <LocaleSwitcher />
            <SignOutButton />
          </div>
        </div>
      </header>
      <div className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 sm:px-6 lg:flex-row">
        <nav aria-label={t("nav.label")} className="lg:w-52 lg:shrink-0">
          <ul className="flex gap-1 overflow-x-auto lg:flex-col">
            {NAV.map((item) => {
              const active = current(item);
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={active ? "page" : undefined}
                    className={`block whitespace-nowrap rounded-lg px-3 py-2 text-sm font-medium ${
                      active ? "bg-brand-600 text-white" : "text-slate-700 hover:bg-slate-200/70"
                    }`}
                  >
                    {t(`nav.${item.key}`)}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <main id="admin-main" tabIndex={-1} className="min-w-0 flex-1 focus:outline-none">
          {children}
        </main>
      </div>
    </div>
  );
}
