/** Small DOM helpers shared by the shim's modules (text only ever as textContent). */

export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Inline style values last written, per element of ours. */
const written = new WeakMap();

/** Writes the inline style properties that changed since the last call (a write can cost a style pass). */
export function restyle(node, values) {
  let last = written.get(node);
  if (!last) written.set(node, (last = {}));
  for (const [name, value] of Object.entries(values)) {
    if (last[name] === value) continue;
    last[name] = value;
    node.style.setProperty(name, value);
  }
}

export function messageOf(error) {
  return typeof error === "string" ? error : (error && error.message) || String(error);
}
