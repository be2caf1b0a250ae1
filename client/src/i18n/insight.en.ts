/** English strings of the insight features (spread into en.ts); the type makes tsc reject a missing or extra key. */
import type { insightZhCN } from "./insight.zh-CN.ts";

export const insightEn: Record<keyof typeof insightZhCN, string> = {
  "event.reply-override": "Reply check overridden",
  "replyCheck.title": "Reply check",
  "replyCheck.checking": "Checking…",
  "replyCheck.clean": "No problems found",
  "replyCheck.blocked": "Fix the blocking problems before sending the reply",
  "replyCheck.preview": "Where",
  "replyCheck.block": "Must fix",
  "replyCheck.warn": "Warning",
  "replyCheck.code.third_party_phone": "Contains someone's mobile number; the public reply would disclose it",
  "replyCheck.code.requester_phone": "Contains the requester's own mobile number; the public reply would leak it",
  "replyCheck.code.id_number": "Contains an ID card number, which must not be published",
  "replyCheck.code.empty_or_template": "Empty or only stock phrases; state what was done and the outcome",
  "replyCheck.code.off_topic": "Shares almost nothing with the matter; check it answers what was asked",
  "replyCheck.code.no_policy_basis": "A consultation answered without a policy basis (article, document number or clause)",
  "replyCheck.code.no_contact": "No contact person or phone of the department",
};
