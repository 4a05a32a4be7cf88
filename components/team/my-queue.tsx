import Link from "next/link";
import { getDb } from "@/db/client";
import { getMyQueue } from "@/db/queries/team";

/** How many units of one audit the home page links to before "and N more". */
const SHOWN_PER_AUDIT = 8;

/**
 * A reviewer's home "My queue" (issue 11): units assigned to them and not reviewed yet, per open
 * audit they may review, each linking to its review page. Nothing when the queue is empty.
 * @param projects where the user holds the reviewer role ("all" or project names).
 */
export async function MyQueue({ userId, projects }: { userId: number; projects: "all" | string[] }) {
  const queue = await getMyQueue(getDb(), { userId, projects });
  if (queue.length === 0) return null;
  return (
    <section className="space-y-2 rounded-lg border border-indigo-200 bg-white p-4 shadow-sm" aria-labelledby="my-queue-heading" data-testid="my-queue">
      <h2 id="my-queue-heading" className="text-base font-semibold">
        My queue
      </h2>
      <ul className="space-y-2 text-sm">
        {queue.map((a) => (
          <li key={a.slug} className="flex flex-wrap items-center gap-2">
            <Link href={`/audits/${a.slug}/review/${a.units[0].sampleUnitId}`} className="font-medium text-indigo-700 underline">
              {a.title}
            </Link>
            <span className="text-slate-700">
              {a.units.length} unit{a.units.length === 1 ? "" : "s"} to review:
            </span>
            {a.units.slice(0, SHOWN_PER_AUDIT).map((u) => (
              <Link key={u.sampleUnitId} href={`/audits/${a.slug}/review/${u.sampleUnitId}`} className="rounded border border-slate-300 px-1.5 font-mono text-xs hover:bg-slate-50">
                {u.unitKey}
              </Link>
            ))}
            {a.units.length > SHOWN_PER_AUDIT && <span className="text-slate-600">and {a.units.length - SHOWN_PER_AUDIT} more</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
