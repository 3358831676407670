import { useId, useState } from 'react';
import { normalizeHandle } from '../lib/alerts';
import './ActingAs.css';

/**
 * Who this browser acts as when it changes something on a person's behalf ("I'm on it",
 * silences, snoozes): logged in through the issuer, yourself; otherwise (local mode) the handle
 * you gave, remembered in this browser.
 */
export function ActingAs(props: { person: string | null | undefined; handle: string | null; onChange: (handle: string | null) => void }) {
  if (props.person) {
    return (
      <span className="acting-as">
        Acting as <strong>{props.person}</strong>
      </span>
    );
  }
  return <HandleBox handle={props.handle} onChange={props.onChange} />;
}

function HandleBox({ handle, onChange }: { handle: string | null; onChange: (handle: string | null) => void }) {
  const [editing, setEditing] = useState(false);
  if (editing || !handle) {
    return editing ? (
      <HandleForm
        label="Act as"
        initial={handle ?? ''}
        onSubmit={(h) => {
          onChange(h);
          setEditing(false);
        }}
        onCancel={() => setEditing(false)}
      />
    ) : (
      <span className="acting-as muted">
        Not signed in. <button type="button" onClick={() => setEditing(true)}>Set your handle</button>
      </span>
    );
  }
  return (
    <span className="acting-as">
      Acting as <strong>{handle}</strong> <button type="button" onClick={() => setEditing(true)}>Change</button>
    </span>
  );
}

/** Asks for a handle inline, once; the page remembers it. */
export function HandleForm(props: { label: string; initial?: string; submit?: string; onSubmit: (handle: string) => void; onCancel?: () => void }) {
  const [text, setText] = useState(props.initial ?? '');
  const id = useId();
  return (
    <form
      className="handle-form"
      onSubmit={(e) => {
        e.preventDefault();
        const handle = normalizeHandle(text);
        if (handle) props.onSubmit(handle);
      }}
    >
      <label htmlFor={id}>{props.label}</label>
      <input id={id} value={text} placeholder="your handle, e.g. jane.doe" autoComplete="username" onChange={(e) => setText(e.target.value)} required />
      <button type="submit" className="primary">{props.submit ?? 'Save'}</button>
      {props.onCancel && <button type="button" onClick={props.onCancel}>Cancel</button>}
    </form>
  );
}
