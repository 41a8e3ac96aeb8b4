// Texts of the hall display (keys 'display.*'). See lib/i18n.ts. zhCN is complete; en may have gaps.
export const zhCN = {
  'display.title': '大厅综合屏',
  'display.calling': '请',
  'display.toWindow': '{n}号窗口',
  'display.arrow': '→',
  'display.noCall': '欢迎光临',
  'display.recent': '最近叫号',
  'display.waiting': '各部门等候人数',
  'display.waitingCount': '{n}人',
  'display.announcing': '正在播报',
  'display.notPaired': '本屏尚未配对',
  'display.loadFailed': '无法读取大厅信息：{message}',
  'display.badZone': '本屏的分区设置有误',
} as const;
export const en: Partial<Record<keyof typeof zhCN, string>> = {
  'display.title': 'Hall display',
  'display.toWindow': 'Window {n}',
  'display.noCall': 'Welcome',
  'display.recent': 'Recent calls',
  'display.waiting': 'Waiting by department',
  'display.waitingCount': '{n}',
};
