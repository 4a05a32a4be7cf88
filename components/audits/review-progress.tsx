/** "reviewed of sampled" with a bar; `label` names it for screen readers. */
export function ReviewProgress({ reviewed, sampled }: { reviewed: number; sampled: number }) {
  const pct = sampled === 0 ? 0 : Math.round((reviewed / sampled) * 100);
  return (
    <div className="flex min-w-36 items-center gap-2" data-testid="review-progress">
      <div className="h-2 flex-1 overflow-hidden rounded-full bg-slate-200" role="progressbar" aria-valuemin={0} aria-valuemax={sampled} aria-valuenow={reviewed} aria-label="Review progress">
        <div className="h-full bg-indigo-600" style={{ width: `${pct}%` }} />
      </div>
      <span className="whitespace-nowrap text-xs text-slate-600 tabular-nums">
        {reviewed}/{sampled}
      </span>
    </div>
  );
}
