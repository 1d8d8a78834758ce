// The AST of the VTL subset serverless writes for CORS preflights (parsed by vtl-parse.ts).

export type VtlNode =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'set'; readonly target: VtlTarget; readonly value: VtlValue }
  | { readonly kind: 'if'; readonly condition: VtlCondition; readonly body: readonly VtlNode[] };

export type VtlTarget =
  { readonly kind: 'variable'; readonly name: string } | { readonly kind: 'responseHeader'; readonly header: string };

export type VtlValue =
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'inputParam'; readonly name: string }
  | { readonly kind: 'string'; readonly value: string };

export type VtlCondition =
  | { readonly kind: 'or' | 'and'; readonly left: VtlCondition; readonly right: VtlCondition }
  | { readonly kind: 'equals'; readonly left: VtlValue; readonly right: VtlValue }
  | { readonly kind: 'matches'; readonly subject: VtlValue; readonly pattern: RegExp };
