/**
 * The analysts' views' strings (supply intervals, map, technologies, flows, trend), in both
 * languages, kept apart from i18n.js so those pages change without touching the shared table.
 * i18n.js spreads them into its own; a key here must not repeat one of its keys.
 */
export const ANALYST_STRINGS = {
  zh: {
    navMap: '人才地图',
    mapTitle: '人才地图',
    mapAnyIndustry: '全部产业',
    mapAnyTier: '全部等级',
    mapWorld: '全球',
    mapTrail: '地图层级',
    mapWorldLabel: '各国家/地区人才分布图',
    mapTilesLabel: '{country}各省级行政区人才分布（方块图）',
    mapTotal: '符合条件的人才共 {total} 位（得分 ≥ {minScore}）；一人可能出现在多个地点。点击地图下钻。',
    mapPlaceFigures: '{count} 位（约 {low}–{high} 人）',
    mapCities: '各城市人才数',
    mapRegions: '各地区人才数',
    mapNothing: '此层级没有符合条件的人才。',
    mapLegend: '人数：',
    mapPlace: '地点',
    mapCode: '代码',
    mapTable: '各地点人才数',
    people95: '人数区间（95%）',
    supplyLow: '供给下限',
    supplyHigh: '供给上限',
    totalsInterval: '合计：需求 {demand}，供给 {supply}（实际人数约 {low}–{high}），缺口 {gap}',
    intervalExplain:
      '供给数是“人员档案”数而非人数：同一人未被合并会被算两次（重复档案使供给偏高），两个人被误并为一人会少算（误合并使供给偏低）。区间按人员消歧的实测误差计算：成对召回率 {recall}、成对精确率 {precision}（标注集 {split} 部分），以及 {profiles} 份合成档案对应 {people} 位真实人员的端到端测量；各取 95% 置信上限，较大者为准。下限 = 供给 ×（1 − {dup}），上限 = 供给 ×（1 + {hidden}）。',
  },
  en: {
    navMap: 'Talent map',
    mapTitle: 'Talent map',
    mapAnyIndustry: 'Any industry',
    mapAnyTier: 'Any tier',
    mapWorld: 'World',
    mapTrail: 'Map level',
    mapWorldLabel: 'Talent by country, world map',
    mapTilesLabel: 'Talent by region of {country}, tile grid',
    mapTotal:
      '{total} people pass the filter (score ≥ {minScore}); a person located in two places counts in each. Click the map to drill down.',
    mapPlaceFigures: '{count} (about {low}–{high} people)',
    mapCities: 'Talent by city',
    mapRegions: 'Talent by region',
    mapNothing: 'Nobody passes the filter at this level.',
    mapLegend: 'People:',
    mapPlace: 'Place',
    mapCode: 'Code',
    mapTable: 'Talent by place',
    people95: 'People (95%)',
    supplyLow: 'Supply low',
    supplyHigh: 'Supply high',
    totalsInterval: 'Totals: demand {demand}, supply {supply} (about {low}–{high} people), gap {gap}',
    intervalExplain:
      'Supply counts profiles, not people: a person the resolver failed to join counts twice (duplicates inflate supply), two people joined by mistake count once (false merges deflate it). The interval comes from the resolver’s measured errors: pairwise recall {recall} and precision {precision} on the labelled set ({split} split), and {profiles} synthetic profiles against {people} true people measured end to end; each share at its 95% upper bound, the larger one wins. Low = supply × (1 − {dup}), high = supply × (1 + {hidden}).',
  },
};
