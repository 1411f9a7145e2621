/**
 * Font loader options must be written as literals (as in Next.js), so they can be read at build
 * time. This evaluates such an expression from the AST, or reports where it is not a literal.
 */
export type Literal = string | number | boolean | null | undefined | Literal[] | { [key: string]: Literal };

interface Node {
  type: string;
  [key: string]: unknown;
}

export class NotLiteral extends Error {
  constructor(readonly node: Node) {
    super(`a ${node.type} is not a literal`);
  }
}

export function literalValue(node: Node): Literal {
  switch (node.type) {
    case 'Literal':
      if (node.regex) throw new NotLiteral(node);
      return node.value as Literal;
    case 'TemplateLiteral': {
      if ((node.expressions as Node[]).length > 0) throw new NotLiteral(node);
      const quasis = node.quasis as Array<{ value: { cooked: string | null } }>;
      return quasis.map((q) => q.value.cooked ?? '').join('');
    }
    case 'ArrayExpression':
      return (node.elements as Array<Node | null>).map((element) => {
        if (element === null || element.type === 'SpreadElement') throw new NotLiteral(element ?? node);
        return literalValue(element);
      });
    case 'ObjectExpression': {
      const out: Record<string, Literal> = {};
      for (const property of node.properties as Node[]) {
        if (property.type !== 'Property' || property.computed || property.kind !== 'init' || property.method) throw new NotLiteral(property);
        const key = property.key as Node;
        const name = key.type === 'Identifier' ? (key.name as string) : key.type === 'Literal' ? String(key.value) : null;
        if (name === null) throw new NotLiteral(key);
        out[name] = literalValue(property.value as Node);
      }
      return out;
    }
    case 'UnaryExpression': {
      const argument = literalValue(node.argument as Node);
      if (node.operator === '-' && typeof argument === 'number') return -argument;
      throw new NotLiteral(node);
    }
    case 'Identifier':
      if (node.name === 'undefined') return undefined;
      throw new NotLiteral(node);
    // TypeScript wrappers that do not change the value: `as const`, `satisfies`, `!`.
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'ParenthesizedExpression':
      return literalValue(node.expression as Node);
    default:
      throw new NotLiteral(node);
  }
}
