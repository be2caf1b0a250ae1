export * from "./directory.ts";
export * from "./cases.ts";
