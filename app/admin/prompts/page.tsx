import type { Metadata } from "next";
import { TemplateForm } from "@/components/external-audit/template-form";
import { Forbidden } from "@/components/ui/forbidden";
import { Panel } from "@/components/ui/panel";
import { getDb } from "@/db/client";
import { currentTemplates, listTemplateVersions } from "@/db/queries/external-audit";
import { PLACEHOLDERS, TEMPLATE_ROLES } from "@/lib/external-audit/types";
import { formatUtcMinute } from "@/lib/format-time";
import { requirePageUser } from "@/lib/server/page-auth";

export const metadata: Metadata = { title: "Prompt templates" };

/**
 * Admin: the external-audit prompt templates (issue 12 "Admins can edit the templates"). Each save
 * is a new version; every resolved prompt records the version it came from. Shows the template in
 * force per role and its version history.
 */
export default async function PromptTemplatesPage() {
  const user = await requirePageUser("/admin/prompts");
  if (!user.roles.includes("admin")) return <Forbidden role="admin" />;
  const db = getDb();
  const [current, versions] = await Promise.all([currentTemplates(db), listTemplateVersions(db)]);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Prompt templates</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          The external audit resolves these into the auditor and calibrator prompts. Placeholders:{" "}
          {PLACEHOLDERS.map((p, i) => (
            <span key={p}>
              {i > 0 && ", "}
              <code className="font-mono text-xs">{`{{${p}}}`}</code>
            </span>
          ))}
          ; unknown ones stay as written. Saving stores a new version; prompts already prepared keep theirs.
        </p>
      </div>
      {TEMPLATE_ROLES.map((role) => {
        const history = versions.filter((v) => v.role === role);
        return (
          <Panel key={role} title={role} id={`template-${role}-panel`}>
            <TemplateForm role={role} body={current[role].body} version={current[role].version} />
            <details className="text-sm" data-testid={`template-history-${role}`}>
              <summary className="cursor-pointer text-indigo-700">Version history ({history.length})</summary>
              {history.length === 0 ? (
                <p className="mt-2 text-slate-600">Nothing saved yet: the shipped default is in force and becomes version 1 on first use.</p>
              ) : (
                <ol className="mt-2 space-y-2">
                  {history.map((v) => (
                    <li key={v.id} className="rounded-md border border-slate-200 p-2">
                      <div className="text-xs text-slate-600">
                        <span className="font-medium text-slate-900">Version {v.version}</span> · {formatUtcMinute(v.createdAt)} · {v.author ?? "shipped default"}
                      </div>
                      <details>
                        <summary className="cursor-pointer text-xs text-slate-600">Show the text</summary>
                        <pre className="mt-1 max-h-72 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 font-mono text-xs">{v.body}</pre>
                      </details>
                    </li>
                  ))}
                </ol>
              )}
            </details>
          </Panel>
        );
      })}
    </div>
  );
}
