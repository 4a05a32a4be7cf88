import Link from "next/link";

export function Forbidden({ role }: { role: string }) {
  return (
    <div className="mx-auto max-w-lg rounded-lg border border-amber-300 bg-amber-50 p-6" data-testid="forbidden">
      <h1 className="text-lg font-semibold text-amber-900">Not allowed</h1>
      <p className="mt-2 text-sm text-amber-900">
        This page needs the <strong>{role}</strong> role. Ask an admin to grant it.
      </p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium text-indigo-700 underline">
        Back to audits
      </Link>
    </div>
  );
}
