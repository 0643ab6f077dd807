/**
 * Every strip host this instance made. Anything else with the strip's tag is a copy the site made (it cloned a
 * marked card) or a leftover, and is removed (placement.ts).
 */
const ownHosts = new WeakSet<Element>();

export function ownHost<T extends HTMLElement>(host: T): T {
  ownHosts.add(host);
  return host;
}

export function isOwnHost(host: Element): boolean {
  return ownHosts.has(host);
}
