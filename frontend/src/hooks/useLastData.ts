import { useRef } from 'react';

/**
 * The latest data a query returned, kept while the next variables load, so typing in a search box
 * or moving a slider keeps the old rows on screen instead of flashing a loading state.
 */
export function useLastData<T>(data: T | undefined): T | undefined {
  const last = useRef<T | undefined>(undefined);
  if (data !== undefined) last.current = data;
  return data ?? last.current;
}
