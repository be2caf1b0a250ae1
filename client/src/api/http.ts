/** The one fetch wrapper: JSON, CSRF header, language, and typed API errors. */
import type { ErrorBody } from "../../../models/contracts.ts";

/** An error answer of the API (or a network failure, code "network"). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: { path?: string; message: string }[];

  constructor(status: number, code: string, message: string, details: { path?: string; message: string }[] = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Messages per body field path (e.g. "requester.phone"), for showing at the form field. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.details) if (d.path && !out[d.path]) out[d.path] = d.message;
    return out;
  }
}

let csrfToken: string | null = null;
let language = "zh-CN";
let onUnauthenticated: (() => void) | null = null;

/** Remembers the session's CSRF token (from login or /auth/me). */
export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

/** The UI language sent as Accept-Language so server messages match it. */
export function setApiLanguage(lang: string): void {
  language = lang;
}

/** Called when a request answers 401 (the session ended elsewhere). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface RequestOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Do not call the 401 handler (login and session probe). */
  quiet401?: boolean;
}

/** Sends one request to /api and returns the parsed JSON (undefined for 204). */
export async function request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": language, ...opts.headers };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (UNSAFE.has(method) && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError(0, "network", language.startsWith("zh") ? "网络连接失败，请检查网络后重试" : "Network error, check the connection and retry");
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const e = (data as ErrorBody | undefined)?.error;
    const err = new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? `HTTP ${res.status}`, e?.details ?? []);
    if (res.status === 401 && !opts.quiet401 && onUnauthenticated) onUnauthenticated();
    throw err;
  }
  return data as T;
}

export const get = <T>(path: string, opts?: RequestOptions) => request<T>("GET", path, undefined, opts);
export const post = <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>("POST", path, body ?? {}, opts);
export const put = <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>("PUT", path, body ?? {}, opts);
export const patch = <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>("PATCH", path, body ?? {}, opts);
export const del = <T>(path: string, opts?: RequestOptions) => request<T>("DELETE", path, undefined, opts);
