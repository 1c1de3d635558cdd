/**
 * Chinese surnames, shared by every part that must tell a Han name from other Han text: the name
 * normalizer (to split family and given names), the résumé extractor and the profile-page parser.
 */

function words(list: string): string[] {
  return list.trim().split(/\s+/);
}

/** Common single-character surnames (the ~400 most frequent, plus some rarer ones seen in bios). */
export const singleSurnames: ReadonlySet<string> = new Set(
  (
    '傅萧阎' +
    '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢' +
    '姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文' +
    '牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲' +
    '翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫' +
    '米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥' +
    '南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相' +
    '初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅' +
    '利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由寻'
  ).split(''),
);

/** Two-character surnames; checked before single ones so 欧阳明 is 欧阳 + 明. */
export const compoundSurnames: readonly string[] = words(
  '欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 澹台 公冶 端木 ' +
    '呼延 南宫 西门 申屠 闻人 万俟 独孤 拓跋 百里 ',
);
