import { useEffect, useId, useRef, useState } from 'react';
import './LinksMenu.css';

export interface Bookmark {
  label: string;
  url: string;
}

/**
 * An app's bookmarks (pipeline, source, logs, metrics, tracing, admin) behind one button: a
 * disclosure that opens a list of links, closes on Escape (focus back on the button) or a click
 * elsewhere, and is reachable with the keyboard alone.
 */
export function LinksMenu({ app, links }: { app: string; links: readonly Bookmark[] }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: MouseEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener('mousedown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (links.length === 0) return <span className="muted">none</span>;
  return (
    <div className="links-menu" ref={root}>
      <button
        type="button"
        ref={button}
        aria-expanded={open}
        aria-controls={id}
        aria-label={'Bookmarks of ' + app}
        onClick={() => setOpen(!open)}
      >
        Links ({links.length}) <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul id={id} className="links-menu-list" aria-label={'Bookmarks of ' + app}>
          {links.map((link) => (
            <li key={link.label + link.url}>
              <a href={link.url} target="_blank" rel="noreferrer noopener">
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
