import type { Metadata } from "next";
import { AddMemberForm, AddProjectForm, MemberRolesForm } from "@/components/admin/projects-admin";
import { Forbidden } from "@/components/ui/forbidden";
import { getDb } from "@/db/client";
import { listProjectMembers, listProjects } from "@/db/queries/projects";
import { listUsers } from "@/db/queries/users";
import { requirePageUser } from "@/lib/server/page-auth";

export const metadata: Metadata = { title: "Projects" };

/** Admin: projects and who holds which role in each (issue 10, "Access by project"). */
export default async function ProjectsPage() {
  const user = await requirePageUser("/admin/projects");
  if (!user.roles.includes("admin")) return <Forbidden role="admin" />;
  const db = getDb();
  const [projects, users] = await Promise.all([listProjects(db), listUsers(db)]);
  const members = await Promise.all(projects.map((p) => listProjectMembers(db, { projectId: p.id })));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Projects and members</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          A user sees and acts on the audits of the projects where they hold a role. Roles set on the <a href="/admin/users" className="text-indigo-700 underline">Users</a> page hold in every project; the roles below hold in one project only.
        </p>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 className="mb-3 text-base font-semibold">Add a project</h2>
        <AddProjectForm />
      </section>
      {projects.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <p className="font-medium">No projects yet.</p>
          <p className="mt-1 text-sm text-slate-600">Add one above, or create an audit: its project is created with it.</p>
        </div>
      ) : (
        projects.map((p, i) => (
          <section key={p.id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby={`project-${p.id}`} data-testid="project">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id={`project-${p.id}`} className="font-mono text-base font-semibold">
                {p.name}
              </h2>
              <p className="text-sm text-slate-600">
                {p.auditCount} audit{p.auditCount === 1 ? "" : "s"} · {p.memberCount} member{p.memberCount === 1 ? "" : "s"}
              </p>
            </div>
            {members[i].length === 0 ? (
              <p className="text-sm text-slate-600">No project members: only users with roles in every project see it.</p>
            ) : (
              <div className="relative overflow-x-auto" tabIndex={0}>
                <table className="min-w-full divide-y divide-slate-200 text-sm">
                  <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                    <tr>
                      <th scope="col" className="py-2 pr-4">Member</th>
                      <th scope="col" className="py-2">Roles in {p.name}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {members[i].map((m) => (
                      <tr key={m.userId}>
                        <td className="py-2 pr-4">
                          <div className="font-medium">{m.name}</div>
                          <div className="text-xs text-slate-600">{m.email}</div>
                        </td>
                        <td className="py-2">
                          <MemberRolesForm projectId={p.id} member={m} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <AddMemberForm
              projectId={p.id}
              projectName={p.name}
              candidates={users.filter((u) => !members[i].some((m) => m.userId === u.id)).map((u) => ({ id: u.id, label: `${u.name} (${u.email})` }))}
            />
          </section>
        ))
      )}
    </div>
  );
}
