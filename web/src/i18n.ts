// The page's own words in Chinese and English; names of places, tasks, agencies and themes
// come from the API, which has both (`name` / `name_en`, `title` / `title_en`).
import { SEARCH_WORDS } from "./words/search";
import { CITE_WORDS } from "./words/cite";
import { TABLES_WORDS } from "./words/tables";
import { GRAPH_WORDS } from "./words/graph";
import { FINISH_WORDS } from "./words/finish";
import { CORRECTIONS_WORDS } from "./words/corrections";

export type Lang = "zh" | "en";

const CORE_WORDS = {
  appName: ["规划知识图谱", "Plan explorer"],
  search: ["搜索", "Search"],
  searchLabel: ["搜索任务、地点、部门、主题", "Search tasks, places, agencies, themes"],
  searchHint: ["中文或英文,例如 偏远海岛、remote islands、岱山、教育", "Chinese or English, e.g. 偏远海岛, remote islands, 岱山, education"],
  home: ["首页", "Home"],
  targets: ["指标", "Targets"],
  places: ["地点", "Places"],
  agencies: ["部门", "Agencies"],
  themes: ["主题", "Themes"],
  graph: ["图谱", "Graph"],
  plan: ["规划", "Plan"],
  language: ["English", "中文"],
  languageLabel: ["切换到英文", "Switch to Chinese"],
  loading: ["加载中…", "Loading…"],
  unavailable: ["数据库暂时不可用,请稍后重试。", "The graph store is unavailable; try again in a moment."],
  noAnswer: ["接口没有响应。", "The API did not answer."],
  notFound: ["未找到", "Not found"],
  retry: ["重试", "Retry"],
  chapters: ["章节", "Chapters"],
  chapter: ["第{n}章", "Chapter {n}"],
  tasks: ["任务", "Tasks"],
  task: ["任务 {n}", "Task {n}"],
  goals: ["目标", "Goals"],
  goal: ["目标 {n}", "Goal {n}"],
  results: ["{n} 个任务", "{n} tasks"],
  noResults: ["没有匹配的任务。", "No task matches."],
  directHits: ["地点、部门、主题", "Places, agencies and themes"],
  readAs: ["检索词", "Read as"],
  text: ["原文", "Text"],
  links: ["关联", "Links"],
  evidence: ["依据", "Evidence"],
  explicit: ["明确", "explicit"],
  inferred: ["推断", "inferred"],
  lead: ["牵头", "lead"],
  partner: ["配合", "partner"],
  score: ["得分", "score"],
  terms: ["词语", "terms"],
  related: ["相关任务", "Related tasks"],
  keywords: ["关键词", "Keywords"],
  partOf: ["隶属", "Part of"],
  contains: ["包含", "Contains"],
  code: ["区划代码", "Code"],
  remote: ["偏远海岛", "Remote island"],
  yes: ["是", "yes"],
  no: ["否", "no"],
  kind: ["类型", "Kind"],
  aliases: ["别名", "Aliases"],
  tasksNaming: ["提及该地的任务", "Tasks that name it"],
  includeParts: ["包括下辖地点", "Include places inside it"],
  leads: ["牵头任务", "Leads"],
  partners: ["配合任务", "Partners"],
  level: ["层级", "Level"],
  role: ["角色", "Role"],
  all: ["全部", "all"],
  year: ["年份", "Year"],
  unit: ["单位", "Unit"],
  scope: ["出处", "Scope"],
  name: ["名称", "Name"],
  value: ["数值", "Value"],
  filter: ["筛选", "Filter"],
  exportCsv: ["导出 CSV", "Export CSV"],
  shown: ["显示 {n} / {total} 项", "{n} of {total} shown"],
  targetsByChapter: ["各章指标数", "Targets per chapter"],
  leadsByAgency: ["各部门牵头任务数", "Tasks led per agency"],
  focus: ["中心节点", "Focus"],
  depth: ["深度", "Depth"],
  graphHelp: ["点击节点展开其邻居;双击打开其页面。", "Click a node to expand its neighbours; double-click to open its page."],
  legend: ["图例", "Legend"],
  open: ["打开", "Open"],
  nodes: ["{n} 个节点", "{n} nodes"],
  nodesList: ["节点列表", "The nodes as a list"],
  sortBy: ["按此列排序", "Sort by this column"],
  overview: ["概览", "Overview"],
  showInGraph: ["在图谱中查看", "Show in the graph"],
  // Lineage: what a plan cites and which loaded plans cite it (issue 21).
  lineage: ["引用关系", "Lineage"],
  cites: ["引用", "Cites"],
  citedBy: ["被引用", "Cited by"],
  citedTimes: ["引用 {n} 次", "cited {n} times"],
  loadedPlan: ["已载入的规划", "a loaded plan"],
  inText: ["在原文中查看", "See it in the text"],
  noCitations: ["该规划没有引用《》中的文件。", "This plan cites no document in 《》."],
  notCited: ["没有已载入的规划引用该规划。", "No loaded plan cites this plan."],
  documents: ["引用文件", "Documents"],
  document: ["文件", "Document"],
  citingPlans: ["引用该文件的规划", "Plans citing it"],
  quote: ["引文", "Quoted sentence"],
  quoteOutside: ["这句话不在任何任务或目标之内(例如在规划的前言中)。", "This sentence lies outside every task and goal (in the plan's preamble, for instance)."],
  offsets: ["原文第 {start}–{end} 字", "Characters {start}–{end} of the plan text"],
  // One indicator family across plans.
  families: ["指标对比", "Compare"],
  familiesTitle: ["跨规划的同类指标", "Indicator families across plans"],
  dimension: ["量纲", "Dimension"],
  source: ["来源", "Source"],
  plansCount: ["规划数", "Plans"],
  targetsCount: ["指标数", "Targets"],
  allPlans: ["全部规划", "All plans"],
  thisPlan: ["本规划", "This plan"],
  region: ["地区", "Region"],
  asWritten: ["原文数值", "As written"],
  converted: ["换算值", "Converted"],
  comparator: ["比较", "Comparator"],
  quoteCol: ["原文", "Quote"],
  taskOrGoal: ["任务/目标", "Task / goal"],
  acrossPlans: ["{name}({unit})", "{name} ({unit})"],
  noFamily: ["该规划没有属于此类的指标。", "No target of the plan belongs to this family."],
  previous: ["上一页", "Previous"],
  next: ["下一页", "Next"],
  range: ["第 {from}–{to} 项,共 {total} 项", "{from}–{to} of {total}"],
  // The responsibility table (任务分工表).
  duties: ["任务分工表", "Responsibility table"],
  number: ["序号", "No."],
  leadsExplicit: ["牵头单位(明确)", "Leads (stated)"],
  leadsInferred: ["牵头单位(推断)", "Leads (inferred)"],
  partnerAgencies: ["配合单位", "Partners"],
  years: ["年份", "Years"],
  downloadCsv: ["下载 CSV", "Download CSV"],
  downloadXlsx: ["下载 Excel", "Download Excel (XLSX)"],
  noRows: ["没有记录。", "Nothing to show."],
} as const;

/** Words the API gives in Chinese as they stand in plans (a citation's verb, a document's
 * kind) and its fixed values (a target's kind, how a duty was found), glossed for English. */
const GLOSSES: Record<string, string> = {
  // data/citations.yaml: the verbs that introduce a cited document, and its kinds.
  根据: "pursuant to",
  依据: "on the basis of",
  按照: "in accordance with",
  依照: "in accordance with",
  参照: "with reference to",
  遵照: "in compliance with",
  遵循: "follows",
  落实: "implements",
  贯彻: "carries out",
  贯彻落实: "carries out",
  贯彻实施: "carries out",
  对照: "measured against",
  对标: "benchmarked on",
  执行: "executes",
  结合: "together with",
  实施: "implements",
  对接: "aligns with",
  衔接: "dovetails with",
  印发: "issues",
  出台: "issues",
  制定: "draws up",
  修编: "revises",
  编制: "compiles",
  法律: "law",
  条例: "regulation",
  规划: "plan",
  纲要: "outline",
  方案: "programme",
  意见: "opinions",
  通知: "notice",
  办法: "measures",
  决定: "decision",
  规定: "provisions",
  细则: "detailed rules",
  计划: "action plan",
  建议: "recommendations",
  通告: "circular",
  标准: "standard",
  规范: "code",
  规程: "technical rules",
  指南: "guidelines",
  大纲: "outline",
  协定: "agreement",
  政策: "policy",
  措施: "measures",
  战略: "strategy",
  方法: "method",
  other: "other",
  level: "level",
  increment: "increase",
  cumulative: "cumulative",
  clause: "responsibility clause",
  text: "named in the text",
  inferred: "inferred",
  // An indicator family's dimension and the source of its name (data/indicator_families.yaml).
  age: "age",
  "coal-equivalent": "coal equivalent",
  "money-usd": "money (US dollars)",
  "money-per-person": "money per person",
  "percentage-point": "percentage points",
  concentration: "concentration",
  area: "area",
  count: "count",
  mass: "mass",
  money: "money",
  people: "people",
  percent: "percent",
  ratio: "ratio",
  years: "years",
  "plan-14": "national 14th five-year plan",
  nbs: "National Bureau of Statistics",
  miit: "Ministry of Industry and Information Technology",
  moa: "Ministry of Agriculture and Rural Affairs",
  mofcom: "Ministry of Commerce",
  mee: "Ministry of Ecology and Environment",
  牵头: "leads",
  配合: "assists",
  负责: "responsible",
  牵头考核单位: "leads the assessment",
  责任单位: "responsible body",
  指导: "guides",
  参与: "takes part",
};

// Each area of the page keeps its words in words/<area>.ts (one file each, so work on
// different views does not touch the same lines).
const WORDS = {
  ...CORE_WORDS,
  ...SEARCH_WORDS,
  ...CITE_WORDS,
  ...TABLES_WORDS,
  ...GRAPH_WORDS,
  ...FINISH_WORDS,
  ...CORRECTIONS_WORDS,
};

const CHINESE_GLOSSES: Record<string, string> = {
  other: "其他",
  level: "水平值",
  increment: "增量",
  cumulative: "累计",
  clause: "分工条款",
  text: "正文提及",
  inferred: "推断",
  age: "年龄",
  "coal-equivalent": "标准煤",
  "money-usd": "金额(美元)",
  "money-per-person": "人均金额",
  "percentage-point": "百分点",
  concentration: "浓度",
  area: "面积",
  count: "数量",
  mass: "质量",
  money: "金额",
  people: "人数",
  percent: "百分比",
  ratio: "比值",
  years: "年限",
  "plan-14": "国家“十四五”规划纲要",
  nbs: "国家统计局",
  miit: "工业和信息化部",
  moa: "农业农村部",
  mofcom: "商务部",
  mee: "生态环境部",
};

/** A fixed word from the API in the page's language; unknown words stay as given. */
export function gloss(word: string | null | undefined): string {
  if (!word) return "";
  if (current === "en") return GLOSSES[word] ?? word;
  return CHINESE_GLOSSES[word] ?? word;
}

export type Word = keyof typeof WORDS;

let current: Lang = "zh";

export function setLang(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
}

export function lang(): Lang {
  return current;
}

export function t(word: Word, values: Record<string, string | number> = {}): string {
  const text: string = WORDS[word][current === "zh" ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ""));
}

/** A name from the API in the chosen language, falling back to Chinese. */
export function named(item: { name: string; name_en?: string | null }): string {
  return (current === "en" && item.name_en) || item.name;
}

export function titled(item: { title: string; title_en?: string | null }): string {
  return (current === "en" && item.title_en) || item.title;
}
