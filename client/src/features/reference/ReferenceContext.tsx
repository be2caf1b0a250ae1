/** Departments and categories, loaded once per session and shared (names for ids everywhere). */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { CategoryDto, DepartmentDto } from "../../../../models/contracts.ts";
import { listCategories, listDepartments } from "../../api/reference.ts";
import { ErrorState, Loading } from "../../components/States.tsx";

interface Reference {
  departments: DepartmentDto[];
  categories: CategoryDto[];
  loaded: boolean;
  error: string | null;
  reload: () => void;
  departmentName: (id: string | null | undefined) => string;
  categoryName: (code: string | null | undefined) => string;
}

const ReferenceContext = createContext<Reference | null>(null);

export function ReferenceProvider({ children }: { children: ReactNode }) {
  const [departments, setDepartments] = useState<DepartmentDto[]>([]);
  const [categories, setCategories] = useState<CategoryDto[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [n, setN] = useState(0);

  useEffect(() => {
    let alive = true;
    Promise.all([listDepartments(), listCategories()])
      .then(([d, c]) => {
        if (!alive) return;
        setDepartments(d);
        setCategories(c);
        setLoaded(true);
        setError(null);
      })
      .catch((e: Error) => alive && setError(e.message));
    return () => {
      alive = false;
    };
  }, [n]);

  const reload = useCallback(() => setN((x) => x + 1), []);

  const value = useMemo<Reference>(() => {
    const dept = new Map(departments.map((d) => [d.id, d.name]));
    const cat = new Map(categories.map((c) => [c.code, c.name]));
    return {
      departments,
      categories,
      loaded,
      error,
      reload,
      departmentName: (id) => (id ? (dept.get(id) ?? id) : ""),
      categoryName: (code) => (code ? (cat.get(code) ?? code) : ""),
    };
  }, [departments, categories, loaded, error, reload]);

  return <ReferenceContext.Provider value={value}>{children}</ReferenceContext.Provider>;
}

export function useReference(): Reference {
  const v = useContext(ReferenceContext);
  if (!v) throw new Error("useReference outside ReferenceProvider");
  return v;
}

/** Renders its children once the reference data is there (names resolve from the first paint). */
export function ReferenceGate({ children }: { children: ReactNode }) {
  const { loaded, error, reload } = useReference();
  if (error && !loaded) return <ErrorState message={error} onRetry={reload} />;
  if (!loaded) return <Loading />;
  return <>{children}</>;
}
