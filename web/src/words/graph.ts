// The page's words for one area of the page, [Chinese, English]; i18n.ts merges every area.
export const GRAPH_WORDS = {
} as const satisfies Record<string, readonly [string, string]>;
