"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="mx-auto mt-12 max-w-lg rounded-lg border border-red-200 bg-white p-6 text-center shadow-sm">
      <h1 className="text-lg font-semibold">Something went wrong</h1>
      <p className="mt-2 text-sm text-slate-600">The page could not be shown. Nothing was changed.</p>
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white">
        Try again
      </button>
    </div>
  );
}
