// ESLint (flat config): `npm run lint` runs it with `prettier --check`. typescript-eslint's
// recommended rules plus its type-aware ones (each file is checked with the tsconfig.json nearest
// to it: the root one for kernel-ext/, widgets/tsconfig.json, test/tsconfig.json for test/ and
// bench/). Formatting is Prettier's alone (eslint-config-prettier turns off the rules it owns).
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "**/node_modules/**",
      "report/**",
      "test-artifacts/**",
      "bench/results/**",
      ".cache/**",
      "data/**",
      "notebooks/**",
      "test/jupyterlab/build*/**",
      "test/jupyterlab/.prepare.lock/**",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Off because they do not fit this code as it is:
      // - JSON from kernels, Python references and page globals is read as `any` on purpose, and
      //   `arr[i]!` is written out although noUncheckedIndexedAccess is off.
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unnecessary-type-assertion": "off",
      // - `async` marks functions that implement an async interface (readers, handlers) even when
      //   the body needs no await; numbers and unknowns in template strings are wanted in messages.
      "@typescript-eslint/require-await": "off",
      "@typescript-eslint/restrict-template-expressions": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  {
    // Plain JavaScript (scripts, bin, the test page, mocha's reporter) and TypeScript that no
    // tsconfig covers here (the e2e JupyterLab app builds against its own node_modules; the
    // ground-truth evaluation script): the rules that need no types.
    files: ["**/*.js", "**/*.mjs", "**/*.cjs", "test/jupyterlab/app/**", "scripts/**/*.ts"],
    extends: [tseslint.configs.disableTypeChecked],
  },
  { files: ["**/*.js", "**/*.mjs", "**/*.cjs"], languageOptions: { globals: { ...globals.node } } },
  { files: ["**/*.cjs"], rules: { "@typescript-eslint/no-require-imports": "off" } },
  {
    files: ["test/browser/page/**", "bench/widgets/page/**", "widgets/labextension/**"],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Backlog in the product code (kernel-ext/, widgets/src/): each rule below still fails there
    // in a few places, so it only warns there (it is an error in test/, bench/ and scripts).
    // Delete a line once `npx eslint kernel-ext widgets/src` shows no warning for it.
    files: ["kernel-ext/**", "widgets/src/**", "contract/**", "render/**"],
    rules: {
      "preserve-caught-error": "warn",
      "no-useless-assignment": "warn",
      "@typescript-eslint/no-base-to-string": "warn",
      "@typescript-eslint/no-misused-promises": "warn",
      "@typescript-eslint/no-this-alias": "warn",
      "@typescript-eslint/only-throw-error": "warn",
      "@typescript-eslint/unbound-method": "warn",
      "@typescript-eslint/no-unused-vars": "warn",
    },
  },
  prettier,
);
