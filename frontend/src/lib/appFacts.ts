// What an app is, in the few words the app page's header shows after its name: kind (only when
// it is a resource), type, lifecycle and system, as a Backstage catalog or an import said them.

export interface AppFactsInput {
  kind: 'COMPONENT' | 'RESOURCE';
  type?: string | null;
  lifecycle?: string | null;
  system?: string | null;
}

export interface AppFacts {
  /** Words joined with " · ", such as "Resource · database · production". */
  summary: string;
  /** True for an app learned from the platform that nobody has described yet. */
  discovered: boolean;
}

export function appFacts(app: AppFactsInput): AppFacts {
  const discovered = app.lifecycle === 'DISCOVERED';
  const words: string[] = [];
  if (app.kind === 'RESOURCE') words.push('Resource');
  if (app.type) words.push(app.type);
  if (app.lifecycle && !discovered) words.push(app.lifecycle);
  if (app.system) words.push('system ' + app.system);
  return { summary: words.join(' · '), discovered };
}
