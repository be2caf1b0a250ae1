/** The signed-in user: restored from the cookie on load, set by sign-in, cleared by sign-out. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useNavigate } from "react-router";
import type { UserDto } from "../../../../models/contracts.ts";
import * as authApi from "../../api/auth.ts";
import { setUnauthenticatedHandler } from "../../api/http.ts";
import { connectRealtime, disconnectRealtime } from "../../realtime/socket.ts";

interface Auth {
  /** undefined while the session is being restored. */
  user: UserDto | null | undefined;
  restoreError: boolean;
  login: (username: string, password: string) => Promise<UserDto>;
  logout: () => Promise<void>;
  retry: () => void;
  /** Set when the server said the session ended (shown on the sign-in page). */
  expired: boolean;
  /** Changes the password; every session ends, so the user is signed out here too. */
  changePassword: (currentPassword: string, newPassword: string) => Promise<void>;
  /** Set after a password change (shown on the sign-in page). */
  passwordChanged: boolean;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<UserDto | null | undefined>(undefined);
  const [restoreError, setRestoreError] = useState(false);
  const [expired, setExpired] = useState(false);
  const [passwordChanged, setPasswordChanged] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let alive = true;
    setRestoreError(false);
    authApi
      .restoreSession()
      .then((s) => alive && setUser(s?.user ?? null))
      .catch(() => alive && setRestoreError(true));
    return () => {
      alive = false;
    };
  }, [attempt]);

  useEffect(() => {
    // A user who must change an admin-set password gets no live events (the server refuses the socket anyway).
    if (user && !user.mustChangePassword) connectRealtime();
    else if (user !== undefined) disconnectRealtime();
  }, [user]);

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setExpired(true);
      setUser(null);
    });
    return () => setUnauthenticatedHandler(null);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const s = await authApi.login(username, password);
    setExpired(false);
    setPasswordChanged(false);
    setUser(s.user);
    return s.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      /* the session is forgotten locally either way */
    }
    setExpired(false);
    setUser(null);
  }, []);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    await authApi.changePassword(currentPassword, newPassword);
    setExpired(false);
    setPasswordChanged(true);
    setUser(null);
  }, []);

  const value = useMemo<Auth>(
    () => ({ user, restoreError, login, logout, retry: () => setAttempt((a) => a + 1), expired, changePassword, passwordChanged }),
    [user, restoreError, login, logout, expired, changePassword, passwordChanged],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const v = useContext(AuthContext);
  if (!v) throw new Error("useAuth outside AuthProvider");
  return v;
}

/** The signed-in user (only inside signed-in routes). */
export function useUser(): UserDto {
  const { user } = useAuth();
  if (!user) throw new Error("useUser without a signed-in user");
  return user;
}

/** Signs out (every session of the user ends) and goes to the sign-in page. */
export function useSignOut(): () => Promise<void> {
  const { logout } = useAuth();
  const navigate = useNavigate();
  return useCallback(async () => {
    await logout();
    navigate("/login", { replace: true });
  }, [logout, navigate]);
}
