/** Sign-in, sign-out and session restore. */
import type { UserDto } from "../../../models/contracts.ts";
import { ApiError, get, post, setCsrfToken } from "./http.ts";

export interface Session {
  user: UserDto;
}

/** Signs in with username and password; remembers the CSRF token. */
export async function login(username: string, password: string): Promise<Session> {
  const res = await post<{ user: UserDto; token: string; csrfToken?: string }>("/auth/login", { username, password }, { quiet401: true });
  setCsrfToken(res.csrfToken);
  return { user: res.user };
}

/** The signed-in user from the session cookie, or null when there is none. */
export async function restoreSession(): Promise<Session | null> {
  try {
    const res = await get<{ user: UserDto; csrfToken?: string }>("/auth/me", { quiet401: true });
    setCsrfToken(res.csrfToken);
    return { user: res.user };
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

/** Ends the session on the server (errors ignored: the client forgets it anyway). */
export async function logout(): Promise<void> {
  try {
    await post<void>("/auth/logout", undefined, { quiet401: true });
  } finally {
    setCsrfToken(null);
  }
}

/** Changes the signed-in user's password; the server then ends every session of the user, this one included. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await post<void>("/auth/password", { currentPassword, newPassword });
  setCsrfToken(null);
}
