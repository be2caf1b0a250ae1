/** The service centre: lines, tickets, the clerk's window, the board and the hall's figures. */
import type { BoardDto, CentreStatsDto, HallDto, ServiceDto, TicketDto } from "../../../models/contracts.ts";
import type { TicketOutcome, TicketStep } from "../../../models/enums.ts";
import { get, post, put } from "./http.ts";

const BASE = "/service-centre";

export const listServices = () => get<ServiceDto[]>(`${BASE}/services`);
export const saveService = (code: string, body: { name: string; prefix: string; active: boolean; sort?: number }) =>
  put<{ service: ServiceDto }>(`${BASE}/services/${encodeURIComponent(code)}`, body);

export const takeTicket = (serviceCode: string, phone?: string) => post<{ ticket: TicketDto }>(`${BASE}/tickets`, { serviceCode, ...(phone ? { phone } : {}) });
export const readTicket = (id: string, accessCode?: string) =>
  get<{ ticket: TicketDto }>(`${BASE}/tickets/${encodeURIComponent(id)}${accessCode ? `?accessCode=${encodeURIComponent(accessCode)}` : ""}`, { quiet401: !!accessCode });
export const listTickets = (opts: { mine?: boolean; status?: string } = {}) => {
  const q = new URLSearchParams();
  if (opts.mine) q.set("mine", "true");
  if (opts.status) q.set("status", opts.status);
  return get<{ items: TicketDto[] }>(`${BASE}/tickets${q.size ? `?${q}` : ""}`);
};
export const ticketStep = (id: string, step: TicketStep, body: { outcome?: TicketOutcome; caseId?: string } = {}) =>
  post<{ ticket: TicketDto }>(`${BASE}/tickets/${encodeURIComponent(id)}/${step}`, body);
export const callNext = (window: string, serviceCodes: string[]) => post<{ ticket: TicketDto }>(`${BASE}/windows/${encodeURIComponent(window)}/call-next`, { serviceCodes });

export const getBoard = () => get<BoardDto>(`${BASE}/board`);
export const getStats = (date?: string) => get<CentreStatsDto>(`${BASE}/stats${date ? `?date=${date}` : ""}`);
export const getHall = () => get<HallDto>(`${BASE}/hall`);
