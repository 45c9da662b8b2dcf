// The issue-21 answers (citations, indicator families, the responsibility table) as the
// shared contract names them, until the routes are merged and api-types.ts carries them.
export type Citation = {
  document: string;
  title: string;
  kind: string | null;
  verb: string | null;
  evidence: string;
  span_start: number;
  span_end: number;
  count: number;
  plan: string | null;
  plan_title: string | null;
};
export type CitingPlan = {
  plan: string;
  title: string;
  region: string;
  document: string;
  verb: string | null;
  evidence: string;
  span_start: number;
  span_end: number;
};
export type DocumentOut = { key: string; title: string; kind: string | null; cited_by: number; plan: string | null };
export type DocumentDetail = DocumentOut & { citing: CitingPlan[] };
export type FamilyOut = {
  key: string;
  name: string;
  name_en: string;
  dimension: string;
  unit: string;
  source: string;
  targets: number;
  plans: number;
};
export type FamilyTarget = {
  plan: string;
  plan_title: string;
  region: string;
  indicator: number;
  name: string;
  value: number;
  value_max: number | null;
  unit: string;
  value_converted: number | null;
  value_max_converted: number | null;
  unit_converted: string | null;
  comparator: string;
  year: number | null;
  kind: string;
  task: number | null;
  task_label: string | null;
  goal: number | null;
  evidence: string;
  span_start: number;
  span_end: number;
  score: number;
  terms: string[];
};
