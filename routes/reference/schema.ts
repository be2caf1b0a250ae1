import Joi from "joi";
import { instant } from "../fields.ts";

/** A calendar date YYYY-MM-DD between 1900 and 2199. */
export const isoDate = Joi.string()
  .pattern(/^(19|20|21)\d{2}-\d{2}-\d{2}$/)
  .custom((value, helpers) => {
    const d = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : helpers.error("any.invalid");
  }, "calendar date");

export const workingDayQuery = Joi.object({ date: isoDate.required() });

export const deadlineQuery = Joi.object({
  from: instant.required(),
  workingDays: Joi.number().integer().min(1).max(366),
  workingHours: Joi.number().positive().max(24 * 100),
}).xor("workingDays", "workingHours");

export const calendarDaysBody = Joi.object({
  year: Joi.number().integer().min(2000).max(2100).required(),
  source: Joi.string().trim().min(1).max(500).required(),
  days: Joi.array()
    .items(
      Joi.object({
        date: isoDate.required(),
        working: Joi.boolean().required(),
        name: Joi.string().trim().max(50).allow(null, ""),
      }),
    )
    .max(366)
    .unique("date")
    .required(),
});
