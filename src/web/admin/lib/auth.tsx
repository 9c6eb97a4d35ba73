/** The signed-in session: who, where, what they may do; the CSRF token lives only in memory. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken, setUnauthenticatedHandler, type Me, type Permission } from './api.ts';

type State = { status: 'loading' } | { status: 'anonymous' } | { status: 'signed_in'; me: Me };

interface Auth {
  state: State;
  me: Me | null;
  can: (p: Permission) => boolean;
  refresh: () => Promise<Me | null>;
  login: (username: string, password: string) => Promise<{ mustChangePassword: boolean }>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading' });

  const refresh = useCallback(async () => {
    try {
      const me = await api.get<Me>('/api/v1/auth/me', undefined, { silent401: true });
      setCsrfToken(me.csrfToken);
      setState({ status: 'signed_in', me });
      return me;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        setCsrfToken('');
        setState({ status: 'anonymous' });
        return null;
      }
      throw e;
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => setState({ status: 'anonymous' }));
    setUnauthenticatedHandler(() => {
      setCsrfToken('');
      setState({ status: 'anonymous' });
    });
    return () => setUnauthenticatedHandler(null);
  }, [refresh]);

  const login = useCallback(
    async (username: string, password: string) => {
      const r = await api.post<{ mustChangePassword: boolean; csrfToken: string }>('/api/v1/auth/login', { username, password }, { silent401: true });
      setCsrfToken(r.csrfToken);
      await refresh();
      return { mustChangePassword: r.mustChangePassword };
    },
    [refresh],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/v1/auth/logout', {}, { silent401: true });
    } finally {
      setCsrfToken('');
      setState({ status: 'anonymous' });
    }
  }, []);

  const value = useMemo<Auth>(() => {
    const me = state.status === 'signed_in' ? state.me : null;
    return { state, me, can: (p) => !!me && me.permissions.includes(p), refresh, login, logout };
  }, [state, refresh, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** For pages under the signed-in layout. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a session');
  return me;
}
