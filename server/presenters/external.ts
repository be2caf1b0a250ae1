import type { CaseDto } from "../../models/contracts.ts";
import type { CaseRow } from "../../models/schema/index.ts";
import type { Actor } from "../auth/actor.ts";
import type { AssignmentView } from "../policies/case.ts";
import { presentCase } from "./case.ts";

/** The reader behind unbound webhooks and Open311: an outside system acting for no one. */
export const EXTERNAL_READER: Actor = {
  kind: "integration",
  id: "external",
  role: "integration",
  username: "external",
  displayName: "external",
  departmentId: null,
  enterpriseId: null,
};

/**
 * The case for a strict outside reader: the integration reader's projection (presentCase) with everything
 * personal or internal removed: requester name, phone and credit code, the other system's reference, the
 * handling user, the enterprise link, and no actions.
 */
export function presentExternalCase(kase: CaseRow, assignments: AssignmentView[], now: Date): CaseDto {
  const dto = presentCase(kase, EXTERNAL_READER, assignments, now);
  return {
    ...dto,
    requester: { ...dto.requester, name: null, phone: null, creditCode: null },
    externalRef: null,
    assigneeId: null,
    enterpriseId: null,
    actions: [],
  };
}
