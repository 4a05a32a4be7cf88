import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { requirePageUser } from "@/lib/server/page-auth";

export const metadata: Metadata = { title: "Account" };

/** The signed-in user's account: change their own password (issue 10). */
export default async function AccountPage() {
  const user = await requirePageUser("/account");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Your account</h1>
      <p className="text-sm text-slate-600">
        Signed in as <strong>{user.name}</strong> ({user.email}).
      </p>
      <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 className="mb-1 text-base font-semibold">Change password</h2>
        <p className="mb-4 text-sm text-slate-600">Changing your password signs you out everywhere else; this browser stays signed in.</p>
        <ChangePasswordForm />
      </section>
    </div>
  );
}
