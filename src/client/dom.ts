// Looks up markup a module cannot work without; missing markup is a build bug, reported by its selector.
export function element<T extends HTMLElement = HTMLElement>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`page markup is missing ${selector}`);
  return found;
}
