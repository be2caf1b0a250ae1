/** A loaded list as a table: loading, error (with retry) and empty states, then the header row and the body rows. */
import type { ReactNode } from "react";
import { Empty, ErrorState, Loading } from "../../components/States.tsx";

export interface LoadState<T> {
  data: T[] | null;
  loading: boolean;
  error: string | null;
  reload: () => void;
}

export function LoadedTable<T>({ state, caption, headers, children }: { state: LoadState<T>; caption?: string; headers: string[]; children: (rows: T[]) => ReactNode }) {
  if (state.loading && !state.data) return <Loading />;
  if (state.error) return <ErrorState message={state.error} onRetry={state.reload} />;
  if (!state.data?.length) return <Empty />;
  return (
    <div className="table-wrap">
      <table className="table">
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead>
          <tr>
            {headers.map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children(state.data)}</tbody>
      </table>
    </div>
  );
}
