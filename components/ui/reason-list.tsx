import Link from "next/link";
import type { Reason } from "@/lib/verdict";

const TONES = { slate: "bg-slate-100 text-slate-700", red: "bg-red-50 text-red-800" } as const;

/**
 * A list of machine-readable reasons (verdict reasons, closeout refusals): the code as a chip and
 * its message beside it, stacked on narrow screens. With `hrefFor`, a reason it gives a path for
 * has its message as a link there (issue 11: a verdict reason that counts units links to the
 * filtered manifest listing them).
 */
export function ReasonList({ reasons, testId, tone = "slate", hrefFor }: { reasons: readonly Reason[]; testId: string; tone?: keyof typeof TONES; hrefFor?: (code: string) => string | null }) {
  return (
    <ul className="space-y-2 text-sm sm:space-y-1" data-testid={testId}>
      {reasons.map((r, i) => {
        const href = hrefFor?.(r.code) ?? null;
        return (
          <li key={`${i}-${r.code}`} className="flex flex-col items-start gap-0.5 sm:flex-row sm:gap-2">
            <code className={`shrink-0 rounded px-1.5 py-0.5 font-mono text-xs ${TONES[tone]}`}>{r.code}</code>
            {href ? (
              <Link href={href} className="text-indigo-700 underline hover:text-indigo-600" data-testid={`reason-link-${r.code}`}>
                {r.message}
              </Link>
            ) : (
              <span>{r.message}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
