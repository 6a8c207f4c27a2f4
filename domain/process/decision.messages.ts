import { defineMessages, entry, messagesOf, type Formatter, type Text } from '../i18n/messages';

/**
 * The messages of DMN decisions (docs/adr/0010-server-messages.md): the problems
 * that refuse a DMN file (dmn-compiler.ts, `dmn.*`, the rule id `dmn/<rule>` beside
 * them) and why a deployed decision gives no result (kernel/process/decision-table.ts
 * raises its reasons as codes with parameters, `decision.*`: a 422 when testing a
 * decision, an incident in a process).
 */

/** A decision as messages name it: its name and its id. */
export interface DecisionName { name: string | null; id: string }
/** `« Remise » (discount)`, `"Remise" (discount)`; the id alone when it has no other name. */
const decision = (f: Formatter, d: DecisionName) => (d.name && d.name !== d.id ? `${f.quote(d.name)} (${d.id})` : f.quote(d.id));
const fr = (f: Formatter) => f.locale === 'fr';

/** Where in a decision a problem is. */
export type DecisionPlace =
  | { at: 'decision' }
  | { at: 'input' | 'output' | 'output-default'; n: number; label: string | null }
  | { at: 'rule'; rule: number; ruleId: string }
  | { at: 'rule-input' | 'rule-output'; rule: number; ruleId: string; column: string | number };

/** `Décision « Remise » (discount), règle 2 (r2), entrée « Montant »`. */
function place(f: Formatter, d: DecisionName, p: DecisionPlace): string {
  const [D, input, output, rule, deflt] = fr(f) ? ['Décision', 'entrée', 'sortie', 'règle', 'valeur par défaut'] : ['Decision', 'input', 'output', 'rule', 'default value'];
  const head = `${D} ${decision(f, d)}`;
  const column = (c: string | number) => (typeof c === 'number' ? String(c) : f.quote(c));
  switch (p.at) {
    case 'decision': return head;
    case 'input': return `${head}, ${input} ${p.n}${p.label ? ` (${f.quote(p.label)})` : ''}`;
    case 'output': return `${head}, ${output} ${p.n}${p.label ? ` (${f.quote(p.label)})` : ''}`;
    case 'output-default': return `${head}, ${output} ${p.n}${p.label ? ` (${f.quote(p.label)})` : ''}, ${deflt}`;
    case 'rule': return `${head}, ${rule} ${p.rule} (${p.ruleId})`;
    case 'rule-input': return `${head}, ${rule} ${p.rule} (${p.ruleId}), ${input} ${column(p.column)}`;
    case 'rule-output': return `${head}, ${rule} ${p.rule} (${p.ruleId}), ${output} ${column(p.column)}`;
  }
}

const D: DecisionName = { name: 'Remise', id: 'discount' };
const AT = { decision: D, place: { at: 'input', n: 1, label: 'Montant' } as DecisionPlace };
const both = (frText: string, en: string) => ({ fr: frText, en });

/** DMN constructs Relais does not run, in words. */
const UNSUPPORTED_LOGIC: Record<string, readonly [string, string]> = {
  'dmn:Context': ['un contexte (boxed context)', 'a boxed context'],
  'dmn:Invocation': ['une invocation (d\'un modèle de connaissance métier)', 'a boxed invocation (of a business knowledge model)'],
  'dmn:Relation': ['une relation', 'a relation'],
  'dmn:List': ['une liste (boxed list)', 'a boxed list'],
  'dmn:FunctionDefinition': ['une définition de fonction', 'a function definition'],
};
const UNSUPPORTED_ELEMENTS: Record<string, readonly [string, string]> = {
  'dmn:BusinessKnowledgeModel': ['Le modèle de connaissance métier', 'business knowledge model'],
  'dmn:DecisionService': ['Le service de décision', 'decision service'],
};

export const decisionMessages = defineMessages({
  // ---- a DMN file (dmn-compiler.ts) ----
  'dmn.expression-language': entry({
    example: { ...AT, language: 'javascript' },
    fr: (p, f) => `${place(f, p.decision, p.place)} est écrite en ${f.quote(p.language)} ; Relais n'évalue que FEEL. Réécrivez-la en FEEL.`,
    en: (p, f) => `${place(f, p.decision, p.place)} is written in "${p.language}"; Relais evaluates FEEL only. Rewrite it in FEEL.`,
  }),
  'dmn.feel': entry({
    example: { ...AT, problem: '"[1.." is not a valid FEEL unary test' as Text },
    fr: (p, f) => `${place(f, p.decision, p.place)} : ${f.text(p.problem)}.`,
    en: (p, f) => `${place(f, p.decision, p.place)}: ${f.text(p.problem)}.`,
  }),
  'dmn.hit-policy': entry({
    example: { decision: D, hitPolicy: 'SOME' },
    fr: (p, f) => `Décision ${decision(f, p.decision)} : politique de résultat ${f.quote(p.hitPolicy)} inconnue.`,
    en: (p, f) => `Decision ${decision(f, p.decision)}: unknown hit policy "${p.hitPolicy}".`,
  }),
  'dmn.aggregation': entry({
    example: { decision: D, aggregation: 'AVG', allowed: ['SUM', 'MIN', 'MAX', 'COUNT'] as readonly string[] },
    fr: (p, f) => `Décision ${decision(f, p.decision)} : l'agrégation ${f.quote(p.aggregation)} demande la politique de résultat COLLECT et vaut l'une de ${p.allowed.join(', ')}.`,
    en: (p, f) => `Decision ${decision(f, p.decision)}: the aggregation "${p.aggregation}" needs the COLLECT hit policy and is one of ${p.allowed.join(', ')}.`,
  }),
  'dmn.no-output': entry({
    example: { decision: D },
    fr: (p, f) => `La décision ${decision(f, p.decision)} n'a pas de colonne de sortie : ajoutez-en une.`,
    en: (p, f) => `Decision ${decision(f, p.decision)} has no output column: add one.`,
  }),
  'dmn.aggregation-outputs': entry({
    example: { decision: D, aggregation: 'SUM', count: 2 },
    fr: (p, f) => `Décision ${decision(f, p.decision)} : COLLECT ${p.aggregation} agrège une seule sortie, mais la table en a ${p.count}. Retirez l'agrégation ou gardez une sortie.`,
    en: (p, f) => `Decision ${decision(f, p.decision)}: COLLECT ${p.aggregation} adds up a single output, but the table has ${p.count}. Remove the aggregation or keep one output.`,
  }),
  'dmn.input-expression': entry({
    example: AT,
    fr: (p, f) => `${place(f, p.decision, p.place)} n'a pas d'expression d'entrée : écrivez l'expression FEEL dont la colonne teste la valeur (un nom de variable, par exemple).`,
    en: (p, f) => `${place(f, p.decision, p.place)} has no input expression: write the FEEL expression whose value the column tests (a variable name, for example).`,
  }),
  'dmn.output-name': entry({
    example: AT,
    fr: (p, f) => `${place(f, p.decision, p.place)} n'a pas de nom : une table à plusieurs sorties donne un contexte dont les clés sont les noms des sorties.`,
    en: (p, f) => `${place(f, p.decision, p.place)} has no name: a table with several outputs gives a context whose keys are the output names.`,
  }),
  'dmn.output-values': entry({
    example: { ...AT, hitPolicy: 'PRIORITY' },
    fr: (p, f) => `${place(f, p.decision, p.place)} : la politique de résultat ${p.hitPolicy} classe les règles selon les valeurs permises de la sortie ; listez-les, de la plus prioritaire à la moins prioritaire ("high","medium","low").`,
    en: (p, f) => `${place(f, p.decision, p.place)}: the ${p.hitPolicy} hit policy ranks rules by the output's allowed values; list them, highest priority first ("high","medium","low").`,
  }),
  'dmn.rule-shape': entry({
    example: { decision: D, place: { at: 'rule', rule: 1, ruleId: 'r1' } as DecisionPlace, inputEntries: 1, outputEntries: 1, inputs: 2, outputs: 1 },
    fr: (p, f) => `${place(f, p.decision, p.place)} a ${p.inputEntries} entrée(s) et ${p.outputEntries} sortie(s) ; la table a ${p.inputs} entrée(s) et ${p.outputs} sortie(s).`,
    en: (p, f) => `${place(f, p.decision, p.place)} has ${p.inputEntries} input and ${p.outputEntries} output entries; the table has ${p.inputs} inputs and ${p.outputs} outputs.`,
  }),
  'dmn.required-decision-missing': entry({
    example: { decision: D, id: 'risk' },
    fr: (p, f) => `La décision ${decision(f, p.decision)} a besoin de la décision ${f.quote(p.id)}, qui n'est pas dans ce fichier.`,
    en: (p, f) => `Decision ${decision(f, p.decision)} requires the decision "${p.id}", which is not in this file.`,
  }),
  'dmn.required-decision-elsewhere': entry({
    example: { decision: D, href: 'other.dmn#risk' },
    fr: (p, f) => `La décision ${decision(f, p.decision)} a besoin de ${f.quote(p.href)}, dans un autre fichier, que Relais ne lit pas : mettez les deux décisions dans un même fichier.`,
    en: (p, f) => `Decision ${decision(f, p.decision)} requires "${p.href}" from another file, which Relais does not read: put both decisions in one file.`,
  }),
  'dmn.key': entry({
    example: { key: '1 bad' },
    fr: (p, f) => `L'identifiant des définitions ${f.quote(p.key)} identifie les décisions du fichier dans Relais : il doit commencer par une lettre et ne contenir que des lettres, des chiffres, « . », « _ » ou « - » (100 caractères au plus).`,
    en: (p) => `The definitions' id "${p.key}" identifies the file's decisions in Relais: it must start with a letter and hold only letters, digits, ".", "_" or "-" (at most 100).`,
  }),
  'dmn.file-expression-language': entry({
    example: { language: 'javascript' },
    fr: (p, f) => `Les expressions du fichier sont déclarées en ${f.quote(p.language)} ; Relais n'évalue que FEEL. Réécrivez-les en FEEL et retirez l'attribut expressionLanguage.`,
    en: (p) => `The file's expressions are declared in "${p.language}"; Relais evaluates FEEL only. Rewrite them in FEEL and remove the expressionLanguage attribute.`,
  }),
  'dmn.unsupported-element': entry({
    example: { type: 'dmn:DecisionService', element: D },
    fr: (p, f) => `${UNSUPPORTED_ELEMENTS[p.type]?.[0] ?? `L'élément ${p.type}`} ${decision(f, p.element)} n'est pas pris en charge : Relais exécute les tables de décision et les expressions littérales. Placez sa logique dans une décision.`,
    en: (p, f) => `The ${UNSUPPORTED_ELEMENTS[p.type]?.[1] ?? p.type} ${decision(f, p.element)} is not supported: Relais runs decision tables and literal expressions. Put its logic in a decision.`,
  }),
  'dmn.no-decision': both(
    'Le fichier ne contient aucune décision : dessinez une décision avec une table de décision ou une expression littérale.',
    'The file holds no decision: draw a decision with a decision table or a literal expression.',
  ),
  'dmn.decision-id': entry({
    example: { id: '1 bad' },
    fr: (p, f) => `L'identifiant de décision ${f.quote(p.id)} doit commencer par une lettre et ne contenir que des lettres, des chiffres, « . », « _ » ou « - » (100 caractères au plus) : les processus désignent la décision par lui.`,
    en: (p) => `The decision id "${p.id}" must start with a letter and hold only letters, digits, ".", "_" or "-" (at most 100): processes refer to the decision by it.`,
  }),
  'dmn.no-logic': entry({
    example: { decision: D },
    fr: (p, f) => `La décision ${decision(f, p.decision)} n'a pas de logique : donnez-lui une table de décision ou une expression littérale.`,
    en: (p, f) => `Decision ${decision(f, p.decision)} has no logic: give it a decision table or a literal expression.`,
  }),
  'dmn.empty-literal': entry({
    example: { decision: D },
    fr: (p, f) => `La décision ${decision(f, p.decision)} a une expression littérale vide : écrivez son expression FEEL.`,
    en: (p, f) => `Decision ${decision(f, p.decision)} has an empty literal expression: write its FEEL expression.`,
  }),
  'dmn.unsupported-logic': entry({
    example: { decision: D, type: 'dmn:Context' },
    fr: (p, f) => `La décision ${decision(f, p.decision)} utilise ${UNSUPPORTED_LOGIC[p.type]?.[0] ?? p.type}, que Relais n'exécute pas : utilisez une table de décision ou une expression littérale.`,
    en: (p, f) => `Decision ${decision(f, p.decision)} uses ${UNSUPPORTED_LOGIC[p.type]?.[1] ?? p.type}, which Relais does not run: use a decision table or a literal expression.`,
  }),
  'dmn.cycle': entry({
    example: { path: ['a', 'b', 'a'] as readonly string[] },
    fr: (p) => `Des décisions dépendent les unes des autres en boucle (${p.path.join(' → ')}) : une décision ne peut pas avoir besoin de son propre résultat.`,
    en: (p) => `Decisions require each other in a cycle (${p.path.join(' → ')}): a decision cannot need its own result.`,
  }),
  'dmn.decision-taken': entry({
    example: { decisionId: 'discount', requirementsKey: 'pricing' },
    fr: (p, f) => `L'identifiant de décision ${f.quote(p.decisionId)} est déjà déployé avec le fichier ${f.quote(p.requirementsKey)} : les processus désignent une décision par son seul identifiant. Renommez la décision, ou déployez-la avec ${f.quote(p.requirementsKey)}.`,
    en: (p) => `The decision id "${p.decisionId}" is already deployed with the file "${p.requirementsKey}": processes refer to a decision by its id alone. Rename the decision, or deploy it with "${p.requirementsKey}".`,
  }),

  // ---- a decision that gives no result (kernel/process/decision-table.ts) ----
  'decision.feel-error': entry({
    example: { ...AT, detail: 'Incomplete <Interval>', expression: '[1..' },
    // FEEL's own reason (in English) is quoted for the expert; the place and the expression say the rest.
    fr: (p, f) => `${place(f, p.decision, p.place)} : ${f.quote(p.expression)} ne s'évalue pas (${p.detail}).`,
    en: (p, f) => `${place(f, p.decision, p.place)}: ${p.detail} in "${p.expression}".`,
  }),
  'decision.input-type': entry({
    example: { decision: D, input: 'Date', typeRef: 'date', value: 'tomorrow' as unknown },
    fr: (p, f) => `Décision ${decision(f, p.decision)} : l'entrée ${f.quote(p.input)} attend une valeur de type ${p.typeRef}, mais elle vaut ${JSON.stringify(p.value)}.`,
    en: (p, f) => `Decision ${decision(f, p.decision)}: input "${p.input}" expects a ${p.typeRef}, but its value is ${JSON.stringify(p.value)}.`,
  }),
  'decision.collect-numbers': entry({
    example: { decision: D, aggregation: 'SUM', value: 'a' as unknown },
    fr: (p, f) => `Décision ${decision(f, p.decision)} : COLLECT ${p.aggregation} demande des nombres, mais une règle retenue donne ${JSON.stringify(p.value)}.`,
    en: (p, f) => `Decision ${decision(f, p.decision)}: COLLECT ${p.aggregation} needs numbers, but a matching rule gives ${JSON.stringify(p.value)}.`,
  }),
  'decision.unique': entry({
    example: { decision: D, rules: ['r1', 'r2'] as readonly string[] },
    fr: (p, f) => `Décision ${decision(f, p.decision)} : la politique de résultat UNIQUE admet une seule règle, mais ${p.rules.length} s'appliquent (${p.rules.join(', ')}). Rendez leurs entrées exclusives, ou choisissez la politique FIRST ou PRIORITY.`,
    en: (p, f) => `Decision ${decision(f, p.decision)}: hit policy UNIQUE allows one matching rule, but ${p.rules.length} match (${p.rules.join(', ')}). Make their input entries exclusive, or choose the FIRST or PRIORITY hit policy.`,
  }),
  'decision.any': entry({
    example: { decision: D, first: 'r1', different: ['r2'] as readonly string[] },
    fr: (p, f) => `Décision ${decision(f, p.decision)} : la politique de résultat ANY demande que toutes les règles retenues donnent la même sortie, mais ${p.first} et ${p.different.join(', ')} diffèrent.`,
    en: (p, f) => `Decision ${decision(f, p.decision)}: hit policy ANY needs every matching rule to give the same output, but ${p.first} and ${p.different.join(', ')} differ.`,
  }),
  'decision.unknown-hit-policy': entry({
    example: { decision: D, hitPolicy: 'SOME' },
    fr: (p, f) => `Décision ${decision(f, p.decision)} : politique de résultat ${f.quote(p.hitPolicy)} inconnue.`,
    en: (p, f) => `Decision ${decision(f, p.decision)}: unknown hit policy "${p.hitPolicy}".`,
  }),
  'decision.requires-itself': entry({
    example: { decision: D, path: ['discount', 'risk', 'discount'] as readonly string[] },
    fr: (p, f) => `Décision ${decision(f, p.decision)} : elle a besoin d'elle-même (${p.path.join(' → ')}).`,
    en: (p, f) => `Decision ${decision(f, p.decision)}: it requires itself (${p.path.join(' → ')}).`,
  }),
});

export const decisionMessage = messagesOf(decisionMessages);
