// Texts of the window screen (keys 'window.*'). See lib/i18n.ts. zhCN is complete; en may have gaps.
export const zhCN = {
  'window.title': '窗口显示屏',
  'window.heading': '{n}号窗口',
  'window.calling': '请 {number} 号',
  'window.serving': '{number} 号 正在办理',
  'window.welcome': '欢迎光临',
  'window.paused': '暂停服务',
  'window.maintenance': '系统维护中，请稍候',
  'window.noWindow': '请在地址后加 ?windowNo=窗口号',
  'window.unknownWindow': '大厅没有{n}号窗口',
} as const;
export const en: Partial<Record<keyof typeof zhCN, string>> = {
  'window.title': 'Window display',
  'window.heading': 'Window {n}',
  'window.welcome': 'Welcome',
  'window.paused': 'Closed',
};
