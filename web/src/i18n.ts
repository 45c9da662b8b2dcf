// The page's own words in Chinese and English; names of places, tasks, agencies and themes
// come from the API, which has both (`name` / `name_en`, `title` / `title_en`).
export type Lang = "zh" | "en";

const WORDS = {
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
} as const;

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
