/** The form-level message of an action result; `data-testid="form-message"` (not role=alert: Next's route announcer uses it). */
export function FormMessage({ state }: { state: { ok?: boolean; message?: string } }) {
  if (!state.message) return <p aria-live="polite" className="sr-only" />;
  return (
    <p aria-live="polite" data-testid="form-message" className={`rounded-md px-3 py-2 text-sm ${state.ok ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800"}`}>
      {state.message}
    </p>
  );
}
