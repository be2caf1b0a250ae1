import Joi from "joi";

/** Validated configuration; the only place that reads process.env. */
export interface Env {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  redisUrl: string | null;
  sessionSecret: string;
  tokenTtlSeconds: number;
  caseNumberPrefix: string;
  logLevel: string;
  bodyLimit: string;
  loginRateLimit: number;
  loginRateWindowSeconds: number;
  loginRateStore: "memory" | "redis";
  seedDemo: boolean;
  sweepIntervalSeconds: number;
  serveClient: boolean;
  dbPoolSize: number;
  dbQueryTimeoutMs: number;
  webhookPollMs: number;
  webhookTimeoutMs: number;
  webhookConcurrency: number;
  webhookRetryBaseMs: number;
  webhookRetryMaxMs: number;
  webhookRetryHours: number;
  webhookCacheMs: number;
}

const schema = Joi.object({
  NODE_ENV: Joi.string().valid("development", "production", "test").default("development"),
  PORT: Joi.number().port().default(3000),
  HOST: Joi.string().default("0.0.0.0"),
  DATABASE_URL: Joi.string()
    .uri({ scheme: ["postgres", "postgresql"] })
    .allow("")
    .default(""),
  DATA_DIR: Joi.string().default("./data"),
  REDIS_URL: Joi.string()
    .uri({ scheme: ["redis", "rediss"] })
    .allow("")
    .default(""),
  SESSION_SECRET: Joi.string().min(16).when("NODE_ENV", {
    is: "production",
    then: Joi.required(),
    otherwise: Joi.optional().default("onewindow-development-secret-change-me"),
  }),
  TOKEN_TTL_SECONDS: Joi.number().integer().min(60).default(12 * 3600),
  CASE_NUMBER_PREFIX: Joi.string().pattern(/^[A-Z]{1,6}$/).default("QZ"),
  LOG_LEVEL: Joi.string().valid("fatal", "error", "warn", "info", "debug", "trace", "silent").default("info"),
  BODY_LIMIT: Joi.string().pattern(/^\d+(b|kb|mb)$/i).default("100kb"),
  LOGIN_RATE_LIMIT: Joi.number().integer().min(1).default(10),
  LOGIN_RATE_WINDOW_SECONDS: Joi.number().integer().min(1).default(900),
  // "redis": instances share the sign-in counts through REDIS_URL (needed behind a load balancer).
  LOGIN_RATE_STORE: Joi.string().valid("memory", "redis").default("memory").when("REDIS_URL", {
    is: Joi.string().min(1),
    otherwise: Joi.invalid("redis").messages({ "any.invalid": '"LOGIN_RATE_STORE" can be "redis" only with REDIS_URL set' }),
  }),
  SEED_DEMO: Joi.string().valid("auto", "true", "false").default("auto"),
  SWEEP_INTERVAL_SECONDS: Joi.number().integer().min(0).default(60),
  SERVE_CLIENT: Joi.boolean().truthy("1").falsy("0").default(true),
  DB_POOL_SIZE: Joi.number().integer().min(1).max(200).default(10),
  DB_QUERY_TIMEOUT_MS: Joi.number().integer().min(100).default(5000),
  WEBHOOK_POLL_MS: Joi.number().integer().min(0).default(1000),
  WEBHOOK_TIMEOUT_MS: Joi.number().integer().min(100).default(10_000),
  WEBHOOK_CONCURRENCY: Joi.number().integer().min(1).max(500).default(20),
  WEBHOOK_RETRY_BASE_MS: Joi.number().integer().min(10).default(10_000),
  WEBHOOK_RETRY_MAX_MS: Joi.number().integer().min(10).default(3_600_000),
  WEBHOOK_RETRY_HOURS: Joi.number().min(0.0001).max(24 * 30).default(24),
  WEBHOOK_CACHE_MS: Joi.number().integer().min(0).default(5000),
}).unknown(true);

/** Reads and validates the environment; throws one error listing every problem. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const { value, error } = schema.validate(source, { abortEarly: false, convert: true });
  if (error) {
    const problems = error.details.map((d) => `  - ${d.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const databaseUrl = value.DATABASE_URL || null;
  return {
    nodeEnv: value.NODE_ENV,
    port: value.PORT,
    host: value.HOST,
    databaseUrl,
    dataDir: value.DATA_DIR,
    redisUrl: value.REDIS_URL || null,
    sessionSecret: value.SESSION_SECRET,
    tokenTtlSeconds: value.TOKEN_TTL_SECONDS,
    caseNumberPrefix: value.CASE_NUMBER_PREFIX,
    logLevel: value.LOG_LEVEL,
    bodyLimit: value.BODY_LIMIT,
    loginRateLimit: value.LOGIN_RATE_LIMIT,
    loginRateWindowSeconds: value.LOGIN_RATE_WINDOW_SECONDS,
    loginRateStore: value.LOGIN_RATE_STORE,
    // Demo data seeds itself only into an embedded database; a server database needs `npm run seed:demo`.
    seedDemo: value.SEED_DEMO === "true" || (value.SEED_DEMO === "auto" && !databaseUrl),
    sweepIntervalSeconds: value.SWEEP_INTERVAL_SECONDS,
    serveClient: value.SERVE_CLIENT,
    dbPoolSize: value.DB_POOL_SIZE,
    dbQueryTimeoutMs: value.DB_QUERY_TIMEOUT_MS,
    webhookPollMs: value.WEBHOOK_POLL_MS,
    webhookTimeoutMs: value.WEBHOOK_TIMEOUT_MS,
    webhookConcurrency: value.WEBHOOK_CONCURRENCY,
    webhookRetryBaseMs: value.WEBHOOK_RETRY_BASE_MS,
    webhookRetryMaxMs: value.WEBHOOK_RETRY_MAX_MS,
    webhookRetryHours: value.WEBHOOK_RETRY_HOURS,
    webhookCacheMs: value.WEBHOOK_CACHE_MS,
  };
}
