import type { TestProject } from "vitest/node";
import { startPgCluster } from "./scripts/pg-cluster";

declare module "vitest" {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

/** Starts one throwaway PostgreSQL cluster for the db-pg project; each test file creates its own database on it. */
export default async function setup(project: TestProject) {
  const cluster = await startPgCluster();
  project.provide("pgUrl", cluster.url);
  return () => cluster.stop();
}
