// Makes sure Debian's Chromium is at /usr/bin/chromium for the Playwright e2e suite.
// As root it installs the package with apt-get; otherwise it stops with a one-line instruction.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const CHROMIUM = "/usr/bin/chromium";
if (!existsSync(CHROMIUM)) {
  if (typeof process.getuid === "function" && process.getuid() === 0) {
    console.log("Installing Debian chromium for the e2e suite (apt-get)…");
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit", shell: "/bin/bash" });
  } else {
    console.error("Chromium is missing: run `sudo apt-get update && sudo apt-get install -y chromium`, then `npm test` again.");
    process.exit(1);
  }
}
