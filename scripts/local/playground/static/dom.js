// Tiny DOM helpers for the playground page: elements are built with text nodes only, never from HTML strings.
/* global document */

/** An element with attributes (`class`, `hidden`, `aria-*`, …) and children (strings become text nodes). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === undefined || value === null) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.flat().filter((c) => c !== undefined && c !== null));
  return node;
}

export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no #${id}`);
  return node;
}

/** Replaces a container's content. */
export function show(container, ...children) {
  container.replaceChildren(...children.flat().filter((c) => c !== undefined && c !== null));
}

/** Pretty JSON in a <pre>, or the text as it is when it is not JSON. */
export function jsonBlock(value, label) {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return el('pre', { class: 'json', tabindex: 0, 'aria-label': label }, text);
}
