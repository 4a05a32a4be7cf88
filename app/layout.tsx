import type { Metadata } from "next";
import Link from "next/link";
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
                  <Link href="/" className="text-sm text-slate-300 hover:text-white">
                    Audits
                  </Link>
                  {user.roles.some((r) => r === "approver" || r === "security") && (
                    <Link href="/approvals" className="text-sm text-slate-300 hover:text-white">
                      Waiting for me
                    </Link>
                  )}
                  {user.roles.some((r) => r === "security" || r === "admin") && (
                    <Link href="/security" className="text-sm text-slate-300 hover:text-white">
                      Availability
                    </Link>
                  )}
                  {user.roles.some((r) => r === "admin" || r === "security") && (
                    <Link href="/admin/events" className="text-sm text-slate-300 hover:text-white">
                      Event log
                    </Link>
                  )}
                  {user.roles.includes("admin") && (
                    <Link href="/admin/users" className="text-sm text-slate-300 hover:text-white">
                      Users
                    </Link>
                  )}
                  {user.roles.includes("admin") && (
                    <Link href="/admin/tokens" className="text-sm text-slate-300 hover:text-white">
                      API tokens
                    </Link>
                  )}
                  <span className="ml-auto text-sm text-slate-300" data-testid="current-user">
                    {user.name} <span className="text-slate-400">({user.roles.join(", ")})</span>
                  </span>
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
