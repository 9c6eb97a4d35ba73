/** Loading one resource for a page, and running an export behind a button: the fetch, its spinner and its error, written once. */
import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { App } from 'antd';
import { api, downloadFile, errorMessage, withQuery, type Query } from './api.ts';

export interface RemoteOptions<T> {
  /** What `data` holds before the first answer (and after `reset`). */
  initial?: T;
  /** Further values whose change loads again (compared by value). */
  deps?: unknown[];
  /** Empties `data` back to `initial` when a new load starts, instead of keeping the last answer on screen. */
  reset?: boolean;
  /** Handles a failed load itself instead of the usual error message (`error` holds it either way). */
  onError?: (e: unknown) => void;
}

export interface Remote<T> {
  data: T;
  loading: boolean;
  /** The last load's failure, cleared when the next load starts. */
  error: unknown;
  /** Loads again with the same path and query (after a write). */
  reload: () => void;
  /** Counts the reloads, for children that load in step with this page. */
  version: number;
  setData: Dispatch<SetStateAction<T>>;
}

/**
 * GETs `path` with `query` and keeps the answer, showing the last one while the next loads (unless `reset`); a null
 * path loads nothing and holds `initial`. The path and query are compared by value,
 * so a page passes a fresh object each render without useMemo. A newer load wins: the answer of a superseded one is
 * dropped. A failure shows `message.error` unless `onError` is given.
 */
export function useRemote<T>(path: string | null, query: Query | undefined, opts: RemoteOptions<T> & { initial: T }): Remote<T>;
export function useRemote<T>(path: string | null, query?: Query, opts?: RemoteOptions<T>): Remote<T | null>;
export function useRemote<T>(path: string | null, query?: Query, opts: RemoteOptions<T> = {}): Remote<T | null> {
  const { message } = App.useApp();
  const [data, setData] = useState<T | null>(opts.initial ?? null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  // The latest options, read when an answer arrives, so callers may pass fresh closures and objects each render.
  const latest = useRef(opts);
  latest.current = opts;
  const url = path === null ? null : withQuery(path, query);
  const depKey = JSON.stringify(opts.deps ?? []);

  useEffect(() => {
    const o = latest.current;
    setError(null);
    if (url === null || o.reset) setData(o.initial ?? null);
    if (url === null) return;
    let live = true;
    setLoading(true);
    api
      .get<T>(url)
      .then((r) => {
        if (live) setData(r);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setError(e);
        const onError = latest.current.onError;
        if (onError) onError(e);
        else message.error(errorMessage(e));
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [url, depKey, version, message]);

  const reload = useCallback(() => setVersion((n) => n + 1), []);
  return { data, loading: url !== null && loading, error, reload, version, setData };
}

/** An export button's state: `exporting` while the file is built; a failure shows as an error message. */
export function useExport() {
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const run = useCallback(
    async (task: () => Promise<unknown>) => {
      setExporting(true);
      try {
        await task();
      } catch (e) {
        message.error(errorMessage(e));
      } finally {
        setExporting(false);
      }
    },
    [message],
  );
  const download = useCallback((path: string, query: Query | undefined, fileName: string) => run(() => downloadFile(path, query, fileName)), [run]);
  return { exporting, run, download };
}
