import type { Role } from "../../models/enums.ts";
import type { UserRow } from "../../models/schema/index.ts";
import type { UserDto } from "../../models/contracts.ts";

/** Who is acting: a signed-in person or an integration client. */
export interface Actor {
  kind: "user" | "integration";
  id: string;
  role: Role | "integration";
  username: string;
  displayName: string;
  departmentId: string | null;
  enterpriseId: string | null;
  /** Users: the session epoch of the row; a token or session begun in another epoch has ended. */
  sessionEpoch?: number;
  /** Users: an admin set the password, and changing it is all this user may do. */
  mustChangePassword?: boolean;
}

/** The actor of a user row. */
export function actorOfUser(user: UserRow): Actor {
  return {
    kind: "user",
    id: user.id,
    role: user.role as Role,
    username: user.username,
    displayName: user.displayName,
    departmentId: user.departmentId,
    enterpriseId: user.enterpriseId,
    sessionEpoch: user.sessionEpoch,
    mustChangePassword: user.mustChangePassword,
  };
}

/** The user as the API shows it. */
export function presentUser(user: UserRow, withStatus = false): UserDto {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role as Role,
    departmentId: user.departmentId,
    enterpriseId: user.enterpriseId,
    mustChangePassword: user.mustChangePassword,
    ...(withStatus ? { active: user.active } : {}),
  };
}
