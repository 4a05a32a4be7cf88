import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { LoginForm } from "@/components/auth/login-form";
import { safeRedirectPath } from "@/lib/safe-redirect";
import { getCurrentUser } from "@/lib/server/auth";
import { getSettings } from "@/lib/server/settings";

export const metadata: Metadata = { title: "Sign in" };

/** Sign-in; a signed-in visitor goes on to `callbackUrl` when it is a path on this origin (issue 10), else to "/". */
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  if (await getCurrentUser()) {
    const { callbackUrl } = await searchParams;
    redirect(safeRedirectPath(typeof callbackUrl === "string" ? callbackUrl : null, getSettings().baseUrl));
  }
  return (
    <div className="mx-auto mt-12 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-1 text-xl font-semibold">Sign in to Countersign</h1>
      <p className="mb-6 text-sm text-slate-600">Demo sign-ins are printed by <code className="font-mono">npm start</code>.</p>
      <Suspense>
        <LoginForm />
      </Suspense>
    </div>
  );
}
