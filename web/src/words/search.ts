// The page's words for one area of the page, [Chinese, English]; i18n.ts merges every area.
export const SEARCH_WORDS = {
  searchEntityPlace: ["地点「{name}」的任务", "Tasks naming the place {name}"],
  searchEntityAgency: ["部门「{name}」牵头或配合的任务", "Tasks {name} leads or partners in"],
  searchEntityTheme: ["主题「{name}」的任务", "Tasks about the theme {name}"],
  searchEntityNote: ["与其页面所列相同", "the same tasks as its page lists"],
  searchPhraseGroup: ["含完整检索词「{q}」的任务", "Tasks containing “{q}” as written"],
  searchWordsGroup: ["仅含部分词语或近义词的任务", "Tasks matching only parts of the query or synonyms"],
  searchWordsNote: ["检索词被拆分或扩展后找到,相关性较低", "found by splitting or widening the query; less relevant"],
  searchInAllPlans: ["在全部规划中搜索", "Search every plan"],
  searchInThisPlan: ["仅在本规划中搜索", "Search this plan only"],
  searchTotal: ["共 {n} 个任务", "{n} tasks in all"],
  searchLeadsStated: ["牵头(明确)", "Leads (stated)"],
  searchLeadsInferred: ["牵头(推断)", "Leads (inferred)"],
  searchPartnersStated: ["配合(明确)", "Partners (stated)"],
  searchPartnersInferred: ["配合(推断)", "Partners (inferred)"],
  searchStatedLegend: ["明确:条款或正文点名", "Stated: a clause or the text names it"],
  searchInferredLegend: ["推断:由职责关键词推断", "Inferred: from its remit terms"],
} as const satisfies Record<string, readonly [string, string]>;
