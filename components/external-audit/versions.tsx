import type { ExternalAuditDocument } from "@/db/queries/external-audit";
import { Badge } from "@/components/ui/badges";
import { formatUtcMinute } from "@/lib/format-time";
import { DocumentErrors } from "./document-errors";

/** Status of a role's latest output: missing, valid or invalid, with the model it declares. */
export function OutputStatus({ doc }: { doc: ExternalAuditDocument | null }) {
  if (!doc) return <Badge>missing</Badge>;
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {doc.valid ? <Badge tone="green">valid</Badge> : <Badge tone="red">invalid</Badge>}
      <span className="text-sm text-slate-600">
        version {doc.version}
        {doc.modelFamily ? ` · ${doc.modelFamily}${doc.modelName ? ` / ${doc.modelName}` : ""}` : ""}
      </span>
    </span>
  );
}

/** Every stored version of one role's output, newest first; each readable with its errors (issue 12: earlier versions stay readable). */
export function VersionList({ docs, testId }: { docs: ExternalAuditDocument[]; testId: string }) {
  if (docs.length === 0) return null;
  return (
    <details className="text-sm" data-testid={testId}>
      <summary className="cursor-pointer text-indigo-700">All versions ({docs.length})</summary>
      <ol className="mt-2 space-y-2">
        {[...docs].reverse().map((d) => (
          <li key={d.id} className="rounded-md border border-slate-200 p-2">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-medium">Version {d.version}</span>
              {d.valid ? <Badge tone="green">valid</Badge> : <Badge tone="red">invalid</Badge>}
              <span className="text-xs text-slate-500">
                {formatUtcMinute(d.createdAt)} · SHA-256 <span className="font-mono">{d.sha256.slice(0, 16)}…</span>
              </span>
            </div>
            {!d.valid && d.errors && <DocumentErrors errors={d.errors} testId={`${testId}-v${d.version}-errors`} />}
            <details>
              <summary className="cursor-pointer text-xs text-slate-600">Show the text</summary>
              <pre className="mt-1 max-h-72 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 font-mono text-xs">{d.body}</pre>
            </details>
          </li>
        ))}
      </ol>
    </details>
  );
}
