// Texts of the launcher page (keys 'launcher.*'). See lib/i18n.ts.
export const zhCN = {
  'launcher.title': 'HallQ 政务服务大厅排队叫号系统',
  'launcher.intro': '选择本机的角色。取号机和大厅屏首次打开时在地址后加 ?token=设备令牌。',
  'launcher.kiosk': '取号机',
  'launcher.counter': '窗口呼叫',
  'launcher.display': '大厅综合屏',
  'launcher.window': '窗口显示屏',
  'launcher.pad': '评价器',
  'launcher.book': '网上预约',
} as const;
export const en: Partial<Record<keyof typeof zhCN, string>> = {
  'launcher.title': 'HallQ queue system',
  'launcher.kiosk': 'Kiosk',
  'launcher.counter': 'Counter',
  'launcher.display': 'Hall display',
  'launcher.window': 'Window display',
  'launcher.pad': 'Rating pad',
  'launcher.book': 'Booking',
};
