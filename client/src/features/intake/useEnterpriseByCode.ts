/** The registered enterprise a complete, valid credit code belongs to (null while none is found). */
import { useEffect, useRef, useState } from "react";
import type { EnterpriseDto } from "../../../../models/contracts.ts";
import { searchEnterprises } from "../../api/reference.ts";
import { enterpriseWithCode } from "../../lib/intake.ts";

/** Looks the code up once it is valid (pass "" otherwise) and hands the enterprise found to `onLink`. */
export function useEnterpriseByCode(code: string, onLink: (e: EnterpriseDto) => void): EnterpriseDto | null {
  const [linked, setLinked] = useState<EnterpriseDto | null>(null);
  // The latest callback, so that the lookup runs once per code rather than once per render.
  const link = useRef(onLink);
  link.current = onLink;

  useEffect(() => {
    setLinked(null);
    if (!code) return;
    const ac = new AbortController();
    searchEnterprises(code, ac.signal)
      .then((items) => {
        const found = enterpriseWithCode(items, code);
        setLinked(found);
        if (found) link.current(found);
      })
      .catch(() => setLinked(null));
    return () => ac.abort();
  }, [code]);
  return linked;
}
