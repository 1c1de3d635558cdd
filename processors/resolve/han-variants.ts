/**
 * Traditional → simplified forms of the characters common in Chinese personal names and in the
 * distinctive parts of organisation names, so 張偉 (Hong Kong, Taiwan, older filings) meets 张伟.
 * A table of pairs rather than a full converter: names use a small set of characters, and a
 * character outside it is compared as written (a miss costs recall, never a wrong merge).
 */
const PAIRS =
  '張张 陳陈 劉刘 楊杨 趙赵 黃黄 吳吴 孫孙 鄭郑 謝谢 韓韩 馮冯 鄧邓 許许 呂吕 ' +
  '蔣蒋 葉叶 蘇苏 盧卢 賈贾 範范 鍾钟 鐘钟 羅罗 馬马 陸陆 龍龙 萬万 錢钱 湯汤 ' +
  '閻阎 顧顾 譚谭 鄒邹 龔龚 嚴严 賀贺 歐欧 聶聂 魯鲁 寧宁 紀纪 戰战 雲云 溫温 ' +
  '聞闻 莊庄 鮑鲍 廣广 蕭萧 關关 喬乔 齊齐 華华 鄔邬 費费 樂乐 韋韦 鄺邝 簡简 ' +
  '車车 項项 駱骆 藍蓝 饒饶 闕阙 衛卫 繆缪 談谈 婁娄 竇窦 賴赖 塗涂 連连 龐庞 ' +
  '時时 閔闵 陽阳 滿满 偉伟 國国 軍军 濤涛 東东 紅红 麗丽 傑杰 強强 輝辉 鵬鹏 ' +
  '剛刚 鳳凤 貴贵 興兴 慶庆 聖圣 義义 榮荣 運运 進进 曉晓 勝胜 豔艳 艷艳 靜静 ' +
  '飛飞 鳴鸣 濱滨 傳传 寶宝 蘭兰 鶴鹤 爾尔 錦锦 瑩莹 潔洁 穎颖 倫伦 瑋玮 煒炜 ' +
  '凱凯 為为 維维 銘铭 鋒锋 樺桦 亞亚 愛爱 紹绍 啟启 賢贤 詩诗 語语 夢梦 騰腾 ' +
  '劍剑 學学 聰聪 蓮莲 軒轩 韜韬 濟济 歷历 漢汉 顯显 錫锡 銀银 鐵铁 鈞钧 權权 ' +
  '璽玺 豐丰 長长 遠远 達达 聯联 綱纲 經经 緯纬 絲丝 純纯 綺绮 總总 開开 間间 ' +
  '門门 賓宾 順顺 頌颂 領领 碩硕 風风 飄飘 驊骅 駿骏 鴻鸿 鶯莺 麥麦 黨党 齡龄 ' +
  '貞贞 財财 貝贝 賽赛 贇赟 軼轶 農农 邁迈 還还 選选 鄉乡 陣阵 隊队 雙双 離离 ' +
  '難难 電电 靈灵 頂顶 題题 顏颜 願愿 類类 顥颢 馳驰 騏骐 驥骥 體体 鬆松 魚鱼 ' +
  '鳥鸟 鵲鹊 紋纹 詠咏 誠诚 諾诺 謙谦 譽誉 讓让 護护 讚赞 巖岩 峯峰 嶸嵘 島岛 ' +
  '崗岗 嶺岭 漁渔 潤润 澤泽 瀾澜 灝灏 煥焕 燁烨 爍烁 獻献 環环 瑤瑶 璣玑 琿珲 ' +
  '畢毕 當当 發发 監监 盤盘 眾众 禮礼 禎祯 禕祎 穩稳 筆笔 約约 統统 絹绢 綠绿 ' +
  '緒绪 緣缘 練练 縣县 繼继 續续 纓缨 習习 聲声 肅肃 舉举 萊莱 葦苇 蒼苍 蔭荫 ' +
  '蕓芸 藝艺 蘊蕴 蘆芦 號号 蟬蝉 術术 裝装 見见 親亲 覺觉 觀观 訓训 記记 詞词 ' +
  '諒谅 譯译 資资 賦赋 質质 贊赞 躍跃 輕轻 輪轮 轉转 辦办 郵邮 鄰邻 醫医 釗钊 ' +
  '鈴铃 鈺钰 銳锐 錚铮 鍵键 鎮镇 鏡镜 鑒鉴 闖闯 險险 雋隽 霽霁 靄霭 韻韵 頤颐 ' +
  '頻频 飆飙 餘余 館馆 駒驹 騫骞 驍骁 鴿鸽 鷹鹰 齋斋 龜龟 書书 會会 實实 寬宽 ' +
  '壽寿 聽听 讀读 議议 謀谋 證证 識识 誼谊 論论 説说 說说 請请 調调 務务 動动 ' +
  '勞劳 勳勋 勵励 員员 園园 圓圆 團团 堅坚 場场 壯壮 夾夹 奮奋 姍姗 嬌娇 嬋婵 ' +
  '專专 將将 層层 岡冈 帥帅 師师 帳帐 幹干 廠厂 廳厅 彥彦 徵征 復复 徹彻 憶忆 ' +
  '應应 懷怀 戲戏 擇择 據据 攜携 敵敌 數数 斕斓 於于 晉晋 暉晖 曆历 條条 來来 ' +
  '楓枫 棟栋 極极 構构 標标 樞枢 樹树 橋桥 機机 檢检 歡欢 歲岁 殘残 氣气 決决 ' +
  '沖冲 況况 淵渊 淺浅 渙涣 湧涌 滬沪 潛潜 澗涧 濃浓 灣湾 烏乌 無无 煙烟 熱热 ' +
  '爭争 犧牺 獨独 玨珏 現现 琺珐 瑪玛 璉琏 產产 畝亩 異异 療疗 盜盗 礎础 禪禅 ' +
  '穀谷 窮穷 競竞 筍笋 節节 築筑 糧粮 紡纺 細细 紳绅 組组 結结 給给 絕绝 絡络 ' +
  '緊紧 線线 編编 緻致 縝缜 織织 繪绘 罷罢 聳耸 腦脑 臉脸 臨临 與与 艙舱 蓋盖 ' +
  '薦荐 薩萨 藥药 處处 虛虚 蟲虫 補补 襲袭 規规 視视 計计 討讨 訊讯 設设 評评 ' +
  '試试 話话 該该 誌志 課课 諧谐 謹谨 豎竖 豬猪 貓猫 貫贯 貿贸 賜赐 賞赏 購购 ' +
  '趕赶 軌轨 較较 載载 輔辅 輯辑 轄辖 迴回 週周 過过 違违 遙遥 適适 遲迟 遷迁 ' +
  '邊边 釋释 針针 鈔钞 鉅钜 銅铜 鋼钢 錄录 錯错 鍊炼 鍛锻 鎖锁 鏈链 鑄铸 閃闪 ' +
  '閉闭 閣阁 闊阔 闡阐 陰阴 隨随 隱隐 雖虽 雞鸡 雜杂 霧雾 韌韧 頁页 頓顿 預预 ' +
  '頡颉 頭头 頰颊 顆颗 顫颤 飯饭 飲饮 養养 駐驻 驗验 髮发 鬥斗 鬧闹 鮮鲜 鯤鲲 ' +
  '鵑鹃 鸞鸾 點点 齒齿 ';

const SIMPLIFIED: ReadonlyMap<string, string> = new Map(
  PAIRS.trim()
    .split(/\s+/)
    .map((pair) => [pair.charAt(0), pair.charAt(1)] as const),
);

/** Han text with the table's traditional characters written in their simplified form. */
export function toSimplified(text: string): string {
  let out = '';
  for (const ch of text) out += SIMPLIFIED.get(ch) ?? ch;
  return out;
}

/** The inverse table, for tests and for generating traditional variants of a name. */
export function toTraditional(text: string): string {
  let out = '';
  for (const ch of text) out += TRADITIONAL.get(ch) ?? ch;
  return out;
}

const TRADITIONAL: ReadonlyMap<string, string> = new Map(
  [...SIMPLIFIED].map(([traditional, simplified]) => [simplified, traditional] as const),
);
