/**
 * Reads the merchant-facing config interfaces of src/types.ts with the TypeScript compiler API:
 * each field's name, type and JSDoc. Parsing is syntactic (no type checker), so a source held in
 * memory reads exactly like the file on disk.
 */
import ts from 'typescript5';

/** One property of a config interface, as its JSDoc documents it. */
export interface DocumentedField {
  name: string;
  optional: boolean;
  /** The type as written, string literals in JSON quotes and the file's literal-union aliases spelled out. */
  type: string;
  /** The interface the type names (also as a list element), when src/types.ts declares it. */
  interfaceName: string | null;
  /** The JSDoc text before the first tag, on one line; empty when the field has no JSDoc. */
  summary: string;
  /** The JSDoc tags by name (`default`, `attribute`, `invalid`), each text on one line. */
  tags: Record<string, string>;
}

/** One interface of src/types.ts with its JSDoc and fields in source order. */
export interface DocumentedInterface {
  name: string;
  summary: string;
  tags: Record<string, string>;
  fields: DocumentedField[];
}

/** What the docs generator needs from src/types.ts. */
export interface ConfigTypes {
  interfaces: Map<string, DocumentedInterface>;
  /** The members of the `WidgetName` union, in source order (the order the docs list widgets in). */
  widgetNames: string[];
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function readJsDoc(node: ts.Node): { summary: string; tags: Record<string, string> } {
  // The comment nearest the declaration is its documentation; an earlier one would be a leftover.
  const doc = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc).at(-1);
  const tags: Record<string, string> = {};
  for (const tag of doc?.tags ?? []) tags[tag.tagName.text] = oneLine(ts.getTextOfJSDocComment(tag.comment) ?? '');
  return { summary: oneLine(ts.getTextOfJSDocComment(doc?.comment) ?? ''), tags };
}

/** Whether `node` is a union of string literals, the only kind of alias the docs spell out. */
function isLiteralUnion(node: ts.TypeNode): boolean {
  return ts.isUnionTypeNode(node) && node.types.every((member) => ts.isLiteralTypeNode(member) && ts.isStringLiteral(member.literal));
}

/** Reads the config interfaces and the widget names from the source text of src/types.ts. */
export function readConfigTypes(source: string, fileName = 'src/types.ts'): ConfigTypes {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const aliases = new Map<string, ts.TypeNode>();
  for (const statement of file.statements) {
    if (ts.isTypeAliasDeclaration(statement)) aliases.set(statement.name.text, statement.type);
  }
  const declared = new Set(file.statements.filter(ts.isInterfaceDeclaration).map((statement) => statement.name.text));

  const resolve = (node: ts.TypeNode): ts.TypeNode => {
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && !node.typeArguments) {
      const alias = aliases.get(node.typeName.text);
      if (alias && isLiteralUnion(alias)) return alias;
    }
    return node;
  };
  const typeText = (written: ts.TypeNode): string => {
    const node = resolve(written);
    if (ts.isUnionTypeNode(node)) return node.types.map(typeText).join(' | ');
    if (ts.isArrayTypeNode(node)) {
      const element = typeText(node.elementType);
      return ts.isUnionTypeNode(resolve(node.elementType)) ? `(${element})[]` : `${element}[]`;
    }
    if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return JSON.stringify(node.literal.text);
    return oneLine(node.getText(file));
  };
  const interfaceName = (node: ts.TypeNode): string | null => {
    const named = ts.isArrayTypeNode(node) ? node.elementType : node;
    return ts.isTypeReferenceNode(named) && ts.isIdentifier(named.typeName) && declared.has(named.typeName.text) ? named.typeName.text : null;
  };

  const interfaces = new Map<string, DocumentedInterface>();
  for (const statement of file.statements) {
    if (!ts.isInterfaceDeclaration(statement)) continue;
    const fields: DocumentedField[] = [];
    for (const member of statement.members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      fields.push({
        name: member.name.getText(file),
        optional: !!member.questionToken,
        type: typeText(member.type),
        interfaceName: interfaceName(member.type),
        ...readJsDoc(member),
      });
    }
    interfaces.set(statement.name.text, { name: statement.name.text, ...readJsDoc(statement), fields });
  }

  const widgetAlias = aliases.get('WidgetName');
  if (!widgetAlias || !isLiteralUnion(widgetAlias)) throw new Error(`${fileName}: WidgetName must be a union of string literals`);
  const widgetNames = (widgetAlias as ts.UnionTypeNode).types.map((member) => ((member as ts.LiteralTypeNode).literal as ts.StringLiteral).text);
  return { interfaces, widgetNames };
}
