import passport from "passport";
import { Strategy as LocalStrategy } from "passport-local";
import { findUserByUsername } from "../../models/queries/directory.ts";
import type { AppDeps } from "../context.ts";
import { actorOfUser } from "./actor.ts";
import { actorCache } from "./actorCache.ts";
import { burnVerification, verifyPassword } from "./passwords.ts";

/** A passport instance with the local strategy and session (de)serialisation on the database. */
export function createPassport(deps: AppDeps): passport.PassportStatic {
  const instance = new passport.Passport() as unknown as passport.PassportStatic;
  instance.use(
    new LocalStrategy({ session: true }, async (username, password, done) => {
      try {
        const user = await findUserByUsername(deps.database.db, username);
        if (!user) {
          await burnVerification(password);
          return done(null, false);
        }
        const ok = await verifyPassword(password, user.passwordHash);
        done(null, ok && user.active ? actorOfUser(user) : false);
      } catch (err) {
        done(err);
      }
    }),
  );
  instance.serializeUser((user, done) => done(null, (user as { id: string }).id));
  instance.deserializeUser(async (id: string, done) => {
    try {
      // A disabled or deleted user's session simply stops authenticating.
      done(null, (await actorCache(deps).get(id)) ?? false);
    } catch (err) {
      done(err);
    }
  });
  return instance;
}
