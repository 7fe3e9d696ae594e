'use client';
// State of one API call from a form or button: pending while it runs, the error it failed with.
import { useCallback, useState } from 'react';

export function useApiAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  /** Runs the call; resolves true on success (the error is kept for display otherwise). */
  const run = useCallback(async (call: () => Promise<unknown>): Promise<boolean> => {
    setPending(true);
    setError(null);
    try {
      await call();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setPending(false);
    }
  }, []);

  return { pending, error, run, reset: () => setError(null) };
}
