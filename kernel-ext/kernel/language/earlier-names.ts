// The names earlier cells declared, read from the declarations tslab carries from cell to cell
// (a .d.ts text: `declare const fs = 3;`, `import * as nwb from "tsnwb";`, `declare function f…`).
import { ts, type TS } from "./typescript.js";

export function earlierCellNames(declarations: string): Set<string> {
  const names = new Set<string>();
  if (declarations === "") return names;
  const file = ts.createSourceFile(
    "__prev__.d.ts",
    declarations,
    ts.ScriptTarget.Latest,
    false,
    ts.ScriptKind.TS,
  );
  for (const statement of file.statements) {
    for (const name of declaredNames(statement)) names.add(name.text);
  }
  return names;
}

function declaredNames(statement: TS.Statement): TS.Identifier[] {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((d) => bindingNames(d.name));
  }
  if (ts.isImportDeclaration(statement)) {
    const clause = statement.importClause;
    if (!clause) return [];
    const bindings = clause.namedBindings;
    const named = !bindings
      ? []
      : ts.isNamespaceImport(bindings)
        ? [bindings.name]
        : bindings.elements.map((e) => e.name);
    return clause.name ? [clause.name, ...named] : named;
  }
  if (
    ts.isFunctionDeclaration(statement) ||
    ts.isClassDeclaration(statement) ||
    ts.isEnumDeclaration(statement) ||
    ts.isImportEqualsDeclaration(statement)
  ) {
    return statement.name ? [statement.name] : [];
  }
  return [];
}

function bindingNames(name: TS.BindingName): TS.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((element) =>
    ts.isOmittedExpression(element) ? [] : bindingNames(element.name),
  );
}
