import type { Metadata } from "next";
import Link from "next/link";
import { NavLink } from "@/components/ui/nav-link";
import { SignOutButton } from "@/components/ui/sign-out-button";
import { getCurrentUser } from "@/lib/server/auth";
import "./globals.css";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: { default: "Countersign", template: "%s · Countersign" },
  description: "Prove that a production change did what it claimed.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser().catch(() => null);
  return (
    <html lang="en">
      <body className="min-h-screen">
        <Providers>
          <header className="bg-slate-900 text-white">
            <nav className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3" aria-label="Main">
              <Link href="/" className="text-lg font-semibold tracking-tight">
                Countersign
              </Link>
              {user && (
                <>
                  <NavLink href="/">Audits</NavLink>
                  {user.roles.some((r) => r === "approver" || r === "security") && (
                    <NavLink href="/approvals">Waiting for me</NavLink>
                  )}
                  {user.roles.some((r) => r === "security" || r === "admin") && (
                    <NavLink href="/security">Availability</NavLink>
                  )}
                  {user.roles.some((r) => r === "admin" || r === "security") && (
                    <NavLink href="/admin/events">Event log</NavLink>
                  )}
                  {user.roles.includes("admin") && (
                    <NavLink href="/admin/users">Users</NavLink>
                  )}
                  {user.roles.includes("admin") && (
                    <NavLink href="/admin/projects">Projects</NavLink>
                  )}
                  {user.roles.includes("admin") && (
                    <NavLink href="/admin/tokens">API tokens</NavLink>
                  )}
                  {user.roles.includes("admin") && <NavLink href="/admin/prompts">Prompts</NavLink>}
                  {user.roles.includes("admin") && <NavLink href="/admin/adr-template">ADR template</NavLink>}
                  <span className="ml-auto text-sm text-slate-300" data-testid="current-user">
                    {user.name} <span className="text-slate-400">({user.roles.join(", ")})</span>
                  </span>
                  <NavLink href="/account">Account</NavLink>
                  <SignOutButton />
                </>
              )}
            </nav>
          </header>
          <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
