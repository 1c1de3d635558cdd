/**
 * Job and academic titles → a seniority level. Levels are ordered; `rank` compares them.
 * - `executive`: C-level, president, chair, founder, 董事长/总经理/总裁
 * - `director`: VP, director, head, partner, general counsel, 副总/总监/总工程师
 * - `principal`: full professor, 研究员, principal/distinguished/chief scientist, fellow
 * - `senior`: associate professor, 副教授/副研究员, 高级工程师, senior/staff/lead
 * - `professional`: engineer, scientist, manager, assistant professor, 工程师
 * - `junior`: intern, assistant, student, postdoc, 助理/学生
 */
export type Seniority = 'executive' | 'director' | 'principal' | 'senior' | 'professional' | 'junior';

export const seniorityRank: Readonly<Record<Seniority, number>> = {
  executive: 6,
  director: 5,
  principal: 4,
  senior: 3,
  professional: 2,
  junior: 1,
};

const RULES: Array<[RegExp, Seniority]> = [
  [
    /(student|intern|trainee|apprentice|助理|学生|实习|博士生|硕士生|研究生在读|post-?doc|博士后|teaching assistant|research assistant)/i,
    'junior',
  ],
  [
    /(副总经理|副总裁|副董事长|总监|总工程师|总会计师|总经济师|董事会秘书|\bvice[- ]president\b|\bsvp\b|\bevp\b|\bvp\b|\bdirector\b|\bhead of\b|\bpartner\b|general counsel|secretary|treasurer|controller|managing director)/i,
    'director',
  ],
  [
    /(董事长|总经理|总裁|首席|\bchief\b|\bc[eftoi]o\b|\bpresident\b|\bchair(man|woman|person)?\b|\bfounder\b|co-?founder|创始人|\bowner\b|executive chairman)/i,
    'executive',
  ],
  [
    /(副教授|副研究员|高级工程师|高级会计师|高级经济师|高级|associate professor|\bsenior\b|\bsr\.?\b|\bstaff\b|\blead\b|\bprincipal investigator\b)/i,
    'senior',
  ],
  [
    /(教授|研究员|院士|professor|\bprincipal\b|distinguished|chief scientist|\bfellow\b|博导|博士生导师)/i,
    'principal',
  ],
  [
    /(engineer|scientist|manager|developer|researcher|analyst|consultant|designer|architect|lecturer|assistant professor|physician|attorney|工程师|经理|讲师|医师|会计师|律师|研究人员)/i,
    'professional',
  ],
];

/**
 * The seniority of a title, or undefined when it says nothing about rank. Rules are checked in
 * order, so "Vice President" is `director` before "President" can make it `executive`, and
 * "Associate Professor" is `senior` before "Professor" makes it `principal`.
 */
export function titleSeniority(title: string | undefined): Seniority | undefined {
  if (title === undefined || title.trim() === '') return undefined;
  if (/assistant professor/i.test(title)) return 'professional';
  for (const [re, level] of RULES) if (re.test(title)) return level;
  return undefined;
}
