import { useCallback, useState } from 'react';

const KEY = 'appgraph.handle';

/**
 * The handle of whoever uses this browser, remembered in localStorage: without a login (local
 * mode) "I'm on it" and "Silence" ask for it once.
 */
export function useRememberedHandle(): [string | null, (handle: string | null) => void] {
  const [handle, setHandle] = useState<string | null>(() => read());
  const remember = useCallback((next: string | null) => {
    try {
      if (next) window.localStorage.setItem(KEY, next);
      else window.localStorage.removeItem(KEY);
    } catch {
      // Storage may be off (private mode): the handle then lasts as long as the page.
    }
    setHandle(next);
  }, []);
  return [handle, remember];
}

function read(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null;
  }
}
