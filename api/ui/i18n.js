/**
 * The UI's two languages. Every visible string goes through t(); the choice is kept in
 * localStorage (a preference, not a secret) and applied by re-rendering the current page.
 */

import { ANALYST_STRINGS } from './analyst-strings.js';
import { RECRUIT_STRINGS } from './i18n-recruit.js';

const STRINGS = {
  zh: {
    ...ANALYST_STRINGS.zh,
    ...RECRUIT_STRINGS.zh,
    appName: '人才大脑',
    appSub: '全球高端产业人才指数',
    skip: '跳到主要内容',
    navSearch: '人才搜索',
    navDashboard: '供需分析',
    navSaved: '已存搜索',
    switchTo: 'English',
    switchToLabel: 'Switch to English',
    signedInAs: '已登录：{name}（{role}）',
    signOut: '退出',
    role_recruiter: '招聘专员',
    role_analyst: '分析员',
    role_admin: '管理员',
    loginTitle: '登录',
    loginHelp: '请输入 API 密钥。密钥只保存在本浏览器标签页的会话存储中，关闭标签页即清除。',
    apiKey: 'API 密钥',
    signIn: '登录',
    loginFailed: '登录失败：{message}',
    queryLabel: '搜索人才',
    queryPlaceholder: '例如：半导体、激光 长春、title:professor battery',
    search: '搜索',
    examples: '示例：',
    filters: '筛选',
    industry: '产业',
    anyIndustry: '全部产业',
    tier: '层级',
    region: '地区',
    regionPlaceholder: '例如：CN-JL、吉林、Jilin',
    skills: '技能',
    skillsPlaceholder: '逗号分隔，例如：机器学习, Zemax',
    minScore: '最低分',
    sort: '排序',
    sortRelevance: '相关度',
    sortPriority: '综合优先级',
    sortIndustry: '产业得分',
    apply: '应用',
    clearFilters: '清除筛选',
    facets: '分面统计',
    facet_industry: '产业',
    facet_tier: '层级',
    facet_region: '地区',
    facet_country: '国家',
    facet_city: '城市',
    facet_skill: '技能',
    facetApply: '按 {value} 筛选（{count} 人）',
    results: '共 {total} 位人才',
    resultsPage: '第 {page} 页',
    noResults: '没有符合条件的人才。试试更少的筛选条件或其他关键词。',
    previous: '上一页',
    next: '下一页',
    tierBadge: '{tier} 级',
    score: '得分',
    viewProfile: '查看档案',
    saveSearch: '保存此搜索',
    saveSearchName: '搜索名称',
    saved: '已保存：{name}',
    loading: '加载中…',
    errorPrefix: '出错了：',
    back: '返回搜索',
    priority: '综合优先级 {score}',
    sectionProfile: '基本信息',
    sectionContacts: '联系方式与标识',
    sectionAffiliations: '任职经历',
    sectionEducation: '教育经历',
    sectionPatents: '专利',
    sectionPublications: '论文与著作',
    citedBy: '被引 {n} 次',
    sectionFilings: '上市公司申报角色',
    sectionSummary: '简介',
    sectionExplanation: '评分说明',
    sectionEvidence: '证据来源（{count}）',
    sectionMerges: '为何认定为同一人（{count} 次合并）',
    mergeScore: '得分 {score}',
    mergeReasons: '依据',
    sectionResolution: '人员归并',
    singleSource: '该档案仅来自一条记录，未发生合并。',
    showKeptApart: '查看未合并的同名记录',
    resolutionCurrent: '按当前规则从已存证据重新归并，结果与本档案一致。',
    resolutionStale:
      '按当前规则重新归并的结果与本档案不同：规则或阈值已更改，请运行 talent-brain resolve --rebuild。',
    noneKeptApart: '没有同名块中被分开的记录。',
    names: '姓名写法',
    honorifics: '荣誉称号',
    gender: '性别',
    born: '出生',
    nationality: '国籍',
    locations: '所在地',
    titles: '职称/职务',
    skillsLabel: '技能',
    seen: '收录时间',
    email: '邮箱',
    phone: '电话',
    link: '链接',
    contactsMasked: '按您的角色，联系方式已隐藏：{fields}',
    masked_emails: '邮箱',
    masked_phones: '电话',
    masked_birthDate: '出生日期',
    masked_address: '地址',
    current: '至今',
    tierRule: '层级 {tier}：{rule}（依据：{because}）',
    relevance: '相关性 {points} 分',
    points: '{points} 分',
    notes: '说明',
    openSource: '打开原文',
    fetched: '采集于 {date}',
    source: '来源',
    erase: '删除此人（被遗忘权）',
    eraseConfirm: '确定永久删除 {name} 的档案及其全部证据吗？此操作会写入审计日志。',
    eraseReason: '删除原因（可选）',
    erased: '已删除该档案（审计记录 #{seq}）。',
    dashTitle: '人才供需分析',
    dashIntro:
      '供给：索引中在该产业得分不低于 {minScore} 的人才；需求：{regions} 的目标人数（示例数据，可替换）。',
    scope: '范围',
    scopeLocal: '仅目标地区',
    scopeAll: '全部人才',
    since: '变化起始日期',
    refresh: '刷新',
    chartIndustry: '各重点产业：需求与供给',
    chartTier: '{tier} 级人才：需求与供给',
    chartRegion: '各地区人才分布（综合优先级 ≥ {minScore}）',
    demand: '需求',
    supply: '供给',
    gap: '缺口',
    coverage: '覆盖率',
    trendSeen: '{since} 后更新',
    gapsTable: '缺口排名（从大到小）',
    exportCsv: '导出 CSV',
    anyTier: '任意',
    totals: '合计：需求 {demand}，供给 {supply}，缺口 {gap}',
    needsRole: '此页面需要分析员或管理员角色。',
    savedTitle: '已存搜索',
    savedNone: '还没有保存的搜索。在搜索页点击“保存此搜索”。',
    run: '运行',
    newMatches: '新增 {count} 位（上次运行：{at}）',
    delete: '删除',
    lastRun: '上次运行 {at}，共 {total} 位',
    open: '打开',
    chartSummary: '{label}：需求 {demand}，供给 {supply}',
  },
  en: {
    ...ANALYST_STRINGS.en,
    ...RECRUIT_STRINGS.en,
    appName: 'Talent Brain',
    appSub: 'Global high-end industrial talent index',
    skip: 'Skip to main content',
    navSearch: 'Search',
    navDashboard: 'Supply & demand',
    navSaved: 'Saved searches',
    switchTo: '中文',
    switchToLabel: '切换到中文',
    signedInAs: 'Signed in: {name} ({role})',
    signOut: 'Sign out',
    role_recruiter: 'recruiter',
    role_analyst: 'analyst',
    role_admin: 'admin',
    loginTitle: 'Sign in',
    loginHelp:
      'Enter your API key. It is kept in this tab’s session storage only and is gone when the tab closes.',
    apiKey: 'API key',
    signIn: 'Sign in',
    loginFailed: 'Sign-in failed: {message}',
    queryLabel: 'Search talent',
    queryPlaceholder: 'e.g. semiconductor, laser Changchun, title:professor battery',
    search: 'Search',
    examples: 'Examples:',
    filters: 'Filters',
    industry: 'Industry',
    anyIndustry: 'All industries',
    tier: 'Tier',
    region: 'Region',
    regionPlaceholder: 'e.g. CN-JL, Jilin, 吉林',
    skills: 'Skills',
    skillsPlaceholder: 'comma-separated, e.g. machine learning, Zemax',
    minScore: 'Minimum score',
    sort: 'Sort',
    sortRelevance: 'Relevance',
    sortPriority: 'Overall priority',
    sortIndustry: 'Industry score',
    apply: 'Apply',
    clearFilters: 'Clear filters',
    facets: 'Facets',
    facet_industry: 'Industry',
    facet_tier: 'Tier',
    facet_region: 'Region',
    facet_country: 'Country',
    facet_city: 'City',
    facet_skill: 'Skill',
    facetApply: 'Filter by {value} ({count} people)',
    results: '{total} people found',
    resultsPage: 'page {page}',
    noResults: 'Nobody matches. Try fewer filters or other words.',
    previous: 'Previous',
    next: 'Next',
    tierBadge: 'Tier {tier}',
    score: 'Score',
    viewProfile: 'View profile',
    saveSearch: 'Save this search',
    saveSearchName: 'Name of the search',
    saved: 'Saved: {name}',
    loading: 'Loading…',
    errorPrefix: 'Error: ',
    back: 'Back to search',
    priority: 'Priority {score}',
    sectionProfile: 'Profile',
    sectionContacts: 'Contacts and identifiers',
    sectionAffiliations: 'Affiliations',
    sectionEducation: 'Education',
    sectionPatents: 'Patents',
    sectionPublications: 'Publications',
    citedBy: 'cited {n} times',
    sectionFilings: 'Filing roles',
    sectionSummary: 'Summary',
    sectionExplanation: 'Score explanation',
    sectionEvidence: 'Evidence ({count})',
    sectionMerges: 'Why these sources are one person ({count} merges)',
    mergeScore: 'score {score}',
    mergeReasons: 'Evidence and weights',
    sectionResolution: 'Person resolution',
    singleSource: 'This profile comes from one mention: nothing was merged.',
    showKeptApart: 'Show similar mentions kept apart',
    resolutionCurrent: 'Re-resolved from the stored evidence under the current rules: the same person.',
    resolutionStale:
      'Re-resolved under the current rules, the person differs: the rules or threshold changed; run talent-brain resolve --rebuild.',
    noneKeptApart: 'No mention of the same name block was kept apart.',
    names: 'Names',
    honorifics: 'Honours',
    gender: 'Gender',
    born: 'Born',
    nationality: 'Nationality',
    locations: 'Locations',
    titles: 'Titles',
    skillsLabel: 'Skills',
    seen: 'Seen',
    email: 'E-mail',
    phone: 'Phone',
    link: 'Link',
    contactsMasked: 'Hidden for your role: {fields}',
    masked_emails: 'e-mail',
    masked_phones: 'phone',
    masked_birthDate: 'birth date',
    masked_address: 'address',
    current: 'now',
    tierRule: 'Tier {tier}: {rule} (because {because})',
    relevance: 'relevance {points} points',
    points: '{points} points',
    notes: 'Notes',
    openSource: 'open the source',
    fetched: 'fetched {date}',
    source: 'Source',
    erase: 'Erase this person (right to be forgotten)',
    eraseConfirm:
      'Erase the profile of {name} and all its evidence for good? The erasure is written to the audit log.',
    eraseReason: 'Reason (optional)',
    erased: 'The profile is erased (audit entry #{seq}).',
    dashTitle: 'Talent supply and demand',
    dashIntro:
      'Supply: people in the index scoring at least {minScore} in the industry; demand: targets for {regions} (example figures, replaceable).',
    scope: 'Scope',
    scopeLocal: 'Target regions only',
    scopeAll: 'Everyone',
    since: 'Change since',
    refresh: 'Refresh',
    chartIndustry: 'Priority industries: demand and supply',
    chartTier: 'Tier {tier}: demand and supply',
    chartRegion: 'Talent by region (priority ≥ {minScore})',
    demand: 'Demand',
    supply: 'Supply',
    gap: 'Gap',
    coverage: 'Coverage',
    trendSeen: 'seen since {since}',
    gapsTable: 'Largest gaps first',
    exportCsv: 'Export CSV',
    anyTier: 'any',
    totals: 'Totals: demand {demand}, supply {supply}, gap {gap}',
    needsRole: 'This page needs the analyst or admin role.',
    savedTitle: 'Saved searches',
    savedNone: 'No saved search yet. Use “Save this search” on the search page.',
    run: 'Run',
    newMatches: '{count} new (last run {at})',
    delete: 'Delete',
    lastRun: 'last run {at}, {total} people',
    open: 'Open',
    chartSummary: '{label}: demand {demand}, supply {supply}',
  },
};

const STORAGE_KEY = 'talent-brain.lang';

/** @typedef {'zh' | 'en'} Lang */
/** @typedef {keyof typeof STRINGS.en} StringKey */

/** @type {Lang} */
let lang = (() => {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh' || stored === 'en') return stored;
  } catch {
    // Storage may be disabled; the default is fine.
  }
  return 'zh';
})();

export function currentLang() {
  return lang;
}

/** @param {Lang} next */
export function setLang(next) {
  lang = next === 'en' ? 'en' : 'zh';
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not kept across visits then.
  }
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

/**
 * The string of `key` in the current language, `{name}` placeholders filled from `vars`.
 * @param {StringKey} key
 * @param {Record<string, string | number | undefined>} [vars]
 * @returns {string}
 */
export function t(key, vars) {
  /** @type {Record<string, string | undefined>} */
  const strings = STRINGS[lang];
  const text = strings[key] ?? STRINGS.en[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m)) : text;
}

/**
 * Numbers in the current locale (thousands separators).
 * @param {number} n
 */
export function num(n) {
  return new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en-US').format(n);
}

/**
 * An ISO date/time as a short local date.
 * @param {string | null | undefined} iso
 */
export function date(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium' }).format(d);
}
