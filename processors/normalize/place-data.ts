/** Province-level divisions of China: code (ISO 3166-2:CN suffix), Han name, English name. */
export const chineseProvinces: ReadonlyArray<readonly [code: string, zh: string, en: string]> = [
  ['BJ', '北京', 'Beijing'], ['TJ', '天津', 'Tianjin'], ['HE', '河北', 'Hebei'], ['SX', '山西', 'Shanxi'],
  ['NM', '内蒙古', 'Inner Mongolia'], ['LN', '辽宁', 'Liaoning'], ['JL', '吉林', 'Jilin'], ['HL', '黑龙江', 'Heilongjiang'],
  ['SH', '上海', 'Shanghai'], ['JS', '江苏', 'Jiangsu'], ['ZJ', '浙江', 'Zhejiang'], ['AH', '安徽', 'Anhui'],
  ['FJ', '福建', 'Fujian'], ['JX', '江西', 'Jiangxi'], ['SD', '山东', 'Shandong'], ['HA', '河南', 'Henan'],
  ['HB', '湖北', 'Hubei'], ['HN', '湖南', 'Hunan'], ['GD', '广东', 'Guangdong'], ['GX', '广西', 'Guangxi'],
  ['HI', '海南', 'Hainan'], ['CQ', '重庆', 'Chongqing'], ['SC', '四川', 'Sichuan'], ['GZ', '贵州', 'Guizhou'],
  ['YN', '云南', 'Yunnan'], ['XZ', '西藏', 'Tibet'], ['SN', '陕西', 'Shaanxi'], ['GS', '甘肃', 'Gansu'],
  ['QH', '青海', 'Qinghai'], ['NX', '宁夏', 'Ningxia'], ['XJ', '新疆', 'Xinjiang'], ['TW', '台湾', 'Taiwan'],
  ['HK', '香港', 'Hong Kong'], ['MO', '澳门', 'Macau'],
];

/**
 * Prefecture-level cities: Han name, English name, province code. All of Jilin's, every provincial
 * capital and the larger industrial cities; other Han city names are romanized with pinyin.
 */
export const chineseCities: ReadonlyArray<readonly [zh: string, en: string, province: string]> = [
  ['长春', 'Changchun', 'JL'], ['吉林', 'Jilin', 'JL'], ['四平', 'Siping', 'JL'], ['辽源', 'Liaoyuan', 'JL'],
  ['通化', 'Tonghua', 'JL'], ['白山', 'Baishan', 'JL'], ['松原', 'Songyuan', 'JL'], ['白城', 'Baicheng', 'JL'],
  ['延边', 'Yanbian', 'JL'], ['延吉', 'Yanji', 'JL'],
  ['沈阳', 'Shenyang', 'LN'], ['大连', 'Dalian', 'LN'], ['鞍山', 'Anshan', 'LN'], ['哈尔滨', 'Harbin', 'HL'],
  ['大庆', 'Daqing', 'HL'], ['石家庄', 'Shijiazhuang', 'HE'], ['唐山', 'Tangshan', 'HE'], ['保定', 'Baoding', 'HE'],
  ['太原', 'Taiyuan', 'SX'], ['呼和浩特', 'Hohhot', 'NM'], ['包头', 'Baotou', 'NM'], ['南京', 'Nanjing', 'JS'],
  ['苏州', 'Suzhou', 'JS'], ['无锡', 'Wuxi', 'JS'], ['常州', 'Changzhou', 'JS'], ['南通', 'Nantong', 'JS'],
  ['杭州', 'Hangzhou', 'ZJ'], ['宁波', 'Ningbo', 'ZJ'], ['温州', 'Wenzhou', 'ZJ'], ['合肥', 'Hefei', 'AH'],
  ['芜湖', 'Wuhu', 'AH'], ['福州', 'Fuzhou', 'FJ'], ['厦门', 'Xiamen', 'FJ'], ['泉州', 'Quanzhou', 'FJ'],
  ['南昌', 'Nanchang', 'JX'], ['济南', 'Jinan', 'SD'], ['青岛', 'Qingdao', 'SD'], ['烟台', 'Yantai', 'SD'],
  ['郑州', 'Zhengzhou', 'HA'], ['洛阳', 'Luoyang', 'HA'], ['武汉', 'Wuhan', 'HB'], ['襄阳', 'Xiangyang', 'HB'],
  ['长沙', 'Changsha', 'HN'], ['株洲', 'Zhuzhou', 'HN'], ['广州', 'Guangzhou', 'GD'], ['深圳', 'Shenzhen', 'GD'],
  ['东莞', 'Dongguan', 'GD'], ['佛山', 'Foshan', 'GD'], ['珠海', 'Zhuhai', 'GD'], ['南宁', 'Nanning', 'GX'],
  ['柳州', 'Liuzhou', 'GX'], ['海口', 'Haikou', 'HI'], ['成都', 'Chengdu', 'SC'], ['绵阳', 'Mianyang', 'SC'],
  ['贵阳', 'Guiyang', 'GZ'], ['昆明', 'Kunming', 'YN'], ['拉萨', 'Lhasa', 'XZ'], ['西安', "Xi'an", 'SN'],
  ['兰州', 'Lanzhou', 'GS'], ['西宁', 'Xining', 'QH'], ['银川', 'Yinchuan', 'NX'], ['乌鲁木齐', 'Urumqi', 'XJ'],
  ['台北', 'Taipei', 'TW'], ['新竹', 'Hsinchu', 'TW'],
];

/** US states and territories: USPS code, name. */
export const usStates: ReadonlyArray<readonly [code: string, name: string]> = [
  ['AL', 'Alabama'], ['AK', 'Alaska'], ['AZ', 'Arizona'], ['AR', 'Arkansas'], ['CA', 'California'], ['CO', 'Colorado'],
  ['CT', 'Connecticut'], ['DE', 'Delaware'], ['FL', 'Florida'], ['GA', 'Georgia'], ['HI', 'Hawaii'], ['ID', 'Idaho'],
  ['IL', 'Illinois'], ['IN', 'Indiana'], ['IA', 'Iowa'], ['KS', 'Kansas'], ['KY', 'Kentucky'], ['LA', 'Louisiana'],
  ['ME', 'Maine'], ['MD', 'Maryland'], ['MA', 'Massachusetts'], ['MI', 'Michigan'], ['MN', 'Minnesota'],
  ['MS', 'Mississippi'], ['MO', 'Missouri'], ['MT', 'Montana'], ['NE', 'Nebraska'], ['NV', 'Nevada'],
  ['NH', 'New Hampshire'], ['NJ', 'New Jersey'], ['NM', 'New Mexico'], ['NY', 'New York'], ['NC', 'North Carolina'],
  ['ND', 'North Dakota'], ['OH', 'Ohio'], ['OK', 'Oklahoma'], ['OR', 'Oregon'], ['PA', 'Pennsylvania'],
  ['RI', 'Rhode Island'], ['SC', 'South Carolina'], ['SD', 'South Dakota'], ['TN', 'Tennessee'], ['TX', 'Texas'],
  ['UT', 'Utah'], ['VT', 'Vermont'], ['VA', 'Virginia'], ['WA', 'Washington'], ['WV', 'West Virginia'],
  ['WI', 'Wisconsin'], ['WY', 'Wyoming'], ['DC', 'District of Columbia'], ['PR', 'Puerto Rico'], ['GU', 'Guam'],
  ['VI', 'U.S. Virgin Islands'], ['AS', 'American Samoa'], ['MP', 'Northern Mariana Islands'],
];

/** Alpha-3 codes and demonyms for the countries most common in our sources; names come from ICU for all. */
export const countryAliases: ReadonlyArray<readonly [alpha2: string, ...aliases: string[]]> = [
  ['US', 'USA', 'U.S.', 'U.S.A.', 'United States of America', 'America', 'American', '美国', '美籍'],
  ['CN', 'CHN', 'PRC', "People's Republic of China", 'Chinese', 'P.R. China', 'P. R. China', '中国', '中华人民共和国', '中国大陆'],
  ['GB', 'GBR', 'UK', 'U.K.', 'Britain', 'Great Britain', 'England', 'Scotland', 'Wales', 'British', '英国'],
  ['DE', 'DEU', 'Germany', 'German', 'Deutschland', '德国'], ['JP', 'JPN', 'Japanese', '日本'],
  ['KR', 'KOR', 'South Korea', 'Republic of Korea', 'Korea', 'Korean', '韩国'], ['FR', 'FRA', 'French', '法国'],
  ['CA', 'CAN', 'Canadian', '加拿大'], ['IN', 'IND', 'Indian', '印度'], ['IL', 'ISR', 'Israeli', '以色列'],
  ['TW', 'TWN', 'Taiwan, Province of China', 'Chinese Taipei', '中国台湾', '台湾'], ['HK', 'HKG', '中国香港', '香港'],
  ['MO', 'MAC', '中国澳门', '澳门'], ['SG', 'SGP', 'Singaporean', '新加坡'], ['AU', 'AUS', 'Australian', '澳大利亚'],
  ['NL', 'NLD', 'Netherlands', 'Holland', 'Dutch', '荷兰'], ['CH', 'CHE', 'Swiss', '瑞士'], ['SE', 'SWE', 'Swedish', '瑞典'],
  ['IT', 'ITA', 'Italian', '意大利'], ['ES', 'ESP', 'Spanish', '西班牙'], ['RU', 'RUS', 'Russia', 'Russian', '俄罗斯'],
  ['BR', 'BRA', 'Brazilian', '巴西'], ['MX', 'MEX', 'Mexican', '墨西哥'], ['FI', 'FIN', 'Finnish', '芬兰'],
  ['BE', 'BEL', 'Belgian', '比利时'], ['AT', 'AUT', 'Austrian', '奥地利'], ['DK', 'DNK', 'Danish', '丹麦'],
  ['IE', 'IRL', 'Irish', '爱尔兰'], ['NZ', 'NZL', 'New Zealander', '新西兰'], ['VN', 'VNM', 'Vietnam', 'Vietnamese'],
];
