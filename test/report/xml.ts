/**
 * A tiny strict XML parser for tests (no dependency): elements, quoted attributes, text,
 * the five predefined entities and character references, comments and one prolog. It
 * throws on anything not well-formed: mismatched or unclosed tags, a raw `<` or `&` in
 * text, duplicate attributes, text outside the root, more than one root.
 */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  if (/[<]/.test(raw)) throw new Error(`raw < at ${at}`);
  return raw.replace(/&([^;]*);?/g, (m, ent: string) => {
    if (!m.endsWith(';')) throw new Error(`unterminated entity at ${at}`);
    if (ent in ENTITIES) return ENTITIES[ent];
    const num = /^#(\d+)$/.exec(ent) ?? /^#x([0-9a-fA-F]+)$/.exec(ent);
    if (num) return String.fromCodePoint(parseInt(num[1], ent[1] === 'x' ? 16 : 10));
    throw new Error(`unknown entity &${ent}; at ${at}`);
  });
}

export function parseXml(xml: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const skipWs = () => {
    while (i < xml.length && /\s/.test(xml[i])) i++;
  };
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) throw new Error('unterminated prolog');
    i = end + 2;
  }
  while (i < xml.length) {
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i);
      if (end < 0) throw new Error('unterminated comment');
      i = end + 3;
    } else if (xml.startsWith('</', i)) {
      i += 2;
      const name = NAME.exec(xml.slice(i))?.[0];
      if (!name) throw new Error(`bad closing tag at ${i}`);
      i += name.length;
      skipWs();
      if (xml[i] !== '>') throw new Error(`bad closing tag ${name} at ${i}`);
      i++;
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
    } else if (xml[i] === '<') {
      i++;
      const name = NAME.exec(xml.slice(i))?.[0];
      if (!name) throw new Error(`bad tag at ${i}`);
      i += name.length;
      const attrs: Record<string, string> = {};
      for (;;) {
        skipWs();
        if (xml.startsWith('/>', i) || xml[i] === '>') break;
        const an = NAME.exec(xml.slice(i))?.[0];
        if (!an) throw new Error(`bad attribute in <${name}> at ${i}`);
        i += an.length;
        skipWs();
        if (xml[i] !== '=') throw new Error(`attribute ${an} without value`);
        i++;
        skipWs();
        const q = xml[i];
        if (q !== '"' && q !== "'") throw new Error(`unquoted attribute ${an}`);
        const end = xml.indexOf(q, i + 1);
        if (end < 0) throw new Error(`unterminated attribute ${an}`);
        if (an in attrs) throw new Error(`duplicate attribute ${an}`);
        attrs[an] = decode(xml.slice(i + 1, end), i);
        i = end + 1;
      }
      const el: XmlElement = { name, attrs, children: [], text: '' };
      if (stack.length > 0) stack[stack.length - 1].children.push(el);
      else if (root) throw new Error('more than one root element');
      else root = el;
      if (xml.startsWith('/>', i)) i += 2;
      else {
        i++;
        stack.push(el);
      }
    } else {
      const end = xml.indexOf('<', i);
      const raw = xml.slice(i, end < 0 ? xml.length : end);
      const text = decode(raw, i);
      if (stack.length === 0) {
        if (text.trim() !== '') throw new Error(`text outside the root at ${i}`);
      } else stack[stack.length - 1].text += text;
      i += raw.length;
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every element named `name` below `el`, depth first. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  return el.children.flatMap((c) => [...(c.name === name ? [c] : []), ...findAll(c, name)]);
}
