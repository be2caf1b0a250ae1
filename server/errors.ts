/** Error codes of the API contract and their HTTP statuses. */
export const ERROR_STATUS = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid_transition: 409,
  conflict: 409,
  payload_too_large: 413,
  idempotency_mismatch: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorDetail {
  path?: string;
  message: string;
  [key: string]: unknown;
}

/** A message in both languages of the product. */
export interface Message {
  zh: string;
  en: string;
}

const DEFAULT_MESSAGES: Record<ErrorCode, Message> = {
  validation_failed: { zh: "请求内容不符合要求", en: "The request is invalid" },
  unauthenticated: { zh: "请先登录", en: "Authentication required" },
  forbidden: { zh: "无权执行此操作", en: "You are not allowed to do this" },
  not_found: { zh: "未找到", en: "Not found" },
  invalid_transition: { zh: "当前状态下不能执行此操作", en: "This action is not allowed in the current status" },
  conflict: { zh: "数据已被他人修改或与现有数据冲突", en: "The data changed meanwhile or conflicts with existing data" },
  payload_too_large: { zh: "请求内容过大", en: "The request body is too large" },
  idempotency_mismatch: { zh: "该请求标识已用于内容不同的请求", en: "This reference or idempotency key was already used with a different request" },
  rate_limited: { zh: "请求过于频繁，请稍后再试", en: "Too many requests, try again later" },
  unavailable: { zh: "服务暂不可用，请稍后再试", en: "The service is temporarily unavailable" },
  internal: { zh: "服务器内部错误", en: "Internal server error" },
};

/** An error the API reports to the client with its code. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: ErrorDetail[];
  readonly localized: Message;

  constructor(code: ErrorCode, message?: Message, details?: ErrorDetail[]) {
    const localized = message ?? DEFAULT_MESSAGES[code];
    super(localized.en);
    this.code = code;
    this.details = details;
    this.localized = localized;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (message?: Message) => new AppError("not_found", message);
export const forbidden = (message?: Message) => new AppError("forbidden", message);
export const unauthenticated = (message?: Message) => new AppError("unauthenticated", message);
export const conflict = (message?: Message, details?: ErrorDetail[]) => new AppError("conflict", message, details);
export const validationFailed = (details: ErrorDetail[], message?: Message) =>
  new AppError("validation_failed", message, details);
/** The action is not allowed in the case's status; details name the status. */
export const invalidTransition = (status: string, action: string) =>
  new AppError(
    "invalid_transition",
    { zh: `案件状态为 ${status}，不能执行 ${action}`, en: `Action ${action} is not allowed in status ${status}` },
    [{ path: "status", message: status, status, action }],
  );

/** The latest reply was rated already: one rating per reply (domain.md, callback). */
export const alreadyRated = () =>
  conflict({ zh: "该答复已评价过，不能重复评价", en: "This reply has already been rated" }, [{ path: "satisfaction", message: "this reply has already been rated" }]);
