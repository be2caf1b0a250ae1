/** Open311 GeoReport v2 shapes of OneWindow's categories and cases; pure. */
import type { CaseDto, CategoryDto } from "../../models/contracts.ts";
import { OPEN_STATUSES, type Status } from "../../models/enums.ts";

const shanghai = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** A w3 datetime with the city's offset (the specification requires the zone): 2026-11-27T16:30:00+08:00. */
export function w3(iso: string | null): string | null {
  return iso ? `${shanghai.format(new Date(iso)).replace(" ", "T")}+08:00` : null;
}

/** A category as an Open311 service. */
export function presentService(c: CategoryDto, group: string | null) {
  return {
    service_code: c.code,
    service_name: c.name,
    description: `${c.name}（答复时限 ${c.replyDays} 个工作日）`,
    metadata: false,
    type: "realtime",
    keywords: c.code.split(".").join(", "),
    group,
  };
}

/**
 * A case as an Open311 service request, built from the strict external projection (presentExternalCase):
 * no requester data ever appears here.
 */
export function presentServiceRequest(c: CaseDto, names: { service: (code: string | null) => string | null; agency: (id: string | null) => string | null }) {
  const open = OPEN_STATUSES.includes(c.status as Status);
  return {
    service_request_id: c.number,
    status: open ? "open" : "closed",
    status_notes: c.reply ?? c.answer ?? null,
    service_name: names.service(c.categoryCode),
    service_code: c.categoryCode,
    description: c.description,
    agency_responsible: names.agency(c.departmentId),
    service_notice: null,
    requested_datetime: w3(c.receivedAt),
    updated_datetime: w3(open ? c.updatedAt : (c.closedAt ?? c.updatedAt)),
    expected_datetime: w3(c.deadlines.replyBy),
    address: c.location,
    address_id: null,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}
