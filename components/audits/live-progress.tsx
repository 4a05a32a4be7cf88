"use client";

import { useQuery } from "@tanstack/react-query";
import { ReviewProgress } from "./review-progress";

type Progress = { reviewed: number; sampled: number; verdict: string; gateState: string };

/** Review progress that refreshes while the page is open (other reviewers keep working). */
export function LiveProgress({ slug, initial }: { slug: string; initial: Progress }) {
  const { data } = useQuery<Progress>({
    queryKey: ["progress", slug],
    queryFn: async () => {
      const res = await fetch(`/api/audits/${encodeURIComponent(slug)}/progress`);
      if (!res.ok) throw new Error(`progress: HTTP ${res.status}`);
      return res.json();
    },
    initialData: initial,
    refetchInterval: 10_000,
  });
  return <ReviewProgress reviewed={data.reviewed} sampled={data.sampled} />;
}
