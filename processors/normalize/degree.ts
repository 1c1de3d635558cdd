export type DegreeLevel = 'doctorate' | 'master' | 'bachelor' | 'associate' | 'secondary' | 'other';

const RULES: Array<[RegExp, DegreeLevel]> = [
  [
    /博士|doctor|doctorate|ph\.?\s?d|d\.?phil|\bdsc\b|\bd\.sc|\bscd\b|\bedd\b|\bdba\b|\bm\.?d\.?\b|\bj\.?d\.?\b/i,
    'doctorate',
  ],
  [
    /硕士|研究生|master|\bm\.?sc?\b|\bm\.?s\.?\b|\bm\.?a\.?\b|\bm\.?eng|\bmba\b|\bemba\b|\bmpa\b|\bmphil\b|\bllm\b|\bmfa\b/i,
    'master',
  ],
  [
    /学士|本科|bachelor|\bb\.?sc?\b|\bb\.?s\.?\b|\bb\.?a\.?\b|\bb\.?eng|\bbba\b|\bb\.?tech|\blicenciatura\b|\blicence\b|undergraduate/i,
    'bachelor',
  ],
  [/大专|专科|associate|\ba\.?a\.?s?\b|diploma|高职/i, 'associate'],
  [/中专|高中|high\s?school|secondary|技校/i, 'secondary'],
];

/** Degree as written (`Ph.D.`, `硕士研究生`, `Bachelor of Science`) → a level that can be compared and filtered. */
export function degreeLevel(text: string | undefined): DegreeLevel | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  for (const [re, level] of RULES) if (re.test(text)) return level;
  return 'other';
}

export const degreeRank: Readonly<Record<DegreeLevel, number>> = {
  doctorate: 5,
  master: 4,
  bachelor: 3,
  associate: 2,
  secondary: 1,
  other: 0,
};
