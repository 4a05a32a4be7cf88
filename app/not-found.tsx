import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto mt-12 max-w-lg rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm">
      <h1 className="text-lg font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-slate-600">There is nothing at this address.</p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium text-indigo-700 underline">
        Back to audits
      </Link>
    </div>
  );
}
