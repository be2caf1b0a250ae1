/** An enterprise submits an appeal; the server fills in the enterprise. */
import { useState } from "react";
import { useNavigate } from "react-router";
import { useNotice } from "../../components/Notice.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { IntakeForm } from "../intake/IntakeForm.tsx";
import { HelpfulAnswers } from "../knowledge/HelpfulAnswers.tsx";

export function NewAppeal() {
  const { t } = useI18n();
  const { notify } = useNotice();
  const navigate = useNavigate();
  const [matter, setMatter] = useState("");
  return (
    <div className="page narrow">
      <div className="page-head">
        <div>
          <h1>{t("enterprise.new.title")}</h1>
          <p className="muted">{t("enterprise.new.lead")}</p>
        </div>
      </div>
      <section className="panel">
        <IntakeForm
          mode="enterprise"
          onMatterChange={setMatter}
          extra={<HelpfulAnswers text={matter} />}
          onCreated={(c) => {
            notify(t("enterprise.new.done", { number: c.number }), "success");
            navigate(`/cases/${c.id}`);
          }}
        />
      </section>
    </div>
  );
}
