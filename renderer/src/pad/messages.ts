// Texts of the pad screen (keys 'pad.*'). See lib/i18n.ts. zhCN is complete; en may have gaps.
export const zhCN = {
  'pad.title': '评价器',
  'pad.comingSoon': '此页面正在建设中',
} as const;
export const en: Partial<Record<keyof typeof zhCN, string>> = {};
