/** The hall's display board (/board): full screen, legible from ten metres, no sign-in and no personal data. */
import { useEffect, useState } from "react";
import type { BoardCallDto } from "../../../../models/contracts.ts";
import { useI18n } from "../../i18n/index.tsx";
import { announce, enableSound, soundReady } from "./announce.ts";
import { useBoard } from "./useBoard.ts";
import "./centre.css";

function Clock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const time = now.toLocaleTimeString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
  const date = now.toLocaleDateString("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "long", day: "numeric", weekday: "long" });
  return (
    <div className="board-clock">
      <span className="board-time">{time}</span>
      <span className="board-date">{date}</span>
    </div>
  );
}

export function BoardPage() {
  const { t } = useI18n();
  const [flash, setFlash] = useState<string | null>(null);
  const [sound, setSound] = useState(soundReady());
  const { board, online } = useBoard((call: BoardCallDto) => {
    announce(call.number, call.window);
    setFlash(`${call.number}@${call.at}`);
  });

  useEffect(() => {
    document.title = `${t("centre.board.title")} · ${t("app.name")}`;
    if (!flash) return;
    const timer = window.setTimeout(() => setFlash(null), 8000);
    return () => window.clearTimeout(timer);
  }, [flash, t]);

  const names = new Map((board?.services ?? []).map((s) => [s.code, s]));
  const [latest, ...earlier] = board?.calls ?? [];
  return (
    <div className="board" onClick={() => setSound(enableSound())}>
      <header className="board-head">
        <div className="board-brand">
          <span className="board-mark">一</span>
          <span>{t("centre.name")}</span>
        </div>
        <Clock />
      </header>
      {!online && <div className="board-offline" role="status">{t("centre.board.offline")}</div>}
      <main className="board-main">
        <section className={`board-now${flash ? " board-flash" : ""}`} aria-live="assertive">
          <h1 className="board-label">{t("centre.board.title")}</h1>
          {latest ? (
            <>
              <div className="board-now-number">{latest.number}</div>
              <div className="board-now-window">
                → <strong>{t("centre.board.toWindow", { window: latest.window })}</strong>
              </div>
              <div className="board-now-text">{t("centre.board.calling", { number: latest.number, window: latest.window })}</div>
            </>
          ) : (
            <div className="board-now-empty">{t("centre.board.none")}</div>
          )}
        </section>
        <section className="board-recent">
          <h2 className="board-label">{t("centre.board.recent")}</h2>
          <table className="board-table">
            <thead>
              <tr>
                <th scope="col">{t("centre.board.number")}</th>
                <th scope="col">{t("centre.board.window")}</th>
              </tr>
            </thead>
            <tbody>
              {earlier.slice(0, 6).map((c) => (
                <tr key={`${c.number}-${c.at}`}>
                  <td className="board-num">{c.number}</td>
                  <td>{t("centre.board.windowShort", { window: c.window })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </main>
      <footer className="board-waiting">
        <h2 className="board-label">{t("centre.board.waiting")}</h2>
        <ul>
          {(board?.waiting ?? []).map((w) => (
            <li key={w.serviceCode}>
              <span className="board-line-prefix">{names.get(w.serviceCode)?.prefix}</span>
              <span className="board-line-name">{names.get(w.serviceCode)?.name ?? w.serviceCode}</span>
              <span className="board-line-count">{t("centre.people", { n: w.count })}</span>
            </li>
          ))}
        </ul>
      </footer>
      {!sound && <div className="board-sound-hint">{t("centre.board.enableSound")}</div>}
    </div>
  );
}
