/**
 * The layers of docs/architecture.md, checked in CI (`npm run lint:deps`): an import across them, or a cycle,
 * fails the build.
 */
module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", comment: "A cycle ties layers together.", from: {}, to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } } },
    {
      name: "models-are-the-ground-floor",
      severity: "error",
      comment: "models/ imports nothing from the layers above it.",
      from: { path: "^models/" },
      to: { path: "^(server|routes|client|test|bench)/" },
    },
    {
      name: "rules-are-pure",
      severity: "error",
      comment: "server/rules holds pure functions: no database, no commands, no HTTP, no sockets.",
      from: { path: "^server/rules/" },
      to: { path: "^(server/(?!rules/)|routes/|models/queries/|models/db\\.ts)" },
    },
    {
      name: "policies-decide-without-io",
      severity: "error",
      comment: "server/policies decides from what it is given.",
      from: { path: "^server/policies/" },
      to: { path: "^(server/(commands|realtime|jobs|presenters|middleware)/|routes/|models/queries/)" },
    },
    {
      name: "commands-below-routes",
      severity: "error",
      comment: "Commands are called by routes and jobs, never the other way round, and never talk to sockets.",
      from: { path: "^server/(commands|jobs|presenters)/" },
      to: { path: "^(routes/|server/realtime/)" },
    },
    {
      name: "only-realtime-speaks-socket-io",
      severity: "error",
      comment: "Socket.IO is imported only by server/realtime (and tests).",
      from: { path: "^(server/(?!realtime/)|routes/|models/)" },
      to: { path: "node_modules/(socket\\.io|@socket\\.io)/" },
    },
    {
      name: "client-sees-only-shared-models",
      severity: "error",
      comment: "The web client imports models/enums, models/validation and types of models/contracts only.",
      from: { path: "^client/src/" },
      to: { path: "^(server|routes|test|bench)/|^models/(?!(enums|validation|contracts)\\.ts$)" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(dist|artifacts)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"], extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"] },
  },
};
