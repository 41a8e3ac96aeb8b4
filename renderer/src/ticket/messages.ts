// Texts of the ticket screen (keys 'ticket.*'). See lib/i18n.ts. zhCN is complete; en may have gaps.
export const zhCN = {
  'ticket.title': '我的排号',
  'ticket.comingSoon': '此页面正在建设中',
} as const;
export const en: Partial<Record<keyof typeof zhCN, string>> = {};
