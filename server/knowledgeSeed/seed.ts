import { randomUUID } from "node:crypto";
import { findArticleBySeedKey, insertArticle, insertVersion } from "../../models/queries/knowledge.ts";
import { lockIdempotencyKey } from "../../models/queries/cases.ts";
import { findDepartmentByCode } from "../../models/queries/directory.ts";
import type { Db } from "../db.ts";
import { vectorOf } from "../commands/knowledge/saveArticle.ts";
import { BUSINESS_ARTICLES } from "./business.ts";
import { CONSTRUCTION_ARTICLES } from "./construction.ts";
import { LABOUR_ARTICLES } from "./labour.ts";
import { TAX_FINANCE_ARTICLES } from "./taxFinance.ts";
import type { SeedArticle } from "./types.ts";

/** The reference articles shipped with the product, written for it in plain Chinese. */
export const SEED_ARTICLES: SeedArticle[] = [...BUSINESS_ARTICLES, ...TAX_FINANCE_ARTICLES, ...LABOUR_ARTICLES, ...CONSTRUCTION_ARTICLES];

const SEEDED_AT = new Date("2026-01-05T00:00:00Z");

/**
 * Inserts the shipped articles that are missing (by seed key) as published version 1, owned by the seeded
 * departments; never touches an article already there, which its department may have edited or retired.
 */
export async function seedKnowledgeArticles(db: Db): Promise<number> {
  let added = 0;
  await db.transaction(async (tx) => {
    // Two instances starting together: the second waits here, then finds every article present.
    await lockIdempotencyKey(tx, "knowledge-seed");
    for (const s of SEED_ARTICLES) {
      if (await findArticleBySeedKey(tx, s.key)) continue;
      const department = await findDepartmentByCode(tx, s.department);
      if (!department) continue;
      const row = {
        id: randomUUID(),
        seedKey: s.key,
        title: s.title,
        body: s.body,
        categoryCode: s.category,
        departmentId: department.id,
        keywords: s.keywords,
        policyRef: s.policyRef,
        effectiveFrom: s.from,
        effectiveTo: s.to,
        public: s.public ?? true,
        status: "published" as const,
        version: 1,
        createdBy: null,
        createdAt: SEEDED_AT,
        updatedAt: SEEDED_AT,
      };
      const created = await insertArticle(tx, row, vectorOf(row));
      await insertVersion(tx, created, SEEDED_AT, null);
      added++;
    }
  });
  return added;
}
