import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { loadConfig } from '../config/load.js';
import { foldText, isShortTerm, searchColumns, shortTerms } from '../indexer/embedded/search-text.js';
import { readInputs } from '../ingest/files/read-inputs.js';
import type { PersonMention } from '../processors/model/mention.js';
import type { TalentProfile } from '../processors/model/profile.js';
import { processRecord } from '../processors/pipeline.js';
import { ProfileFactory } from '../processors/profile-factory.js';
import type { ParsedRecord } from '../processors/profile/build-profiles.js';

/**
 * Recall of Chinese queries for the two full-text designs considered for the embedded index:
 *   - `segmented`: documents and queries cut into words by Intl.Segmenter('zh'), indexed by FTS5's
 *     unicode61 tokenizer, a query being the phrase of its words;
 *   - `trigram`: FTS5's trigram tokenizer, with an `instr` scan for 1–2 character queries.
 * A profile is relevant to a query when its indexed text contains the query (what a recruiter
 * typing 光电 expects: 光电子, 光电成像 and 光电所 all count). Profiles: the real corpus through the
 * real pipeline, plus made-up Chinese profiles below. Output: bench/results/chinese-recall.json.
 */

export const QUERIES = [
  '光电',
  '长春光机所',
  '半导体材料',
  '光学',
  '激光',
  '汽车',
  '研究员',
  '高级工程师',
  '工程师',
  '教授',
  '集成电路',
  '中国科学院',
  '新能源汽车',
  '总经理',
  '董事长',
  '电子',
  '通信',
  '吉林大学',
  '机器学习',
  '副总经理',
];

/** Made-up people: [name, organization, title, skills, summary]. */
const MADE_UP: Array<[string, string, string, string[], string]> = [
  [
    '赵光耀',
    '中国科学院长春光学精密机械与物理研究所',
    '研究员',
    ['光学设计'],
    '从事空间光电成像载荷研究，长春光机所光电子学科带头人。',
  ],
  [
    '钱半导',
    '吉林华微电子股份有限公司',
    '高级工程师',
    ['功率器件'],
    '负责半导体材料与功率半导体器件工艺开发。',
  ],
  ['孙新材', '吉林大学', '教授', ['材料科学'], '研究宽禁带半导体材料和新型光电材料。'],
  [
    '周汽',
    '中国第一汽车集团有限公司',
    '总工程师',
    ['自动驾驶'],
    '主持新能源汽车整车集成与智能网联汽车开发。',
  ],
  [
    '吴激光',
    '长春新产业光电技术有限公司',
    '总经理',
    ['激光'],
    '创办激光器企业，产品为固体激光器和光纤激光器。',
  ],
  ['郑通信', '中国电子科技集团公司', '副总经理', ['通信'], '负责卫星通信与光通信系统。'],
  ['王集成', '长春长光辰芯微电子股份有限公司', '董事长', ['集成电路'], 'CMOS图像传感器与集成电路设计。'],
  ['冯光机', '长春光机所', '副研究员', ['精密机械'], '长春光机所精密机械研究室，参与光电经纬仪研制。'],
  [
    '陈医药',
    '长春高新技术产业（集团）股份有限公司',
    '副总经理',
    ['生物医药'],
    '负责基因工程药物研发与产业化。',
  ],
  ['褚智能', '吉林大学计算机科学与技术学院', '副教授', ['机器学习'], '研究机器学习、计算机视觉与大模型。'],
  [
    '卫轨道',
    '中车长春轨道客车股份有限公司',
    '高级工程师',
    ['轨道交通'],
    '高速动车组转向架设计，电子电气系统集成。',
  ],
  ['蒋卫星', '长光卫星技术股份有限公司', '研究员', ['卫星'], '吉林一号卫星星座总体设计，光学遥感卫星。'],
  ['沈农业', '吉林省农业科学院', '研究员', ['农业'], '玉米育种与农产品深加工。'],
  ['韩影视', '长影集团有限责任公司', '导演', ['电影'], '电影制作与数字影视后期。'],
  ['杨材料', '中国科学院长春应用化学研究所', '研究员', ['高分子材料'], '稀土材料与高分子半导体材料研究。'],
];

function madeUpMentions(): PersonMention[] {
  return MADE_UP.map(([name, organization, title, skills, summary], i) => {
    const sourceId = `bench:zh${i}`;
    return {
      mentionId: `${sourceId}#0`,
      sourceId,
      sourceKind: 'resume',
      format: 'zh-resume-text',
      role: 'resume-subject',
      name: { full: name, order: 'surname-first' },
      summary,
      location: { city: '长春', country: 'CN' },
      affiliations: [{ organization, title, current: true, evidence: { sourceId, path: 'work[0]' } }],
      education: [],
      professionalTitles: [title],
      skills,
      patents: [],
      filingRoles: [],
      evidence: [{ sourceId, path: 'name' }],
    };
  });
}

async function corpusRecords(corpus: string): Promise<ParsedRecord[]> {
  const records: ParsedRecord[] = [];
  const limits = { maxDocumentBytes: 64 * 1024 * 1024 };
  for await (const item of readInputs([corpus], limits)) {
    if (item.kind === 'rejected') continue;
    const outcome = processRecord(item.envelope, limits);
    if (outcome.status !== 'parsed') continue;
    records.push({
      sourceId: item.envelope.id,
      fetchedAt: item.envelope.fetchedAt,
      document: outcome.document,
      mentions: outcome.mentions,
    });
  }
  return records;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const segment = (text: string): string[] =>
  [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);

interface Design {
  name: string;
  build(docs: string[]): { search(q: string): Set<number>; bytes(): number; close(): void };
}

function table(tokenizer: string, docs: string[], prepare: (d: string) => string): Database.Database {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE t USING fts5 (body, tokenize = '${tokenizer}')`);
  const insert = db.prepare('INSERT INTO t (rowid, body) VALUES (?, ?)');
  db.transaction(() => docs.forEach((d, i) => insert.run(i, prepare(d))))();
  return db;
}

const rows = (db: Database.Database, sql: string, param: string): Set<number> =>
  new Set((db.prepare(sql).all(param) as Array<{ rowid: number }>).map((r) => r.rowid));
const pageBytes = (db: Database.Database): number =>
  Number(db.pragma('page_count', { simple: true })) * Number(db.pragma('page_size', { simple: true }));

const DESIGNS: Design[] = [
  {
    name: 'segmented-unicode61',
    build(docs) {
      const db = table('unicode61', docs, (d) => segment(d).join(' '));
      return {
        search: (q) => {
          const words = segment(q);
          if (words.length === 0) return new Set();
          return rows(
            db,
            'SELECT rowid FROM t WHERE t MATCH ?',
            `"${words.join(' ').replaceAll('"', '""')}"`,
          );
        },
        bytes: () => pageBytes(db),
        close: () => db.close(),
      };
    },
  },
  {
    name: 'trigram+instr',
    build(docs) {
      const db = table('trigram remove_diacritics 1', docs, (d) => d);
      return {
        search: (q) =>
          [...q].length >= 3
            ? rows(db, 'SELECT rowid FROM t WHERE t MATCH ?', `"${q.replaceAll('"', '""')}"`)
            : rows(db, 'SELECT rowid FROM t WHERE instr(body, ?) > 0', q),
        bytes: () => pageBytes(db),
        close: () => db.close(),
      };
    },
  },
  {
    // What the embedded index does since schema v2 (indexer/embedded/search-text.ts): trigrams for
    // 3+ characters, the CJK-bigram / two-letter-word table for two, a scan for one.
    name: 'trigram+bigram',
    build(docs) {
      const tri = table('trigram remove_diacritics 1', docs, (d) => d);
      const short = table('unicode61 remove_diacritics 1', docs, shortTerms);
      return {
        search: (q) =>
          [...q].length >= 3
            ? rows(tri, 'SELECT rowid FROM t WHERE t MATCH ?', `"${q.replaceAll('"', '""')}"`)
            : isShortTerm(q)
              ? rows(short, 'SELECT rowid FROM t WHERE t MATCH ?', `"${q.replaceAll('"', '""')}"`)
              : rows(tri, 'SELECT rowid FROM t WHERE instr(body, ?) > 0', q),
        bytes: () => pageBytes(tri) + pageBytes(short),
        close: () => {
          tri.close();
          short.close();
        },
      };
    },
  },
];

export async function measureChineseRecall(corpus: string): Promise<Record<string, unknown>> {
  const config = loadConfig({ env: { TALENT_REFERENCE_DATE: '2026-01-01' } });
  const factory = ProfileFactory.fromConfig(config);
  const records = await corpusRecords(corpus);
  const made = madeUpMentions().map((m): ParsedRecord => ({
    sourceId: m.sourceId,
    fetchedAt: '2026-01-01T00:00:00.000Z',
    document: { sourceId: m.sourceId, format: m.format, title: 'made-up' },
    mentions: [m],
  }));
  const corpusProfiles: TalentProfile[] = factory.profiles(records);
  const profiles = [...corpusProfiles, ...factory.profiles(made)];
  const docs = profiles.map((p) => Object.values(searchColumns(p)).join('\n'));
  const queries = QUERIES.map(foldText);
  const relevant = queries.map((q) => new Set(docs.flatMap((d, i) => (d.includes(q) ? [i] : []))));

  const designs: Record<string, unknown> = {};
  for (const design of DESIGNS) {
    const started = performance.now();
    const built = design.build(docs);
    const buildMs = performance.now() - started;
    let found = 0;
    let wanted = 0;
    let returned = 0;
    const perQuery: Record<string, { relevant: number; found: number; returned: number; recall: number }> =
      {};
    const queryStart = performance.now();
    queries.forEach((q, i) => {
      const hits = built.search(q);
      const truth = relevant[i] as Set<number>;
      const ok = [...hits].filter((h) => truth.has(h)).length;
      perQuery[q] = {
        relevant: truth.size,
        found: ok,
        returned: hits.size,
        recall: truth.size ? round(ok / truth.size) : 1,
      };
      found += ok;
      wanted += truth.size;
      returned += hits.size;
    });
    designs[design.name] = {
      recall: round(found / wanted),
      precision: round(returned ? found / returned : 1),
      meanQueryRecall: round(Object.values(perQuery).reduce((s, x) => s + x.recall, 0) / queries.length),
      buildMs: round(buildMs),
      queryMsTotal: round(performance.now() - queryStart),
      indexBytes: built.bytes(),
      perQuery,
    };
    built.close();
  }
  return {
    profiles: profiles.length,
    corpusProfiles: corpusProfiles.length,
    corpusProfilesWithHan: corpusProfiles.filter((p) =>
      /\p{Script=Han}/u.test(JSON.stringify(searchColumns(p))),
    ).length,
    madeUpProfiles: MADE_UP.length,
    relevance:
      'a profile is relevant when its indexed text (name, titles, organisations, skills, patents, summary, places) contains the query',
    designs,
    chosen: 'trigram+bigram',
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/** CLI: `npx tsx bench/chinese-recall.ts`, run from the repository root. */
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = process.cwd();
  const corpus = process.env.TALENT_CORPUS_DIR ?? resolve(root, '../shared/corpus');
  const result = await measureChineseRecall(corpus);
  const outDir = resolve(root, 'bench/results');
  mkdirSync(outDir, { recursive: true });
  const json = JSON.stringify(result, null, 2);
  writeFileSync(resolve(outDir, 'chinese-recall.json'), `${json}\n`);
  console.log(json);
}
