// The page's words for one area of the page, [Chinese, English]; i18n.ts merges every area.
export const CORRECTIONS_WORDS = {
  reviewed: ["已审核", "reviewed"],
} as const satisfies Record<string, readonly [string, string]>;
