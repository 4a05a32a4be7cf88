import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { LoginForm } from "@/components/auth/login-form";
import { getCurrentUser } from "@/lib/server/auth";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  if (await getCurrentUser()) redirect("/");
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
