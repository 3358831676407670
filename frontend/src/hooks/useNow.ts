import { useEffect, useState } from 'react';

/** The current time, ticking every `everyMillis`, so relative times ("12 min ago") and running bars stay true. */
export function useNow(everyMillis: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), everyMillis);
    return () => window.clearInterval(timer);
  }, [everyMillis]);
  return now;
}
