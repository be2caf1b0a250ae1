/**
 * The authorization contract of shared/spec/api.md (Actions: "who") and
 * shared/spec/domain.md (Transitions: "from"), written out by hand. It must NOT be
 * derived from server/rules or server/policies: the matrix exists to catch the
 * server disagreeing with the contract.
 */
import type { CaseAction } from "../../models/enums.ts";

/** The case states the matrix builds (in_progress with a pending extension is its own state). */
export const FIXTURES = ["registered", "dispatched", "return_review", "in_progress", "pending_extension", "replied", "closed"] as const;
export type Fixture = (typeof FIXTURES)[number];

/** Roles as the contract's "who" column names them; a handler is of the lead or of a co-department. */
export type ContractRole =
  | "enterprise"
  | "enterprise:merged"
  | "operator"
  | "clerk"
  | "handler:lead"
  | "handler:co"
  | "supervisor"
  | "supervisor:department"
  | "admin"
  | "integration";

const ANYONE: readonly ContractRole[] = ["enterprise", "enterprise:merged", "operator", "clerk", "handler:lead", "handler:co", "supervisor", "supervisor:department", "admin", "integration"];
/** Supervisors city-wide and of a department ("enterprise:merged": an enterprise following a case through a case of its own merged into it). */
const SUPERVISORS: readonly ContractRole[] = ["supervisor", "supervisor:department"];

/**
 * api.md, Actions table, column "who" (comment: "anyone who can see the case"); domain.md: the hotline centre decides
 * returns and extensions (a department's supervisor never its own), rate and reopen are an enterprise's on its own case.
 */
export const WHO: Record<CaseAction, readonly ContractRole[]> = {
  dispatch: ["operator", ...SUPERVISORS],
  answer: ["operator", "clerk"],
  sign: ["handler:lead", "handler:co"],
  return: ["handler:lead"],
  "decide-return": ["supervisor", "operator"],
  reply: ["handler:lead"],
  "request-extension": ["handler:lead"],
  "decide-extension": ["supervisor"],
  "reject-reply": ["operator", ...SUPERVISORS],
  callback: ["operator"],
  rate: ["enterprise"],
  reopen: ["enterprise", "operator", ...SUPERVISORS],
  urge: SUPERVISORS,
  supervise: SUPERVISORS,
  list: SUPERVISORS,
  merge: ["operator", ...SUPERVISORS],
  cancel: SUPERVISORS,
  comment: ANYONE,
};

const OPEN: readonly Fixture[] = ["registered", "dispatched", "return_review", "in_progress", "pending_extension", "replied"];

/**
 * domain.md, Transitions, column "from", per fixture, with the guards the fixtures
 * decide: both parts unsigned when dispatched and both signed when in progress, one
 * extension pending at a time, the return window still open.
 */
export const VALID_IN: Record<CaseAction, readonly Fixture[]> = {
  dispatch: ["registered"],
  answer: ["registered"],
  sign: ["dispatched"],
  return: ["dispatched", "in_progress", "pending_extension"],
  "decide-return": ["return_review"],
  reply: ["in_progress", "pending_extension"],
  "request-extension": ["in_progress"],
  "decide-extension": ["pending_extension"],
  "reject-reply": ["replied"],
  callback: ["replied"],
  // The closed fixture was closed by a callback that rated its reply: one rating per reply.
  rate: ["replied"],
  reopen: ["replied", "closed"],
  urge: OPEN,
  supervise: OPEN,
  list: OPEN,
  merge: OPEN,
  cancel: ["registered"],
  comment: FIXTURES,
};

/** The fixture each action is tried in by the matrix (one where the contract allows it). */
export const MATRIX_FIXTURE: Record<CaseAction, Fixture> = {
  dispatch: "registered",
  answer: "registered",
  sign: "dispatched",
  return: "dispatched",
  "decide-return": "return_review",
  reply: "in_progress",
  "request-extension": "in_progress",
  "decide-extension": "pending_extension",
  "reject-reply": "replied",
  callback: "replied",
  rate: "replied",
  reopen: "closed",
  urge: "in_progress",
  supervise: "in_progress",
  list: "in_progress",
  merge: "in_progress",
  cancel: "registered",
  comment: "in_progress",
};

/**
 * Where an actor's cases come from: "main" (service centre, enterprise E1, lead dept A, co dept C), a hotline case, the
 * actor's own provincial ticket, a main case about enterprise E2 ("subject"), or a main case into which a case of E2 was merged ("merged").
 */
export type Origin = "main" | "hotline" | "provincial" | "subject" | "merged";

/** One column of the matrix: a role in a scope, the cases it acts on and which of them it may see. */
export interface ActorVariant {
  name: string;
  role: ContractRole;
  origin: Origin;
  /** Whether the contract lets this actor see a case of its origin in this state. */
  sees(fixture: Fixture): boolean;
}

const always = () => true;
const never = () => false;
// A registered case has no department yet: handlers and department supervisors cannot see it.
const onceDispatched = (f: Fixture) => f !== "registered";

/** Every role × own and foreign scope. */
export const VARIANTS: readonly ActorVariant[] = [
  { name: "enterprise (own case)", role: "enterprise", origin: "main", sees: always },
  { name: "enterprise (another enterprise's case)", role: "enterprise", origin: "main", sees: never },
  { name: "operator", role: "operator", origin: "main", sees: always },
  { name: "clerk (service-centre case)", role: "clerk", origin: "main", sees: always },
  { name: "clerk (hotline case)", role: "clerk", origin: "hotline", sees: never },
  { name: "handler of the lead department", role: "handler:lead", origin: "main", sees: onceDispatched },
  { name: "handler of a co-department", role: "handler:co", origin: "main", sees: onceDispatched },
  { name: "handler of another department", role: "handler:lead", origin: "main", sees: never },
  { name: "city-wide supervisor", role: "supervisor", origin: "main", sees: always },
  { name: "supervisor of the lead department", role: "supervisor:department", origin: "main", sees: onceDispatched },
  { name: "supervisor of another department", role: "supervisor", origin: "main", sees: never },
  { name: "admin", role: "admin", origin: "main", sees: always },
  { name: "integration client (own ticket)", role: "integration", origin: "provincial", sees: always },
  { name: "integration client (another's case)", role: "integration", origin: "main", sees: never },
  { name: "enterprise (the subject of the case)", role: "enterprise", origin: "subject", sees: never },
  { name: "enterprise (requester of a case merged into it)", role: "enterprise:merged", origin: "merged", sees: always },
];

/** The contract's answer: 200 allowed, 403 visible but not this role's, 404 invisible. */
export function expectedStatus(v: ActorVariant, action: CaseAction, fixture: Fixture): 200 | 403 | 404 {
  if (!v.sees(fixture)) return 404;
  return WHO[action].includes(v.role) ? 200 : 403;
}

/** The actions the contract lets the actor take on a case of its origin in this state (the DTO's `actions`). */
export function expectedActions(v: ActorVariant, fixture: Fixture, all: readonly CaseAction[]): CaseAction[] {
  if (!v.sees(fixture)) return [];
  return all.filter((a) => WHO[a].includes(v.role) && VALID_IN[a].includes(fixture));
}
