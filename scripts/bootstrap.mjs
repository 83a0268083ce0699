#!/usr/bin/env node
// Bootstrap for a fresh clone: `npm test` runs this with whatever Node the machine has
// (CI has Node 20 and npm only). It must therefore stay plain JavaScript that runs on
// Node 20, with no dependencies.
//
// 1. Node >= 22.13 (Hardhat 3 and vitest 5 refuse older): when the system Node is older,
//    install the pinned `node` package from the npm registry into tools/node (it ships
//    the real binary through its arch package).
// 2. The pinned pnpm from tools/pnpm.
// 3. `pnpm install --frozen-lockfile` (store inside the repo, ignored by git).
// 4. The requested turbo pipeline, with the toolchain first on PATH so every
//    `#!/usr/bin/env node` tool runs on the new Node.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const MIN_NODE = [22, 13];

/** Pipelines a README command can ask for. */
const TASKS = {
  // Install, build, lint, typecheck and test every workspace.
  test: [["turbo", "run", "lint:root", "lint", "typecheck", "test"]],
  // Install, build the CLI and what it needs, then `ballast dev` with the arguments given after `--`.
  dev: [
    ["turbo", "run", "build", "--filter=@ballast/cli..."],
    ["node", "apps/cli/dist/main.js", "dev", "...args"],
  ],
};

function log(message) {
  process.stderr.write(`[bootstrap] ${message}\n`);
}

function fail(message) {
  process.stderr.write(`[bootstrap] error: ${message}\n`);
  process.exit(1);
}

function pinned(toolDir, name) {
  const pkg = JSON.parse(readFileSync(join(toolDir, "package.json"), "utf8"));
  const version = pkg.dependencies?.[name];
  if (!version) fail(`${toolDir}/package.json does not pin ${name}`);
  return version;
}

function installedVersion(toolDir, name) {
  const file = join(toolDir, "node_modules", name, "package.json");
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf8")).version;
}

/** `npm ci` in a tools/ folder unless the pinned version is already there. */
function ensureTool(name) {
  const toolDir = join(root, "tools", name);
  const want = pinned(toolDir, name);
  const bin = join(toolDir, "node_modules", ".bin");
  if (installedVersion(toolDir, name) === want && existsSync(join(bin, name))) return bin;
  log(`installing ${name}@${want} from the npm registry into tools/${name}`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const res = spawnSync(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", toolDir], {
    stdio: "inherit",
    cwd: toolDir,
  });
  if (res.status !== 0) fail(`npm ci in tools/${name} failed (exit ${res.status})`);
  if (installedVersion(toolDir, name) !== want) fail(`tools/${name}: ${name}@${want} did not install`);
  return bin;
}

function nodeIsRecentEnough(version) {
  const [major, minor] = version.replace(/^v/, "").split(".").map(Number);
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
}

function main() {
  const task = process.argv[2] ?? "test";
  const steps = TASKS[task];
  if (!steps) fail(`unknown task "${task}" (known: ${Object.keys(TASKS).join(", ")})`);

  const pathEntries = [];
  if (!nodeIsRecentEnough(process.version)) {
    const nodeBin = ensureTool("node");
    const got = execFileSync(join(nodeBin, "node"), ["--version"], { encoding: "utf8" }).trim();
    if (!nodeIsRecentEnough(got)) fail(`tools/node gave Node ${got}, need >= ${MIN_NODE.join(".")}`);
    log(
      `system Node ${process.version} is older than ${MIN_NODE.join(".")}: using Node ${got} from tools/node`,
    );
    pathEntries.push(nodeBin);
  }
  pathEntries.push(ensureTool("pnpm"));

  const env = {
    ...process.env,
    PATH: [...pathEntries, process.env.PATH ?? ""].join(delimiter),
    TURBO_TELEMETRY_DISABLED: "1",
    DO_NOT_TRACK: "1",
    HARDHAT_DISABLE_TELEMETRY_PROMPT: "true",
  };
  const run = (cmd, args) => {
    log(`$ ${[cmd, ...args].join(" ")}`);
    const res = spawnSync(cmd, args, { stdio: "inherit", cwd: root, env });
    if (res.error) fail(`${cmd}: ${res.error.message}`);
    if (res.status !== 0) process.exit(res.status ?? 1);
  };

  run("pnpm", ["install", "--frozen-lockfile", "--prefer-offline"]);
  // Ctrl-C reaches the child (same process group), which stops its chains and relayer; wait for it.
  if (task === "dev") process.on("SIGINT", () => {});
  const extra = process.argv.slice(3);
  for (const [cmd, ...args] of steps) {
    run("pnpm", ["exec", cmd, ...args.flatMap((arg) => (arg === "...args" ? extra : [arg]))]);
  }
}

main();
