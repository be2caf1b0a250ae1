import Joi from "joi";

/** Validated configuration; the only place that reads process.env. */
export interface Env {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  redisUrl: string | null;
  /** The configured signing secret; null outside production means "generate one and keep it with the data". */
  sessionSecret: string | null;
  tokenTtlSeconds: number;
  caseNumberPrefix: string;
  logLevel: string;
  bodyLimit: string;
  loginRateLimit: number;
  loginRateWindowSeconds: number;
  loginRateStore: "memory" | "redis";
  /** Failed sign-ins from one client address (all user names together) per window. */
  loginAddressRateLimit: number;
  /** Express `trust proxy`: false (the socket address is the client), a hop count, or trusted addresses/subnets. */
  trustProxy: false | number | string[];
  seedDemo: boolean;
  sweepIntervalSeconds: number;
  serveClient: boolean;
  dbPoolSize: number;
  dbQueryTimeoutMs: number;
  serviceCentreId: string;
  kioskRateLimit: number;
  kioskRateWindowSeconds: number;
  webhookPollMs: number;
  webhookTimeoutMs: number;
  webhookConcurrency: number;
  webhookRetryBaseMs: number;
  webhookRetryMaxMs: number;
  webhookRetryHours: number;
  webhookCacheMs: number;
}

/** The development secret earlier versions shipped in the source and .env.example. */
const PUBLISHED_SECRET = "onewindow-development-secret-change-me";

/** TRUST_PROXY as express's `trust proxy` setting. */
function parseTrustProxy(raw: string): Env["trustProxy"] {
  if (raw === "" || raw === "false") return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw.split(",").map((s) => s.trim());
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
  // The value an earlier .env.example shipped is known to everyone: refused, like any short secret.
  SESSION_SECRET: Joi.string()
    .min(32)
    .invalid(PUBLISHED_SECRET)
    .messages({ "any.invalid": '"SESSION_SECRET" is a value published in the source; generate your own (openssl rand -base64 48)' })
    .when("NODE_ENV", { is: "production", then: Joi.required(), otherwise: Joi.optional().allow("") }),
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
  LOGIN_ADDRESS_RATE_LIMIT: Joi.number().integer().min(1).default(30),
  // "false"/empty: nobody; a hop count; or addresses, subnets and the names loopback, linklocal, uniquelocal.
  TRUST_PROXY: Joi.string()
    .trim()
    .allow("")
    .default("")
    .pattern(/^(false|\d{1,2}|[0-9A-Za-z.:/]+(\s*,\s*[0-9A-Za-z.:/]+)*)$/)
    .messages({ "string.pattern.base": '"TRUST_PROXY" must be false, a hop count, or comma-separated addresses/subnets (loopback, 10.0.0.0/8, …)' }),
  SEED_DEMO: Joi.when("NODE_ENV", {
    is: "production",
    then: Joi.string()
      .valid("auto", "false")
      .messages({ "any.only": '"SEED_DEMO" cannot be "true" in production: demo accounts have a published password' }),
    otherwise: Joi.string().valid("auto", "true", "false"),
  }).default("auto"),
  SWEEP_INTERVAL_SECONDS: Joi.number().integer().min(0).default(60),
  SERVE_CLIENT: Joi.boolean().truthy("1").falsy("0").default(true),
  DB_POOL_SIZE: Joi.number().integer().min(1).max(200).default(10),
  DB_QUERY_TIMEOUT_MS: Joi.number().integer().min(100).default(5000),
  SERVICE_CENTRE_ID: Joi.string().pattern(/^[A-Za-z0-9_-]{1,40}$/).default("main"),
  KIOSK_RATE_LIMIT: Joi.number().integer().min(1).default(20),
  KIOSK_RATE_WINDOW_SECONDS: Joi.number().integer().min(1).default(60),
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
    sessionSecret: value.SESSION_SECRET || null,
    tokenTtlSeconds: value.TOKEN_TTL_SECONDS,
    caseNumberPrefix: value.CASE_NUMBER_PREFIX,
    logLevel: value.LOG_LEVEL,
    bodyLimit: value.BODY_LIMIT,
    loginRateLimit: value.LOGIN_RATE_LIMIT,
    loginRateWindowSeconds: value.LOGIN_RATE_WINDOW_SECONDS,
    loginRateStore: value.LOGIN_RATE_STORE,
    loginAddressRateLimit: value.LOGIN_ADDRESS_RATE_LIMIT,
    trustProxy: parseTrustProxy(value.TRUST_PROXY),
    // Demo data seeds itself only into an embedded database outside production; a server database needs `npm run seed:demo`.
    seedDemo: value.SEED_DEMO === "true" || (value.SEED_DEMO === "auto" && !databaseUrl && value.NODE_ENV !== "production"),
    sweepIntervalSeconds: value.SWEEP_INTERVAL_SECONDS,
    serveClient: value.SERVE_CLIENT,
    dbPoolSize: value.DB_POOL_SIZE,
    dbQueryTimeoutMs: value.DB_QUERY_TIMEOUT_MS,
    serviceCentreId: value.SERVICE_CENTRE_ID,
    kioskRateLimit: value.KIOSK_RATE_LIMIT,
    kioskRateWindowSeconds: value.KIOSK_RATE_WINDOW_SECONDS,
    webhookPollMs: value.WEBHOOK_POLL_MS,
    webhookTimeoutMs: value.WEBHOOK_TIMEOUT_MS,
    webhookConcurrency: value.WEBHOOK_CONCURRENCY,
    webhookRetryBaseMs: value.WEBHOOK_RETRY_BASE_MS,
    webhookRetryMaxMs: value.WEBHOOK_RETRY_MAX_MS,
    webhookRetryHours: value.WEBHOOK_RETRY_HOURS,
    webhookCacheMs: value.WEBHOOK_CACHE_MS,
  };
}
