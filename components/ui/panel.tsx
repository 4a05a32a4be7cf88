/** A titled white card, the page section used across the audit pages. */
export function Panel({ title, children, id }: { title: string; children: React.ReactNode; id?: string }) {
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby={id ? `${id}-heading` : undefined} id={id}>
      <h2 className="text-base font-semibold" id={id ? `${id}-heading` : undefined}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A small label over a value (mono for hashes, queries and keys). */
export function Definition({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  return (
    <div>
      <div className="text-xs text-slate-500">{label}</div>
      <div className={mono ? "break-all font-mono text-xs" : "break-words"}>{value}</div>
    </div>
  );
}
