export * from "./directory.ts";
export * from "./cases.ts";
export * from "./integrations.ts";
