// Lint rules: typescript-eslint recommended, no any, no unused code, service boundaries, environment read only by config.
import { readdirSync, readFileSync } from "node:fs";
import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Every workspace folder under `parent` with the package name it is imported by.
const workspaces = (parent) =>
  readdirSync(parent, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      try {
        const { name } = JSON.parse(readFileSync(`${parent}/${entry.name}/package.json`, "utf8"));
        return [{ dir: entry.name, name }];
      } catch {
        return [];
      }
    });
const services = workspaces("services");
const SOURCE = "*.{ts,js}";
const DEPTHS = [0, 1, 2, 3, 4, 5, 6];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const importOf = (names, message) => ({ regex: `^(${names.map(escape).join("|")})(/.*)?$`, message });
// A relative path with more `../` than the file is deep reaches out of its workspace folder.
const outOfFolder = (depth, message) => ({ regex: `^(\\.\\./){${depth + 1},}`, message });

const SERVICE_MESSAGE = "A service does not import another service's code: share it through @wewall/shared.";
const PACKAGE_MESSAGE = "A package does not import a service: services build on packages, never the reverse.";
const CORE_MESSAGE =
  "Only src/start-all.ts, src/chat.ts, src/cli.ts (services' operator commands) and bench code import services.";
const FOLDER_MESSAGE = "Import another workspace by its package name (@wewall/...), not by a relative path.";

// One config per folder and depth, because a later `no-restricted-imports` replaces an earlier one for a file.
const serviceBoundaries = [
  ...services.flatMap((service) =>
    DEPTHS.map((depth) => ({
      files: [`services/${service.dir}/${"*/".repeat(depth)}${SOURCE}`],
      rules: {
        // Services talk over HTTP; code shared between them lives in packages/*, so each deploys on its own.
        "no-restricted-imports": [
          "error",
          {
            patterns: [
              importOf(
                services.filter((other) => other !== service).map((other) => other.name),
                SERVICE_MESSAGE,
              ),
              outOfFolder(depth, FOLDER_MESSAGE),
            ],
          },
        ],
      },
    })),
  ),
  ...DEPTHS.map((depth) => ({
    files: [`packages/*/${"*/".repeat(depth)}${SOURCE}`],
    rules: {
      // The platform under every service cannot depend on one of them (nor reach into another package's files).
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            importOf(
              services.map((service) => service.name),
              PACKAGE_MESSAGE,
            ),
            outOfFolder(depth, FOLDER_MESSAGE),
          ],
        },
      ],
    },
  })),
  {
    files: ["src/**/*.{ts,js}"],
    ignores: ["src/start-all.ts", "src/chat.ts", "src/cli.ts", "src/bench.ts", "src/bench/**", "src/**/*-bench.ts"],
    rules: {
      // The core calls the services over HTTP; only the one-process entry points and benches mount them.
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            importOf(
              services.map((service) => service.name),
              CORE_MESSAGE,
            ),
            { regex: "^(\\.\\./)+(services|packages)/", message: FOLDER_MESSAGE },
          ],
        },
      ],
    },
  },
];

// Where reading the environment is allowed: config modules, entry points, tests, benches and test support.
const ENVIRONMENT_READERS = [
  "**/config.ts",
  "packages/shared/src/run-service.ts",
  "packages/shared/src/load-env.ts",
  "src/main.ts",
  "src/chat.ts",
  "src/cli.ts",
  "src/start-all.ts",
  "**/src/index.ts",
  "**/*.test.ts",
  "bench/**",
  "**/bench.ts",
  "**/bench/**",
  "**/*-bench.ts",
  "**/testing/**",
  "packages/test-support/**",
];

// Files that may use @wewall/test-support: tests, test-support folders, benches, CI checks and the package itself.
const DEVELOPMENT_FILES = [
  "**/*.test.ts",
  "**/testing/**",
  "bench/**",
  "**/bench.ts",
  "**/bench/**",
  "**/*-bench.ts",
  "ci/**",
  "packages/test-support/**",
];

export default tseslint.config(
  { ignores: ["node_modules/**", "data/**", "**/dist/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  ...serviceBoundaries,
  {
    files: ["**/*.{ts,js}"],
    ignores: DEVELOPMENT_FILES,
    rules: {
      // A rule of its own (not no-restricted-imports), so the per-folder boundary configs above do not replace it.
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            importOf(
              ["@wewall/test-support"],
              "Production code does not import test support: it is a dev dependency, absent from a production install.",
            ),
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.{ts,js}"],
    ignores: ENVIRONMENT_READERS,
    rules: {
      // Configuration is read and validated in one place per service (config.ts), so every setting is documented there.
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read the environment in config.ts and pass the value in." },
      ],
    },
  },
);
