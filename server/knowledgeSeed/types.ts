/** A reference article shipped with the product (seeded once, then owned by its department). */
export interface SeedArticle {
  /** Stable key: seeding is idempotent on it. */
  key: string;
  /** A department code of server/seed.ts DEPARTMENTS. */
  department: string;
  /** A category code of server/seed.ts CATEGORIES, or null. */
  category: string | null;
  title: string;
  keywords: string[];
  policyRef: string | null;
  from: string | null;
  to: string | null;
  /** false: internal guidance for staff only. */
  public?: boolean;
  /** Markdown. */
  body: string;
}
