import type { ExternalAuditDocument } from "@/db/queries/external-audit";
import { formatUtcMinute } from "@/lib/format-time";
import type { TemplateRole } from "@/lib/external-audit/types";
import { CopyButton } from "./copy-button";

/**
 * A resolved prompt (issue 12 step 1): where it is kept (what `prompt_used` must cite), its version,
 * SHA-256 and template version, a copy button, a download link, and the text.
 */
export function PromptView({ slug, templateRole, doc, templateVersion }: { slug: string; templateRole: TemplateRole; doc: ExternalAuditDocument; templateVersion: number | null }) {
  return (
    <div className="space-y-2 rounded-md border border-slate-200 p-3" data-testid={`prompt-${templateRole}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <div className="font-medium">{templateRole}</div>
          <code className="break-all font-mono text-xs text-slate-600" data-testid={`prompt-${templateRole}-path`}>
            {doc.path}
          </code>
        </div>
        <div className="flex flex-wrap gap-2">
          <CopyButton text={doc.body} label="Copy prompt" testId={`copy-${templateRole}`} />
          <a href={`/api/audits/${slug}/external-audit/prompts/${templateRole}?version=${doc.version}`} download className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
            Download .md
          </a>
        </div>
      </div>
      <p className="text-xs text-slate-500">
        Version {doc.version} · template version {templateVersion ?? "?"} · {formatUtcMinute(doc.createdAt)} · SHA-256 <span className="break-all font-mono">{doc.sha256}</span>
      </p>
      <details>
        <summary className="cursor-pointer text-sm text-indigo-700">Show the prompt ({doc.body.length.toLocaleString("en-US")} characters)</summary>
        <pre className="mt-2 max-h-96 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 font-mono text-xs">{doc.body}</pre>
      </details>
    </div>
  );
}
