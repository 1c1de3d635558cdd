/**
 * Word lists for the rule-based Chinese résumé extractor. They hold *generic* vocabulary (surnames,
 * degree words, title heads, organization suffixes, cue verbs), never names of particular
 * companies: the rules must carry over to résumés we have not seen.
 */

/** Splits a space-separated word list (keeps long lists readable and prettier-stable). */
function words(list: string): string[] {
  return list.trim().split(/\s+/);
}

export { compoundSurnames, singleSurnames } from '../normalize/chinese-surnames.js';

/** Leading words that look like a surname + given name but are ordinary words at a line start. */
export const notNames = new Set(
  words(
    '同时 其中 此外 另外 随后 其后 目前 现任 曾任 历任 兼任 期间 主要 近年 曾获 曾在 先后 历任 任职 ' +
      '公司 本公司 集团 董事 监事 经理 最近 近五年 所获荣誉 荣誉 学历 学位 国籍 性别 民族 汉族 简历 ' +
      '个人简历 工作经历 教育背景 于是 由于 因此 但是 并且 华侨 高级 中国 中共 党员 毕业 出生 男 女 ' +
      // Form labels and headings (时间：… / 单位：… / 董事会（…）): a page of several people would
      // otherwise start a new "person" at each of them.
      '时间 时间段 单位 任期 任务 项目 成果 成绩 成就 方向 国家 计算机 简介 相关 董事会 管理层 平台 成员 ' +
      '万元 常务 常委 高管 ',
  ),
);

/** Countries and regions that precede 国籍 / 籍 (CONT). */
export const countries = words(
  '中华人民共和国 中国香港 中国澳门 中国台湾 中国 香港 澳门 台湾 美国 加拿大 英国 澳大利亚 新西兰 ' +
    '新加坡 马来西亚 日本 韩国 德国 法国 意大利 西班牙 葡萄牙 荷兰 比利时 瑞士 瑞典 挪威 丹麦 芬兰 ' +
    '奥地利 爱尔兰 俄罗斯 以色列 印度 印度尼西亚 泰国 菲律宾 越南 巴西 阿根廷 墨西哥 智利 南非 埃及 ' +
    '土耳其 希腊 波兰 匈牙利 捷克 卢森堡 塞浦路斯 马耳他 圣基茨和尼维斯 多米尼克 多米尼加 萨摩亚 ' +
    '瓦努阿图 斐济 伯利兹 巴拿马 格林纳达 安提瓜和巴布达 文莱 蒙古 哈萨克斯坦 乌克兰 冰岛 秘鲁 ',
);

/** Ethnic groups of China (RACE); written with 族 (汉族) or bare after 民族： (汉). */
export const ethnicities = words(
  '汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 ' +
    '拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 ' +
    '怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 ',
);

/** First-level regions, for native-place phrases such as 辽宁海城人 (LOC). */
export const provinces = words(
  '黑龙江 内蒙古 北京 天津 上海 重庆 河北 山西 辽宁 吉林 江苏 浙江 安徽 福建 江西 山东 河南 湖北 ' +
    '湖南 广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 广西 西藏 宁夏 新疆 香港 澳门 ',
);

/**
 * Degree / education-level words (EDU) as they end a phrase: 经济学硕士, 大学本科学历, 在职研究生.
 * Bare 大学 / 中学 only count with 学历/文化 after them (清华大学 is a school, not a degree).
 */
export const eduTail =
  /(?:EMBA硕士|MBA硕士|博士研究生|硕士研究生|在职研究生|在职博士|在职硕士|大学本科|大学专科|研究生|博士|硕士|学士|本科|大专|专科|中专|高中|初中|EMBA|MBA|MPAcc|MPA|DBA)(?:学历|学位|文化|毕业)?$|(?:大学|中学|小学|高中)(?:学历|文化)$/;

/** A whole segment that is an education level on its own (学历：大学). */
export const eduWhole = /^(?:大学|中学)$/;

/**
 * Heads that end a job or professional title (TITLE). The title itself is whatever modifiers and
 * department words precede the head (财务部 + 经理, 教授级高级 + 工程师).
 */
export const titleHeads = words(
  '系主任 董事长 董事 监事 总经理 经理 总裁 总监 主任 书记 主席 会长 理事长 理事 委员 常委 秘书长 秘书 ' +
    '厂长 所长 院长 部长 科长 处长 局长 司长 行长 校长 社长 站长 队长 组长 班长 馆长 团长 庭长 指挥长 ' +
    '审计长 检察长 主管 主编 编辑 编审 总编 教授 讲师 助教 教师 研究员 工程师 高工 会计师 会计 经济师 ' +
    '审计师 统计师 律师 政工师 药师 医师 设计师 分析师 规划师 建筑师 税务师 评估师 管理师 经营师 ' +
    '精算师 顾问 专家 院士 导师 博士后 助理 代表 合伙人 党员 干事 干部 职员 专员 科员 技术员 业务员 ' +
    '计划员 外销员 销售员 仲裁员 出纳 工人 负责人 带头人 创始人 执行官 运营官 财务官 技术官 信息官 ' +
    '官 总工程师 总会计师 总经济师 总工 警司 干警 主持人 学生 会员 会董 审稿人 火炬手 记者 成员 ' +
    '参事 督导 高管 首席 大使 法官 检察官 董事会秘书 主办会计 副手 ',
);

/**
 * Words that may precede a head inside a title without being an organization: 副, 常务, 财务,
 * 监事会 … Used to split 江南水务 | 监事会主席 when no organization suffix marks the boundary.
 */
export const titleModifiers = words(
  '副 总 正 常务 执行 非执行 独立 首席 高级 资深 代理 兼职 专职 名誉 荣誉 特邀 特聘 客座 外部 ' +
    '职工 职工代表 监事会 董事会 理事会 党委 党组 纪委 团委 工会 党支部 支部 党总支 中共 财务 技术 ' +
    '销售 市场 投资 法务 审计 人力资源 行政 运营 营销 生产 质量 研发 采购 证券事务 证券 事务 业务 ' +
    '项目 区域 营运 信息 风险 合规 工艺 设计 计划 安全 品质 客户 战略 发展 综合 主办 注册 国家注册 ' +
    '中国注册 教授级 研究员级 助理 首席执行 总经理 董事长 主任 博士生 硕士生 博士 硕士 责任 评审 ' +
    '技术顾问 法律 经济 会计 第一 常务副 驻会 秘书处 办公室 分 企管 质管 质检 规划 基建 物资 办公 资产 ' +
    '人事 后勤 保卫 党群 宣传 组织 纪检 监察 外事 国际 进出口 开发 工程 设备 供应 物流 客服 公关 ' +
    '品牌 企划 策划 广告 培训 科研 资金 融资 预算 结算 稽核 内审 审核 供销 办 ',
);

/** One character that turns the function words before it into a department (采购 + 部, 证券 + 科). */
export const departmentChar = /[部科室处组]$/;

/**
 * What is left before a title that ends like this is a department, which the corpus keeps inside
 * the title (烟草销售部经理), not an organization.
 */
export const departmentMarker = /(?:[部科室处组办]|车间|中心|办公室)$/;

/** Professional (qualification) titles, as opposed to positions: kept in `professionalTitles`. */
export const professionalTitleTail =
  /(?:工程师|高工|教授|研究员|院士|会计师|经济师|审计师|统计师|律师|政工师|药师|医师|编审|讲师|博士生导师|硕士生导师|精算师|税务师|评估师|规划师|建筑师|设计师|分析师|管理师|经营师|博士后)$/;

/** Organization suffixes that on their own end a name (…有限公司, …大学, …研究所). */
export const strongOrgSuffixes = words(
  '股份有限公司 有限责任公司 有限公司 股份公司 集团公司 总公司 分公司 子公司 公司 集团 控股 大学 ' +
    '学院 学校 中学 小学 党校 研究院 研究所 研究中心 研究室 设计院 科学院 工程院 医院 银行 分行 ' +
    '支行 信用社 事务所 交易所 委员会 协会 学会 研究会 促进会 商会 联合会 基金会 总会 联谊会 证监会 ' +
    '银监会 保监会 出版社 报社 杂志社 通讯社 电视台 广播电台 电台 部队 军区 政府 法院 检察院 国务院 ' +
    '政协 人大 科协 工委 组织部 宣传部 统战部 财政部 商务部 经贸委 发改委 国资委 计委 经委 科委 ' +
    '教委 局 厅 厂 营业部 分所 基金 合作社 集团有限公司 实验室 图书馆 博物馆 俱乐部 ',
);

/**
 * Cue words that separate the parts of a clause (曾任 X 董事, 毕业于 Y, 在 Z 工作). Multi-character
 * ones are safe to cut anywhere; single characters (任, 在, 于, 为) are only stripped at a segment's
 * start, because they also occur inside organization names (云南大为…).
 */
export const cueWords = words(
  '曾任职于 先后任职于 先后就职于 曾就职于 任职于 就职于 服务于 受聘于 受聘为 被聘为 被选为 当选为 ' +
    '被授予 毕业于 就读于 出生于 出生年月 参加工作 成立至今 改制为 更名为 曾担任 现担任 并担任 同时兼任 ' +
    '同时担任 先后担任 先后任 曾任职 任职 就职 担任 曾任 现任 历任 兼任 出任 升任 调任 改任 转任 ' +
    '留任 聘任 受聘 当选 授予 荣获 获得 加入 加盟 进入 调入 调至 毕业 肄业 就读 学习 工作 任教 执教 ' +
    '在读 至今 以来 期间 成立 创立 创办 参与 从事 出生 生于 现为 目前 先后 曾经 同时 其中 以及 等职务 ' +
    '等职 一职 职务 现在 最近五年 近五年 最近 分别 主要 不再 继续 并任 兼职 就任 接任 现任职 先后任职 其他 ' +
    '担当 ',
);

/** Stripped one by one from the start of a segment. */
export const leadingSingles = /^[任在于为曾现并自从获又后即原均兼及和与其]/;

/** Field labels of form-like résumés (性别：男民族：汉); cut out with their colon. */
export const fieldLabels = words(
  '姓名 性别 民族 出生年月 出生日期 出生 籍贯 国籍 学历 学位 教育程度 文化程度 健康状况 政治面貌 ' +
    '职称 职务 现任职务 婚姻状况 毕业院校 专业 工作经历 主要工作经历 教育经历 工作单位 联系电话 ' +
    '电话 手机 邮箱 电子邮件 地址 年龄 身份证号 ',
);
