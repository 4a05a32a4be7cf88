"use client";

import { useEffect, useRef } from "react";

/**
 * The error summary at the top of a form after a failed submit (issue 11, "after a failed
 * create-audit submit the page stays at the bottom and the summary does not name the fields"):
 * focus and scroll move to it whenever a new result with field errors arrives; it names each
 * field with an error as a link that focuses that field (keyboard: Tab to a link, Enter).
 * @param errors field name → messages (ActionState.errors); nothing renders when empty.
 * @param labels field name → label; fields without a label show their name.
 * @param result the action result object: a new one (even with the same errors) moves focus again.
 */
export function ErrorSummary({ errors, labels, result }: { errors: Record<string, string[] | undefined>; labels: Record<string, string>; result: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors).filter((entry): entry is [string, string[]] => Boolean(entry[1]?.length));
  const hasErrors = entries.length > 0;
  useEffect(() => {
    if (!hasErrors || !ref.current) return;
    ref.current.focus();
    ref.current.scrollIntoView({ block: "start" });
  }, [result, hasErrors]);
  if (!hasErrors) return null;
  const focusField = (event: React.MouseEvent<HTMLAnchorElement>, field: string) => {
    const target = document.getElementById(field);
    if (!target) return; // fall back to the fragment link
    event.preventDefault();
    target.focus();
    target.scrollIntoView({ block: "center" });
  };
  return (
    <div ref={ref} tabIndex={-1} className="rounded-md border-2 border-red-700 bg-red-50 p-4 focus:outline-none focus:ring-2 focus:ring-red-700" data-testid="error-summary">
      <h2 id="error-summary-title" className="text-base font-semibold text-red-900">
        {entries.length === 1 ? "There is a problem with 1 field" : `There are problems with ${entries.length} fields`}
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
        {entries.map(([field, messages]) => (
          <li key={field}>
            <a href={`#${field}`} onClick={(e) => focusField(e, field)} className="font-medium text-red-800 underline hover:text-red-950">
              {labels[field] ?? field}: {messages[0]}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
