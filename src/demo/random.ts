/** A small seeded generator, so the demo is the same on every machine. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof seededRandom>;

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程魏苏吕丁任沈姚卢傅钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江阎薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严覃武';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰海燕文斌辉鹏飞宇欣怡子涵雨萱浩然俊杰晨阳思远嘉怡佳琪梓萱宇航婷婷丽华建华国强春梅淑珍桂芳金凤美玲晓东晓明永强永红';

export function chineseName(r: Random): string {
  const s = SURNAMES[r.int(0, SURNAMES.length - 1)]!;
  const n = r.chance(0.7) ? 2 : 1;
  let g = '';
  for (let i = 0; i < n; i++) g += GIVEN[r.int(0, GIVEN.length - 1)]!;
  return s + g;
}

const ENTERPRISE_WORDS = [
  '竹木制品',
  '茶业',
  '食品',
  '电子',
  '纺织',
  '建材',
  '物流',
  '机械',
  '林产化工',
  '酒店管理',
  '医药',
  '新能源',
  '竹业',
  '笋业',
  '铝业',
  '汽车配件',
  '包装',
  '家具',
  '农业开发',
  '商贸',
  '建筑工程',
  '物业服务',
  '餐饮管理',
  '旅游开发',
  '水电',
  '印刷',
  '塑料制品',
  '鞋业',
  '服装',
  '陶瓷',
];
const BRAND = '闽武夷建瓯顺昌光泽松溪政和邵武浦城延平建阳南平绿源恒兴鑫盛华丰金山银河宏达永安泰和富民百川森源闽北碧水青山龙凤祥瑞嘉禾天成';
const TYPES = ['有限公司', '有限公司', '有限公司', '股份有限公司', '有限责任公司', '合作社', '厂'];

export function enterpriseName(r: Random, prefix: string): string {
  const b = BRAND.slice(r.int(0, BRAND.length - 2)).slice(0, 2);
  return `${prefix}${b}${r.pick(ENTERPRISE_WORDS)}${r.pick(TYPES)}`;
}
