/**
 * Reply checks (答复质检): pure rules run on a draft reply before it goes out. Blocking findings stop the reply
 * (a leak of personal data, an empty or template-only answer); warnings only tell the handler.
 * Spans are [start, end) offsets into the reply as a JavaScript string (UTF-16 code units).
 */
import type { CaseType } from "../../models/enums.ts";
import { searchLexemes } from "./searchTokens.ts";

/** One finding of a reply check. */
export interface ReplyFinding {
  code: "third_party_phone" | "requester_phone" | "id_number" | "empty_or_template" | "off_topic" | "no_policy_basis" | "no_contact";
  severity: "block" | "warn";
  message: { zh: string; en: string };
  span?: [number, number];
}

/** What a check needs to know about the case and the draft. */
export interface ReplyCheckInput {
  content: string;
  matter: { type: CaseType; title: string; description: string; requesterPhone: string | null };
  articleId?: string | null;
}

/** Fewer meaningful characters than this, once stock phrases are gone, is no answer. */
export const MIN_MEANINGFUL_CHARS = 15;
/** Share of the matter's bigrams a reply must repeat not to be flagged 答非所问. */
export const TOPIC_OVERLAP_MIN = 0.1;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/** Whether an 18-character 居民身份证号码 has a valid GB 11643 check character. */
export function isValidIdNumber(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === id[17].toUpperCase();
}

/** Checksum-valid ID numbers in a text, with their spans (digit runs of other lengths are ignored). */
export function findIdNumbers(text: string): { value: string; span: [number, number] }[] {
  const out: { value: string; span: [number, number] }[] = [];
  for (const m of text.matchAll(/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g)) {
    if (isValidIdNumber(m[0])) out.push({ value: m[0], span: [m.index, m.index + m[0].length] });
  }
  return out;
}

/** Mainland mobile numbers in a text (written plain, 3-4-4 with spaces or hyphens, or after +86), with their digits and spans. */
export function findMobiles(text: string): { digits: string; span: [number, number] }[] {
  const out: { digits: string; span: [number, number] }[] = [];
  // Not inside a longer run of digits: an ID number or a landline is not a mobile.
  for (const m of text.matchAll(/(?<![\d-])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![\d-]*\d)/g)) {
    out.push({ digits: m[0].replace(/\D/g, "").slice(-11), span: [m.index, m.index + m[0].length] });
  }
  return out;
}

// Stock phrases of a reply that carry no answer (longest first, so a longer phrase goes before its part).
const STOCK_PHRASES = [
  "感谢您对我们工作的理解和支持", "感谢您对我们工作的支持", "感谢您的理解和支持", "感谢您的来电", "感谢您的反映", "感谢您的监督",
  "您的来电已收悉", "您反映的问题已收悉", "您反映的问题", "您反映的情况", "已转交相关部门", "已转相关部门", "我们会尽快处理",
  "我们将尽快处理", "正在处理中", "正在处理", "请耐心等待", "已收悉", "已收到", "特此答复", "此复", "您好", "谢谢", "收到", "已处理",
].sort((a, b) => b.length - a.length);

/** The answer's meaningful characters: letters, digits and CJK once stock phrases, punctuation and spaces are gone. */
export function meaningfulText(text: string): string {
  let rest = text.normalize("NFKC");
  for (const p of STOCK_PHRASES) rest = rest.split(p).join(" ");
  return rest.replace(/[^\p{L}\p{N}]/gu, "");
}

// Bigrams every department reply shares with every matter; they say nothing about answering this one.
const GENERIC_BIGRAMS = new Set(["您好", "反映", "问题", "企业", "相关", "部门", "处理", "情况", "我们", "您的", "公司", "进行", "已经", "工作"]);

/** Share of the matter's bigrams the reply repeats (0–1), on the search tokens of server/rules/searchTokens.ts. */
export function topicOverlap(reply: string, matter: string): number {
  const bigrams = (t: string) => new Set(searchLexemes(t).filter((x) => x.length > 1 && !GENERIC_BIGRAMS.has(x)));
  const m = bigrams(matter);
  if (!m.size) return 1; // nothing to compare with: no warning
  const r = bigrams(reply);
  let common = 0;
  for (const t of m) if (r.has(t)) common++;
  return common / m.size;
}

// 文号 〔2024〕12号 / [2024]12号, an article 第X条, or a named regulation 《…办法》.
const POLICY_REFERENCE = /[〔[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号|第[一二三四五六七八九十百零〇\d]+条|《[^》]{1,40}(?:法|条例|办法|规定|通知|意见|细则|标准|政策|规划|决定)》/;
// A named contact person, a landline (0570-xxxxxxx) or the hotline itself.
const CONTACT = /承办人|联系人|经办人|联系电话|咨询电话|(?<!\d)0\d{2,3}[- ]?\d{7,8}(?!\d)|(?<!\d)12345(?!\d)/;

const MESSAGES = {
  third_party_phone: { zh: "答复中含有手机号码，答复对外公开，不得泄露他人联系方式", en: "The reply contains a mobile number; replies are public and must not disclose a third party's contact" },
  requester_phone: { zh: "答复中含有诉求人本人的手机号码，答复对外公开，会泄露诉求人信息", en: "The reply contains the requester's own mobile number; replies are public, so this leaks it" },
  id_number: { zh: "答复中含有身份证号码，不得公开", en: "The reply contains an ID card number, which must not be published" },
  empty_or_template: { zh: "答复为空或只有套话，请写明办理情况和结果", en: "The reply is empty or only stock phrases; state what was done and the outcome" },
  off_topic: { zh: "答复与诉求内容关联很少，请确认没有答非所问", en: "The reply shares almost nothing with the matter; check it answers what was asked" },
  no_policy_basis: { zh: "咨询类答复未引用政策依据（知识库条目、文号或条款）", en: "A consultation answered without a policy basis (knowledge article, document number or article)" },
  no_contact: { zh: "答复未留承办人或联系电话", en: "The reply gives no contact person or phone of the department" },
} satisfies Record<ReplyFinding["code"], ReplyFinding["message"]>;

const finding = (code: ReplyFinding["code"], severity: ReplyFinding["severity"], span?: [number, number]): ReplyFinding =>
  span ? { code, severity, message: MESSAGES[code], span } : { code, severity, message: MESSAGES[code] };

/** All findings of a draft reply, blocking ones first, each in the order it appears in the text. */
export function checkReply(input: ReplyCheckInput): ReplyFinding[] {
  const { content, matter } = input;
  const own = matter.requesterPhone?.replace(/\D/g, "") ?? null;
  const blocks: ReplyFinding[] = [];
  for (const m of findMobiles(content)) blocks.push(finding(m.digits === own ? "requester_phone" : "third_party_phone", "block", m.span));
  for (const id of findIdNumbers(content)) blocks.push(finding("id_number", "block", id.span));
  blocks.sort((a, b) => a.span![0] - b.span![0]);
  if (meaningfulText(content).length < MIN_MEANINGFUL_CHARS) return [...blocks, finding("empty_or_template", "block")];
  const warns: ReplyFinding[] = [];
  if (topicOverlap(content, `${matter.title} ${matter.description}`) < TOPIC_OVERLAP_MIN) warns.push(finding("off_topic", "warn"));
  if (matter.type === "consultation" && !input.articleId && !POLICY_REFERENCE.test(content)) warns.push(finding("no_policy_basis", "warn"));
  if (!CONTACT.test(content)) warns.push(finding("no_contact", "warn"));
  return [...blocks, ...warns];
}

/** Whether any finding blocks the reply. */
export function hasBlocking(findings: ReplyFinding[]): boolean {
  return findings.some((f) => f.severity === "block");
}
