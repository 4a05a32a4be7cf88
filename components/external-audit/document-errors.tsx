import type { DocumentError } from "@/lib/external-audit/types";

/** The problems of a pasted output, each with its JSON path (issue 12: "errors name the JSON path and the problem in plain words"). */
export function DocumentErrors({ errors, testId = "document-errors" }: { errors: readonly DocumentError[]; testId?: string }) {
  if (errors.length === 0) return null;
  return (
    <ul className="space-y-1 rounded-md bg-red-50 p-3 text-sm text-red-900" data-testid={testId}>
      {errors.map((e, i) => {
        // Messages start with their path (lib/external-audit/types.ts DocumentError): show it as code.
        const rest = e.path !== "" && e.message.startsWith(e.path) ? e.message.slice(e.path.length) : null;
        return (
          <li key={i} className="break-words" data-path={e.path}>
            {rest === null ? (
              e.message
            ) : (
              <>
                <code className="rounded bg-red-100 px-1 font-mono text-xs">{e.path}</code>
                {rest}
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
