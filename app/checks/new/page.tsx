import type { Metadata } from "next";
import { CreateCheckForm } from "@/components/profiles/create-check-form";
import { Forbidden } from "@/components/ui/forbidden";
import { getDb } from "@/db/client";
import { listProjects } from "@/db/queries/projects";
import { requirePageUser } from "@/lib/server/page-auth";
import { userProjects } from "@/lib/server/project-auth";

export const metadata: Metadata = { title: "New checklist audit" };

/** Create a checklist audit (issue 13): production readiness, ADR quality gate or rollout expansion gate. Operators only. */
export default async function NewCheckPage() {
  const user = await requirePageUser("/checks/new");
  if (!user.roles.includes("operator")) return <Forbidden role="operator" />;
  const mine = userProjects(user, ["operator"]);
  const projects = mine === "all" ? (await listProjects(getDb())).map((p) => p.name) : mine;
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">New checklist audit</h1>
      <p className="text-sm text-slate-600">Choose the kind of audit, its project and date; each ends in a verdict that gates a release and is signed off by an approver.</p>
      <CreateCheckForm today={new Date().toISOString().slice(0, 10)} projects={projects} canStartProject={mine === "all"} />
    </div>
  );
}
