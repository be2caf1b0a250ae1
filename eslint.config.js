// ESLint with typescript-eslint (syntax-level rules: fast, no type information needed). Run by `npm run lint`.
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "client/dist/", "data/", "test/e2e/artifacts/", "models/migrations/"] },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports", disallowTypeAnnotations: false }],
      "no-console": ["error", { allow: ["warn", "error"] }],
      eqeqeq: ["error", "always"],
    },
  },
  {
    files: ["client/src/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
  {
    // req.valid carries what each route's own joi schema produced; the route reads it with the schema's shape.
    files: ["server/middleware/validate.ts", "server/middleware/joiMessages.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Benchmarks, scripts and tests talk to people on the console and poke at loosely typed payloads.
    files: ["bench/**", "test/**", "server/scripts/**", "server/main.ts"],
    rules: { "no-console": "off", "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-unused-expressions": "off" },
  },
);
