/** The provincial 12345 platform's step codes (docs/integration.md, "Step codes"); pure. */
import type { CaseEventRow } from "../../models/schema/index.ts";

/** One step of the upper platform's flow. */
export interface UpstreamStep {
  code: "SL" | "PD" | "QS" | "TD" | "YQ" | "BJ" | "HF";
  name: string;
  /** For the decision steps (退单审核, 延期审核): whether it was approved. */
  approved?: boolean;
}

const STEP_OF_ACTION: Record<string, Omit<UpstreamStep, "approved">> = {
  intake: { code: "SL", name: "受理" },
  dispatch: { code: "PD", name: "派单" },
  sign: { code: "QS", name: "签收" },
  return: { code: "TD", name: "退单申请" },
  "decide-return": { code: "TD", name: "退单审核" },
  "request-extension": { code: "YQ", name: "延期申请" },
  "decide-extension": { code: "YQ", name: "延期审核" },
  reply: { code: "BJ", name: "办结" },
  answer: { code: "BJ", name: "办结" },
  callback: { code: "HF", name: "回访" },
  rate: { code: "HF", name: "回访" },
};

/** The upper platform's step of a timeline event, or null for steps it has no code for (comments, urging …). */
export function upstreamStepOf(event: Pick<CaseEventRow, "action" | "data">): UpstreamStep | null {
  const step = STEP_OF_ACTION[event.action];
  if (!step) return null;
  // A co-handling department's signature is internal to the city; the platform hears the lead's.
  if (event.action === "sign" && event.data.role === "co") return null;
  const approve = event.data.approve;
  return typeof approve === "boolean" && event.action.startsWith("decide-") ? { ...step, approved: approve } : { ...step };
}
