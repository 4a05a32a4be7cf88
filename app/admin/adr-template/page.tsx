import type { Metadata } from "next";
import { AdrTemplateForm } from "@/components/profiles/adr-template-form";
import { Forbidden } from "@/components/ui/forbidden";
import { Panel } from "@/components/ui/panel";
import { formatUtcMinute } from "@/lib/format-time";
import { loadAdrTemplate } from "@/lib/server/adr-template";
import { requirePageUser } from "@/lib/server/page-auth";

export const metadata: Metadata = { title: "ADR template" };

/**
 * Admin: the default ADR template (issue 13 "the template is data the admin can edit"): the
 * required `##` sections the structural check STRUCT-SEC001/002 looks for. New ADR audits copy it
 * into their config; audits already created keep theirs.
 */
export default async function AdrTemplatePage() {
  const user = await requirePageUser("/admin/adr-template");
  if (!user.roles.includes("admin")) return <Forbidden role="admin" />;
  const template = loadAdrTemplate();
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">ADR template</h1>
        <p className="max-w-3xl text-sm text-slate-600">
          The required <code className="font-mono text-xs">##</code> sections of an ADR. Each must be present and non-empty (headings match without numbering, emphasis or case). New ADR audits copy this list; audits already created keep theirs. The Decision section is checked by the single-decision rule.
        </p>
      </div>
      <Panel title={`Required sections (version ${template.version}${template.version === 0 ? ", shipped default" : ""})`} id="adr-template-panel">
        {template.savedAt && <p className="text-xs text-slate-600">Saved {formatUtcMinute(template.savedAt)}</p>}
        <AdrTemplateForm sections={template.requiredSections} />
      </Panel>
    </div>
  );
}
