// Texts of the display screen (keys 'display.*'). See lib/i18n.ts. zhCN is complete; en may have gaps.
export const zhCN = {
  'display.title': '大厅综合屏',
  'display.comingSoon': '此页面正在建设中',
} as const;
export const en: Partial<Record<keyof typeof zhCN, string>> = {};
