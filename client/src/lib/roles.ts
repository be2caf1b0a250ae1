/** Where each role works. */
import type { Role } from "../../../models/enums.ts";

/** The change-password page, open to every role (and the only page for a user who must change an admin-set password). */
export const CHANGE_PASSWORD_PATH = "/account/password";

/** The landing path of a role's workspace after sign-in. */
export function homePathOf(role: Role | "integration" | string): string {
  switch (role) {
    case "operator":
      return "/operator";
    case "clerk":
      return "/clerk";
    case "handler":
      return "/handler";
    case "enterprise":
      return "/enterprise";
    case "supervisor":
      return "/supervisor";
    case "admin":
      return "/admin";
    default:
      return "/login";
  }
}

/** Whether a role may open a path prefix (client-side guard; the server enforces for real). */
export function mayOpen(role: string, path: string): boolean {
  if (path.startsWith("/cases/")) return role !== "admin";
  if (path === "/knowledge" || path.startsWith("/knowledge/")) return role !== "enterprise";
  return path === homePathOf(role) || path.startsWith(`${homePathOf(role)}/`);
}
