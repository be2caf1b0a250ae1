import type Joi from "joi";

/** Validation messages per language: Chinese for the common joi codes, and both languages for OneWindow's own codes. */
export const JOI_MESSAGES = {
  en: {
    "creditCode.invalid": "{{#label}} is not a valid unified social credit code (GB 32100-2015)",
    "phone.invalid": "{{#label}} must be a mainland mobile (1[3-9]xxxxxxxxx) or landline (0xx-xxxxxxxx) number",
  },
  zh: {
    "creditCode.invalid": "{{#label}} 不是有效的统一社会信用代码（GB 32100-2015 校验位不符）",
    "phone.invalid": "{{#label}} 应为大陆手机号（1[3-9] 开头 11 位）或固定电话（0xx-xxxxxxxx）",
    "any.required": "{{#label}} 为必填项",
    "any.only": "{{#label}} 的取值不在允许范围内",
    "any.invalid": "{{#label}} 的取值无效",
    "any.unknown": "不允许提供 {{#label}}",
    "object.unknown": "不允许提供字段 {{#label}}",
    "object.base": "{{#label}} 应为对象",
    "object.min": "{{#label}} 至少需要 {{#limit}} 个字段",
    "object.xor": "{{#label}} 中以下字段只能且必须提供一个：{{#peers}}",
    "object.missing": "{{#label}} 至少需要以下字段之一：{{#peers}}",
    "string.base": "{{#label}} 应为文本",
    "string.empty": "{{#label}} 不能为空",
    "string.min": "{{#label}} 至少 {{#limit}} 个字符",
    "string.max": "{{#label}} 不能超过 {{#limit}} 个字符",
    "string.pattern.base": "{{#label}} 格式不正确",
    "string.uri": "{{#label}} 应为有效地址",
    "number.base": "{{#label}} 应为数字",
    "number.integer": "{{#label}} 应为整数",
    "number.min": "{{#label}} 不能小于 {{#limit}}",
    "number.max": "{{#label}} 不能大于 {{#limit}}",
    "number.positive": "{{#label}} 应为正数",
    "number.unsafe": "{{#label}} 超出可处理的数值范围",
    "boolean.base": "{{#label}} 应为 true 或 false",
    "date.base": "{{#label}} 应为有效日期时间",
    "date.format": "{{#label}} 应为 ISO 8601 日期时间",
    "date.min": "{{#label}} 不能早于 {{#limit}}",
    "date.max": "{{#label}} 不能晚于 {{#limit}}",
    "array.base": "{{#label}} 应为数组",
    "array.max": "{{#label}} 最多 {{#limit}} 项",
    "array.unique": "{{#label}} 含有重复项",
    "array.includesRequiredUnknowns": "{{#label}} 缺少必需的项",
  },
} as const;

/** joi options validating in the request's language. */
function joiOptions(language: "zh" | "en"): Joi.ValidationOptions {
  return {
    abortEarly: false,
    convert: true,
    stripUnknown: false,
    errors: { wrap: { label: false }, language },
    messages: JOI_MESSAGES as unknown as Joi.LanguageMessages,
  };
}

/**
 * Each schema with the options of one language set as its preferences, made once: joi compiles the message
 * templates when preferences are set, where passing them to validate() would compile them on every call.
 */
const prepared = new WeakMap<Joi.Schema, Partial<Record<"zh" | "en", Joi.Schema>>>();

/** Validates input against schema in the given language, with OneWindow's options and messages. */
export function validateIn<T = any>(schema: Joi.Schema<T>, input: unknown, language: "zh" | "en"): Joi.ValidationResult<T> {
  let bySchema = prepared.get(schema);
  if (!bySchema) prepared.set(schema, (bySchema = {}));
  const ready = (bySchema[language] ??= schema.prefs(joiOptions(language)));
  return ready.validate(input) as Joi.ValidationResult<T>;
}
