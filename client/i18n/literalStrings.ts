import { parseAst } from "rolldown/parseAst";

/**
 * Finds user-facing text written as literals in client source, for `noLiteralStrings.test.ts`:
 * JSX text, string literals rendered as JSX children (also through `a ? "x" : "y"`), string
 * values of the props people read (title, placeholder, aria-label, alt, label), and strings given
 * to `notice`/`message` fields or to window.prompt/confirm/alert. Text without letters passes;
 * `allowed` lists the rest that may stay literal (key names, unit symbols).
 *
 * Parsed with the parser Vite's bundler (rolldown, oxc) ships: TypeScript 7's package has no
 * JavaScript compiler API.
 */
export interface LiteralString {
  line: number;
  text: string;
  where: string;
}

const USER_PROPS = new Set(["title", "placeholder", "aria-label", "alt", "label"]);
const MESSAGE_FIELDS = new Set(["notice", "message"]);
const DIALOGS = new Set(["prompt", "confirm", "alert"]);
const hasLetters = (s: string) => /\p{L}/u.test(s);

type Node = { type: string; start: number; end: number; [k: string]: unknown };
const isNode = (x: unknown): x is Node =>
  typeof x === "object" && x !== null && typeof (x as Node).type === "string";

export function literalStringsIn(
  source: string,
  file: string,
  allowed: ReadonlySet<string>,
): LiteralString[] {
  const ast = parseAst(source, { lang: file.endsWith(".tsx") ? "tsx" : "ts" }) as unknown as Node;
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === "\n") lineStarts.push(i + 1);
  const lineOf = (pos: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? Number.POSITIVE_INFINITY) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const found: LiteralString[] = [];
  const report = (node: Node, text: string, where: string) => {
    const t = text.replace(/\s+/g, " ").trim();
    if (t && hasLetters(t) && !allowed.has(t)) found.push({ line: lineOf(node.start), text: t, where });
  };
  /** String literals an expression renders as is (not those passed to a call such as t()). */
  const rendered = (e: unknown, where: string): void => {
    if (!isNode(e)) return;
    if (e.type === "Literal" && typeof e.value === "string") report(e, e.value, where);
    else if (e.type === "TemplateLiteral")
      for (const q of e.quasis as Array<Node & { value: { cooked: string } }>)
        report(q, q.value.cooked, where);
    else if (e.type === "ConditionalExpression") {
      rendered(e.consequent, where);
      rendered(e.alternate, where);
    } else if (e.type === "LogicalExpression") rendered(e.right, where);
    else if (e.type === "ParenthesizedExpression" || e.type === "TSAsExpression")
      rendered(e.expression, where);
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (!isNode(node)) return;
    switch (node.type) {
      case "JSXText":
        report(node, node.value as string, "JSX text");
        break;
      case "JSXExpressionContainer":
        rendered(node.expression, "JSX child");
        break;
      case "JSXAttribute": {
        const name = node.name as Node & { name: string };
        if (USER_PROPS.has(name.name)) {
          const value = node.value as Node | null;
          if (value?.type === "Literal") rendered(value, `${name.name}=`);
          else if (value?.type === "JSXExpressionContainer") rendered(value.expression, `${name.name}=`);
          return; // the value was checked as a prop, not as a child
        }
        // Other props (className, data-testid, href) are not text; code inside them still is visited.
        const value = node.value as Node | null;
        if (value?.type === "JSXExpressionContainer") visit(value.expression);
        return;
      }
      case "Property": {
        const key = node.key as Node & { name?: string };
        if (key.name && MESSAGE_FIELDS.has(key.name)) rendered(node.value, `${key.name}:`);
        break;
      }
      case "CallExpression": {
        const callee = node.callee as Node & { property?: { name?: string }; name?: string };
        const name = callee.type === "MemberExpression" ? callee.property?.name : callee.name;
        const object = (callee as { object?: { name?: string } }).object?.name;
        if (name && DIALOGS.has(name) && (callee.type !== "MemberExpression" || object === "window"))
          for (const a of node.arguments as unknown[]) rendered(a, `${name}()`);
        break;
      }
    }
    for (const [k, v] of Object.entries(node)) if (k !== "type" && typeof v === "object") visit(v);
  };
  visit(ast);
  return found;
}
