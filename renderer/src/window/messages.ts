// Texts of the window screen (keys 'window.*'). See lib/i18n.ts. zhCN is complete; en may have gaps.
export const zhCN = {
  'window.title': '窗口显示屏',
  'window.comingSoon': '此页面正在建设中',
} as const;
export const en: Partial<Record<keyof typeof zhCN, string>> = {};
