export * from "./directory.ts";
export * from "./cases.ts";
export * from "./serviceCentre.ts";
export * from "./knowledge.ts";
export * from "./integrations.ts";
