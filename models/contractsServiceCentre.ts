/** Data shapes of the service centre (api.md, Service centre), shared with the client as types only. */
import type { TicketOutcome, TicketStatus } from "./enums.ts";

/** A queue line. */
export interface ServiceDto {
  code: string;
  name: string;
  prefix: string;
  active: boolean;
  /** Extension: board order. */
  sort: number;
}

/** A ticket as its holder, the enterprise that took it, or staff read it. */
export interface TicketDto {
  id: string;
  number: string;
  serviceCode: string;
  status: TicketStatus;
  window: string | null;
  aheadCount: number;
  estimatedWaitMinutes: number;
  issuedAt: string;
  calledAt: string | null;
  servedAt: string | null;
  finishedAt: string | null;
  caseId: string | null;
  /** Extensions (docs/api-extensions.md). */
  outcome: TicketOutcome | null;
  phone: string | null;
  enterpriseId: string | null;
  /** Only in the answer to the kiosk that issued it: read the ticket later with it. */
  accessCode?: string;
}

/** One call on the board: no personal data. */
export interface BoardCallDto {
  number: string;
  window: string;
  serviceCode: string;
  at: string;
}

/** Waiting tickets of one line. */
export interface WaitingCountDto {
  serviceCode: string;
  count: number;
}

/** GET /api/service-centre/board. */
export interface BoardDto {
  /** Extension: the centre and the lines' names for the screen. */
  centreId: string;
  calls: BoardCallDto[];
  waiting: WaitingCountDto[];
  services: { code: string; name: string; prefix: string }[];
}

/** One line's figures for a day (GET /api/service-centre/stats). */
export interface ServiceStatsDto {
  serviceCode: string;
  name: string;
  issued: number;
  /** Extension: called at least once (the tickets the average wait is taken over). */
  called: number;
  served: number;
  missed: number;
  cancelled: number;
  avgWaitMinutes: number | null;
  avgServiceMinutes: number | null;
}

/** GET /api/service-centre/stats. */
export interface CentreStatsDto {
  date: string;
  services: ServiceStatsDto[];
  totals: Omit<ServiceStatsDto, "serviceCode" | "name">;
}

/** GET /api/service-centre/hall (extension): the hall now. */
export interface HallDto {
  centreId: string;
  waiting: number;
  longestWaitMinutes: number;
  windowsOpen: number;
  windows: { window: string; number: string; serviceCode: string; status: "called" | "serving"; since: string }[];
  lines: WaitingCountDto[];
}

/** Socket.IO payloads of the hall. */
export interface QueueCalledPayload extends BoardCallDto {
  centreId: string;
}
export interface QueueUpdatedPayload {
  centreId: string;
  waiting: WaitingCountDto[];
}
