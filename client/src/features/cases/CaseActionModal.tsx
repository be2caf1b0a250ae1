/** One action on a case from a list, in a dialog, with the context needed to decide. */
import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { CaseDto, CaseEventDto } from "../../../../models/contracts.ts";
import type { CaseAction } from "../../../../models/enums.ts";
import { getCase } from "../../api/cases.ts";
import { StatusBadge } from "../../components/Badges.tsx";
import { Modal } from "../../components/Modal.tsx";
import { useNotice } from "../../components/Notice.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { outcomeText } from "../../lib/actionOutcome.ts";
import { formatDateTime } from "../../lib/format.ts";
import { lastApprovedReturn, lastReturn } from "../../lib/redispatch.ts";
import { useReference } from "../reference/ReferenceContext.tsx";
import { ActionForm, type ActionResult } from "./ActionForm.tsx";
import { ReturnQuote } from "./ReturnQuote.tsx";

/** The actions whose dialog needs the case's timeline: the return being decided, or the approved one before a re-dispatch. */
const NEEDS_TIMELINE: CaseAction[] = ["decide-return", "dispatch"];

export function CaseActionModal({ kase, action, onClose, onDone }: { kase: CaseDto; action: CaseAction; onClose: () => void; onDone?: (r: ActionResult) => void }) {
  const { t } = useI18n();
  const { notify } = useNotice();
  const { departmentName } = useReference();
  const [returned, setReturned] = useState<CaseEventDto | null>(null);
  const [loaded, setLoaded] = useState(!NEEDS_TIMELINE.includes(action));

  useEffect(() => {
    if (!NEEDS_TIMELINE.includes(action)) return;
    getCase(kase.id)
      .then((d) => setReturned((action === "dispatch" ? lastApprovedReturn(d.timeline) : lastReturn(d.timeline)) ?? null))
      .catch(() => setReturned(null))
      .finally(() => setLoaded(true));
  }, [action, kase.id]);

  return (
    <Modal title={`${t(`action.${action}`)} · ${kase.number}`} onClose={onClose}>
      <div className="modal-case">
        <p>
          <Link to={`/cases/${kase.id}`}>{kase.title}</Link> <StatusBadge status={kase.status} />
        </p>
        <p className="muted small">
          {t(`type.${kase.type}`)} · {formatDateTime(kase.receivedAt)}
          {kase.departmentId ? ` · ${departmentName(kase.departmentId)}` : ""}
        </p>
        <p className="prewrap clamp">{kase.description}</p>
        {action === "callback" && (
          <dl className="facts">
            <dt>{t("case.requester")}</dt>
            <dd>{kase.requester.name ?? "—"}</dd>
            <dt>{t("intake.phone")}</dt>
            <dd>{kase.requester.phone ? <a href={`tel:${kase.requester.phone}`}>{kase.requester.phone}</a> : "—"}</dd>
            <dt>{t("case.callbackAttempts")}</dt>
            <dd>{t("case.callbackAttemptsValue", { n: kase.callbackAttempts })}</dd>
          </dl>
        )}
        {action === "callback" && kase.reply && (
          <div className="quote">
            <strong>{t("case.reply")}</strong>
            <p className="prewrap">{kase.reply}</p>
          </div>
        )}
        {action === "decide-return" && returned && <ReturnQuote returned={returned} title={t("returns.requested")} />}
      </div>
      {loaded && (
        <ActionForm
          kase={kase}
          action={action}
          returned={action === "dispatch" ? returned : null}
          onCancel={onClose}
          onDone={(r) => {
            notify(t("case.outcomeOn", { number: kase.number, message: outcomeText(t, action, r) }), "success");
            onDone?.(r);
            onClose();
          }}
        />
      )}
    </Modal>
  );
}
