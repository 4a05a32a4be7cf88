import type { Metadata } from "next";
import { CreateAuditForm } from "@/components/audits/create-audit-form";
import { Forbidden } from "@/components/ui/forbidden";
import { getDb } from "@/db/client";
import { listProjects } from "@/db/queries/projects";
import { requirePageUser } from "@/lib/server/page-auth";
import { userProjects } from "@/lib/server/project-auth";

export const metadata: Metadata = { title: "New audit" };

export default async function NewAuditPage() {
  const user = await requirePageUser("/audits/new");
  if (!user.roles.includes("operator")) return <Forbidden role="operator" />;
  const mine = userProjects(user, ["operator"]);
  const projects = mine === "all" ? (await listProjects(getDb())).map((p) => p.name) : mine;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">New audit</h1>
      <p className="text-sm text-slate-600">Describe the change to verify and the rules the audit runs under (seed 000 &ldquo;Required Manual Placeholders&rdquo;).</p>
      <CreateAuditForm today={new Date().toISOString().slice(0, 10)} projects={projects} canStartProject={mine === "all"} />
    </div>
  );
}
