import type { ArticleRow } from "../../models/schema/index.ts";
import type { Actor } from "../auth/actor.ts";

/** Staff roles read internal articles and cite them; everyone else reads published, in-force, public ones. */
export function isKnowledgeStaff(actor: Actor | null | undefined): boolean {
  return !!actor && ["operator", "clerk", "handler", "supervisor", "admin"].includes(actor.role);
}

/** Whether the actor speaks for the department: its handlers and supervisors, a city-wide supervisor, an admin. */
function speaksFor(actor: Actor, departmentId: string): boolean {
  if (actor.role === "admin") return true;
  if (actor.role === "supervisor") return !actor.departmentId || actor.departmentId === departmentId;
  return actor.role === "handler" && actor.departmentId === departmentId;
}

/** May the actor write a new draft for this department (handlers of it, supervisors, admins)? */
export function canDraftFor(actor: Actor, departmentId: string): boolean {
  return speaksFor(actor, departmentId);
}

/**
 * May the actor change this article? Drafts: the owning department's handlers, supervisors, admins.
 * Published: supervisors and admins only, since each change goes live at once as a new version.
 */
export function canEditArticle(actor: Actor, a: Pick<ArticleRow, "status" | "departmentId">): boolean {
  if (!speaksFor(actor, a.departmentId)) return false;
  return a.status === "draft" || actor.role !== "handler";
}

/** May the actor publish or retire this article (supervisors of its department or city-wide, admins)? */
export function canPublishArticle(actor: Actor, a: Pick<ArticleRow, "departmentId">): boolean {
  return actor.role !== "handler" && speaksFor(actor, a.departmentId);
}
