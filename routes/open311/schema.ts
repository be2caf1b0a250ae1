import Joi from "joi";

const list = Joi.string().trim().max(2000);
const w3date = Joi.date().iso().min("2000-01-01T00:00:00Z").max("2199-12-31T00:00:00Z");

/** GET requests: the specification's optional arguments (others, such as jurisdiction_id, are ignored). */
export const requestsQuery = Joi.object({
  service_request_id: list.allow(""),
  service_code: list.allow(""),
  start_date: w3date.allow(""),
  end_date: w3date.allow(""),
  status: Joi.string()
    .trim()
    .pattern(/^(open|closed)(,(open|closed))*$/)
    .allow(""),
  api_key: Joi.string().trim().max(200).allow(""),
}).unknown(true);

/** POST requests: the specification's form fields; attribute[…] and jurisdiction_id are accepted and ignored. */
export const postRequestBody = Joi.object({
  api_key: Joi.string().trim().max(200).allow(""),
  service_code: Joi.string().trim().max(64).allow(""),
  lat: Joi.number().min(-90).max(90).allow(""),
  long: Joi.number().min(-180).max(180).allow(""),
  address_string: Joi.string().trim().max(500).allow(""),
  address_id: Joi.string().trim().max(100).allow(""),
  email: Joi.string().trim().max(200).allow(""),
  device_id: Joi.string().trim().max(200).allow(""),
  account_id: Joi.string().trim().max(200).allow(""),
  first_name: Joi.string().trim().max(50).allow(""),
  last_name: Joi.string().trim().max(50).allow(""),
  phone: Joi.string().trim().max(30).allow(""),
  description: Joi.string().trim().max(4000).allow(""),
  media_url: Joi.string().trim().max(1000).uri({ scheme: ["http", "https"] }).allow(""),
}).unknown(true);
