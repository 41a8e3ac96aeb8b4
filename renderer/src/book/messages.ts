// Texts of the book screen (keys 'book.*'). See lib/i18n.ts. zhCN is complete; en may have gaps.
export const zhCN = {
  'book.title': '网上预约',
  'book.comingSoon': '此页面正在建设中',
} as const;
export const en: Partial<Record<keyof typeof zhCN, string>> = {};
