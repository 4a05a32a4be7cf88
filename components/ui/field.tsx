/** A labelled form control with its hint and an aria-live error slot tied by aria-describedby. */
export function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: string;
  hint?: React.ReactNode;
  errors?: string[];
  children: (props: { id: string; "aria-describedby": string; "aria-invalid": boolean }) => React.ReactNode;
}) {
  const describedBy = `${id}-error${hint ? ` ${id}-hint` : ""}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children({ id, "aria-describedby": describedBy, "aria-invalid": Boolean(errors?.length) })}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}

export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <p id={id} aria-live="polite" className="text-sm text-red-700" data-testid={`${id}`}>
      {errors?.join(" ")}
    </p>
  );
}

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-1 focus:ring-indigo-500 aria-[invalid=true]:border-red-500";
