import type { CombinedError } from 'urql';

/** A loading state that says what is loading, announced to screen readers. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="status loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

/** The API's failure as a message a user can act on, never a blank page. */
export function ErrorMessage({ error, what }: { error: CombinedError | Error; what: string }) {
  return (
    <div className="status error" role="alert">
      <strong>Could not load {what}.</strong> {describe(error)}
    </div>
  );
}

export function describe(error: CombinedError | Error): string {
  if ('networkError' in error && error.networkError) {
    return 'The appgraph API did not answer (' + error.networkError.message + '). Is the server running?';
  }
  if ('graphQLErrors' in error && error.graphQLErrors.length > 0) {
    return error.graphQLErrors.map((e) => e.message).join('; ');
  }
  return error.message;
}
