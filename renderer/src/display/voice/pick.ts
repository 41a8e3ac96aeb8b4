// Which of the PC's voices reads Chinese best. Pure: no DOM (unit-tested).

export interface VoiceLike {
  readonly lang: string;
  readonly name: string;
  readonly localService?: boolean;
}

/** zh-CN first (a local voice before a network one), then any other Chinese voice; else none. */
export function pickVoice<V extends VoiceLike>(voices: readonly V[]): V | undefined {
  const norm = (v: V) => v.lang.replace('_', '-').toLowerCase();
  const score = (v: V) => (norm(v) === 'zh-cn' ? 0 : norm(v).startsWith('zh-cn') || norm(v) === 'cmn-hans-cn' ? 1 : norm(v).startsWith('zh') || norm(v).startsWith('cmn') ? 2 : 9);
  const ranked = voices.filter((v) => score(v) < 9).sort((a, b) => score(a) - score(b) || Number(b.localService ?? false) - Number(a.localService ?? false));
  return ranked[0];
}
