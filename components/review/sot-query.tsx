import { fillSotQuery, SOT_PLACEHOLDERS } from "@/lib/sot-query";
import { CopyButton } from "./copy-button";

/** The audit's source-of-truth query with this unit's key filled in (lib/sot-query.ts) and a copy button (shortcut C). */
export function SotQuery({ query, unitKey }: { query: string; unitKey: string }) {
  const { text, filled } = fillSotQuery(query, unitKey);
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">Check against the source of truth</p>
        <CopyButton id="sot-copy" text={text} label="Copy query" />
      </div>
      <pre className="mt-1 whitespace-pre-wrap break-all rounded bg-slate-900 p-3 text-xs text-slate-100" data-testid="sot-query">
        {text}
      </pre>
      {!filled && (
        <p className="mt-1 text-xs text-slate-600">
          The query has no placeholder for the unit key ({SOT_PLACEHOLDERS.join(", ")}): look up <span className="font-mono">{unitKey}</span> yourself.
        </p>
      )}
    </div>
  );
}
