/**
 * A throwaway PostgreSQL cluster for tests, e2e runs and benchmarks: initdb in a temporary folder,
 * pg_ctl start on a free loopback port, trust authentication for loopback only; `stop()` stops it
 * and deletes the folder. initdb and pg_ctl refuse to run as root, so as root they run as the
 * `postgres` system user. When the server binaries are missing, `ensurePostgres()` installs
 * Debian's `postgresql` package as root, or stops with a one-line instruction.
 */
import { execFileSync, execSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const PG_ROOT = "/usr/lib/postgresql";

/** Folder of the newest installed PostgreSQL server binaries, or null. */
function findBinDir(): string | null {
  if (!existsSync(PG_ROOT)) return null;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => existsSync(path.join(PG_ROOT, v, "bin", "pg_ctl")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(PG_ROOT, versions[0], "bin") : null;
}

const isRoot = () => typeof process.getuid === "function" && process.getuid() === 0;

/**
 * The PostgreSQL server binaries' folder; installs Debian's `postgresql` when they are missing
 * and this process is root.
 * @throws Error with the instruction to install them otherwise.
 */
export function ensurePostgres(): string {
  let bin = findBinDir();
  if (bin) return bin;
  if (!isRoot()) throw new Error("PostgreSQL server binaries are missing: run `sudo apt-get update && sudo apt-get install -y postgresql`, then try again.");
  console.log("Installing Debian postgresql for the PostgreSQL tests (apt-get)…");
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql", { stdio: "inherit", shell: "/bin/bash" });
  bin = findBinDir();
  if (!bin) throw new Error("PostgreSQL server binaries are still missing after installing the postgresql package.");
  return bin;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export type PgCluster = {
  /** Connection string of the cluster's `postgres` database (superuser `postgres`, no password). */
  url: string;
  port: number;
  /** Connection string of another database on the same cluster. */
  urlFor(database: string): string;
  stop(): void;
};

/** Starts a new cluster; call `stop()` when done (also registered for process exit). */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = ensurePostgres();
  const dir = mkdtempSync(path.join(os.tmpdir(), "countersign-pg-"));
  const data = path.join(dir, "data");
  const asPostgres = (cmd: string, args: string[]) => {
    const run = isRoot() ? { file: "runuser", args: ["-u", "postgres", "--", path.join(bin, cmd), ...args] } : { file: path.join(bin, cmd), args };
    execFileSync(run.file, run.args, { stdio: ["ignore", "pipe", "pipe"] });
  };
  if (isRoot()) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  asPostgres("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  asPostgres("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      asPostgres("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    } catch {
      // already stopped
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", stop);
  const urlFor = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return { url: urlFor("postgres"), port, urlFor, stop };
}
