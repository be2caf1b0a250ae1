import { EventEmitter } from "node:events";
import type { CaseRow, CaseEventRow, TicketRow } from "../models/schema/index.ts";
import type { DeadlineKind, DeadlineState } from "../models/enums.ts";

/** Domain events, published only after their transaction committed. */
export type DomainEvent =
  | { type: "case.created"; case: CaseRow; event: CaseEventRow; coDepartmentIds: string[] }
  | { type: "case.updated"; case: CaseRow; event: CaseEventRow; coDepartmentIds: string[]; previousDepartmentIds: string[] }
  | { type: "case.deadline"; case: CaseRow; kind: DeadlineKind; state: DeadlineState; coDepartmentIds: string[] }
  /** A user was disabled or changed role/scope: their open sockets must go. */
  | { type: "user.access_changed"; userId: string }
  /** A service-centre ticket changed; `called` when this change called or recalled it to a window. */
  | { type: "queue.ticket"; ticket: TicketRow; called: boolean };

/** In-process bus between commands (after commit) and listeners such as the realtime broadcaster. */
export class DomainBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  publish(event: DomainEvent): void {
    this.emitter.emit("event", event);
  }

  subscribe(listener: (event: DomainEvent) => void): () => void {
    this.emitter.on("event", listener);
    return () => this.emitter.off("event", listener);
  }
}
