/**
 * Reads a widget's locale pack (`src/widgets/<name>/locales/<language>.ts`) with the TypeScript
 * compiler API: the keys and texts of its default-exported object, without running the module.
 */
import ts from 'typescript5';

/** Strips the wrappers a pack may put around its object (`as`, `satisfies`, parentheses). */
function unwrap(node: ts.Expression): ts.Expression {
  if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node)) return unwrap(node.expression);
  return node;
}

/** Finds the object literal the pack exports by default, directly or through a `const`. */
function exportedObject(file: ts.SourceFile): ts.ObjectLiteralExpression | null {
  const exported = file.statements.find((statement): statement is ts.ExportAssignment => ts.isExportAssignment(statement) && !statement.isExportEquals);
  if (!exported) return null;
  let value = unwrap(exported.expression);
  if (ts.isIdentifier(value)) {
    const name = value.text;
    const declaration = file.statements
      .filter(ts.isVariableStatement)
      .flatMap((statement) => [...statement.declarationList.declarations])
      .find((candidate) => ts.isIdentifier(candidate.name) && candidate.name.text === name);
    if (!declaration?.initializer) return null;
    value = unwrap(declaration.initializer);
  }
  return ts.isObjectLiteralExpression(value) ? value : null;
}

/** Reads the keys and texts of one locale pack from its source; anything but plain string entries is refused. */
export function readLocalePack(source: string, fileName: string): Record<string, string> {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const object = exportedObject(file);
  if (!object) throw new Error(`${fileName}: expected a default-exported object of texts`);
  const texts: Record<string, string> = {};
  for (const property of object.properties) {
    const key = ts.isPropertyAssignment(property) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : null;
    if (key === null || !ts.isPropertyAssignment(property)) throw new Error(`${fileName}: "${property.getText(file)}" is not a plain key: 'text' entry`);
    const value = unwrap(property.initializer);
    if (!ts.isStringLiteral(value) && !ts.isNoSubstitutionTemplateLiteral(value)) throw new Error(`${fileName}: the text of "${key}" is not a string literal`);
    texts[key] = value.text;
  }
  return texts;
}
