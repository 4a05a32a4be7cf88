import { inject } from "vitest";

// db/testing.ts reads the cluster's URL from the environment (it is shared with the benchmarks).
process.env.COUNTERSIGN_TEST_PG_URL = inject("pgUrl");
