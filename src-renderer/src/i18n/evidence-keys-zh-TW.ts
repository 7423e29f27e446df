import type { evidenceKeysEn } from './evidence-keys-en';

/** 審查者為開啟證據包而釘選的金鑰（繁體中文）。 */
export const evidenceKeysZhTW: typeof evidenceKeysEn = {
  title: '您信任的金鑰',
  intro:
    '證據包只有在以您選擇信任的金鑰檢查時才算「已驗證」：分析師的公開金鑰，須另行取得（當面、可查證的電子郵件、紙本）。釘選的金鑰會記錄在本工作站的稽核紀錄中。',
  verifyWith: '驗證所用金鑰',
  bundledOnly: '證據包內附的金鑰（僅供參考：絕不算已驗證）',
  own: '本工作站',
  option: '{{label}}（{{short}}）',
  pinTitle: '釘選金鑰',
  label: '標籤（誰的金鑰、哪台電腦）',
  pem: '公開金鑰（PEM）',
  pemHint: '貼上 -----BEGIN PUBLIC KEY----- … 或載入 .pem 檔。私密金鑰會被拒絕。',
  loadFile: '載入 .pem 檔',
  by: '您的姓名',
  attribution: '姓名僅為本機署名，並非身分驗證。',
  pin: '釘選金鑰',
  pinned: '已釘選 {{label}}（{{short}}）。',
  pinRefused: '金鑰未釘選',
  needFields: '請填寫標籤、PEM 文字與您的姓名。',
  list: '已釘選的金鑰',
  fingerprint: '指紋',
  pinnedBy: '釘選者',
  pinnedAt: '釘選時間',
  forget: '移除',
  forgetReason: '移除 {{label}} 的原因',
  forgetConfirm: '移除金鑰',
  forgetRefused: '金鑰未移除',
  cancel: '取消',
  unpinned: '未釘選金鑰',
  unpinnedNote:
    '所有檢查皆通過，但僅以證據包內附的金鑰檢查；任何改寫證據包的人都可能替換該金鑰。請在「驗證所用金鑰」選擇您信任的金鑰，才能判定為已驗證。',
};
