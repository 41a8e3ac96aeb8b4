// Texts of the pad screen (keys 'pad.*'). See lib/i18n.ts. zhCN is complete; en may have gaps.
export const zhCN = {
  'pad.title': '评价器',
  'pad.window': '{n}号窗口',
  'pad.welcome': '欢迎光临',
  'pad.serving': '很高兴为您服务',
  'pad.staff': '工作人员：{name}（工号 {staffId}）',
  'pad.ratePrompt': '请对本次服务进行评价',
  'pad.level5': '非常满意',
  'pad.level4': '满意',
  'pad.level3': '基本满意',
  'pad.level2': '不满意',
  'pad.level1': '非常不满意',
  'pad.thanks': '感谢您的评价！',
  'pad.thanksSub': '欢迎再次光临',
  'pad.sending': '正在提交…',
  'pad.noWindow': '请在地址后加 ?windowNo=窗口号',
  'pad.unsupported': '评价器不能执行此任务',
} as const;
export const en: Partial<Record<keyof typeof zhCN, string>> = {
  'pad.title': 'Evaluation pad',
  'pad.welcome': 'Welcome',
  'pad.ratePrompt': 'Please rate our service',
  'pad.thanks': 'Thank you!',
};
