/** 转为工单: the ticket named in the intake page's ?ticket= and the values it prefills (phone, enterprise). */
import { useEffect, useState } from "react";
import type { EnterpriseDto, TicketDto } from "../../../../models/contracts.ts";
import { get } from "../../api/http.ts";
import { readTicket } from "../../api/serviceCentre.ts";
import type { IntakeValues } from "../../lib/intake.ts";

/** The ticket and prefilled values; `ready` once loaded (immediately when there is no ticket). */
export function useTicketIntake(ticketId: string | null): { ticket: TicketDto | null; initial: Partial<IntakeValues>; ready: boolean } {
  const [state, setState] = useState<{ ticket: TicketDto | null; initial: Partial<IntakeValues>; ready: boolean }>({ ticket: null, initial: {}, ready: !ticketId });
  useEffect(() => {
    if (!ticketId) return setState({ ticket: null, initial: {}, ready: true });
    let alive = true;
    (async () => {
      const { ticket } = await readTicket(ticketId);
      const enterprise = ticket.enterpriseId ? (await get<{ enterprise: EnterpriseDto }>(`/enterprises/${encodeURIComponent(ticket.enterpriseId)}`)).enterprise : null;
      const initial: Partial<IntakeValues> = { phone: ticket.phone ?? "", ...(enterprise ? { enterpriseName: enterprise.name, creditCode: enterprise.creditCode } : {}) };
      if (alive) setState({ ticket, initial, ready: true });
    })().catch(() => alive && setState({ ticket: null, initial: {}, ready: true }));
    return () => {
      alive = false;
    };
  }, [ticketId]);
  return state;
}
