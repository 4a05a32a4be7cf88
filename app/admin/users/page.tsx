import type { Metadata } from "next";
import Link from "next/link";
import { ActiveForm, AddUserForm, ResetPasswordForm, RolesForm } from "@/components/admin/users-admin";
import { Badge } from "@/components/ui/badges";
import { Forbidden } from "@/components/ui/forbidden";
import { listProjects } from "@/db/queries/projects";
import { listUsers } from "@/db/queries/users";
import { ROLE_DESCRIPTIONS, ROLES } from "@/lib/roles";
import { requirePageUser } from "@/lib/server/page-auth";
import { getDb } from "@/db/client";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const user = await requirePageUser("/admin/users");
  if (!user.roles.includes("admin")) return <Forbidden role="admin" />;
  const now = new Date();
  const [users, projects] = await Promise.all([listUsers(getDb()), listProjects(getDb())]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Users and roles</h1>
      <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 className="mb-3 text-base font-semibold">Add a user</h2>
        <AddUserForm projects={projects.map((p) => ({ id: p.id, name: p.name }))} />
      </section>
      <section className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="users">
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-3">User</th>
              <th scope="col" className="px-4 py-3">Roles in every project</th>
              <th scope="col" className="px-4 py-3">Access</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {users.map((u) => {
              const locked = Boolean(u.lockedUntil && u.lockedUntil > now);
              const row = { id: u.id, email: u.email, name: u.name, roles: u.roles, locked, deactivated: u.deactivatedAt !== null };
              return (
                <tr key={u.id}>
                  <td className="px-4 py-3">
                    <div className="font-medium">{u.name}</div>
                    <div className="text-xs text-slate-500">{u.email}</div>
                    <div className="mt-1 flex flex-wrap gap-1">
                      {row.deactivated && <Badge tone="slate">deactivated</Badge>}
                      {row.locked && <Badge tone="red">locked after failed sign-ins</Badge>}
                    </div>
                  </td>
                  <td className="px-4 py-3">
                    <RolesForm user={row} />
                  </td>
                  <td className="space-y-2 px-4 py-3">
                    {u.id !== user.id ? (
                      <>
                        <ActiveForm user={row} />
                        <ResetPasswordForm user={row} />
                      </>
                    ) : (
                      <Link href="/account" className="text-xs text-indigo-700 underline">
                        Change your password
                      </Link>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <section className="text-sm text-slate-600">
        <h2 className="mb-1 font-semibold text-slate-800">What roles allow</h2>
        <ul className="list-inside list-disc">
          {ROLES.map((r) => (
            <li key={r}>
              <strong>{r}</strong>: {ROLE_DESCRIPTIONS[r]}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
