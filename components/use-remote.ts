import { useCallback, useEffect, useRef, useState } from 'react';
import { type RequestName, type RequestOf, type Responses, send } from '@/utils/protocol';

export interface Remote<T> {
  data?: T;
  error?: string;
  loading: boolean;
  reload: () => void;
}

/** A background query that re-runs whenever the background says the backlog or config changed. */
export function useRemote<K extends RequestName>(type: K, payload: RequestOf<K>): Remote<Responses[K]> {
  const [state, setState] = useState<{ data?: Responses[K]; error?: string; loading: boolean }>({ loading: true });
  // Callers pass literals: the payload's JSON is its identity across renders.
  const payloadJson = JSON.stringify(payload);
  // Only the latest request may set the state: an older, slower answer (a previous filter) would undo a newer one.
  const latest = useRef(0);
  const reload = useCallback(() => {
    const request = ++latest.current;
    send(type, JSON.parse(payloadJson) as RequestOf<K>).then(
      (data) => request === latest.current && setState({ data, loading: false }),
      (error: unknown) =>
        request === latest.current &&
        setState((s) => ({ ...s, loading: false, error: error instanceof Error ? error.message : String(error) })),
    );
  }, [type, payloadJson]);
  useEffect(() => {
    reload();
    const listener = (message: unknown) => {
      if ((message as { type?: string })?.type === 'broadcast/backlog-changed') reload();
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [reload]);
  return { ...state, reload };
}

/** Re-renders every `ms` so relative times and SLA states stay current. */
export function useNow(ms = 5000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}
