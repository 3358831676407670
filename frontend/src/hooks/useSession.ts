import { useEffect, useState } from 'react';
import { type Session, fetchSession } from '../api/session';

let loaded: Promise<Session> | undefined;

/** The session, asked for once per page load; undefined until it arrives (or if it cannot). */
export function useSession(): Session | undefined {
  const [session, setSession] = useState<Session>();
  useEffect(() => {
    let live = true;
    loaded ??= fetchSession();
    loaded.then((s) => live && setSession(s)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return session;
}
