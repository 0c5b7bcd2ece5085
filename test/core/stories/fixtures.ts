/**
 * Hand-written articles for story tests: three events each reported by several outlets, in
 * Arabic and English, with the spelling differences real outlets show (أمريكية / أميركية), plus
 * unrelated single articles on neighbouring subjects.
 */
import type { Article } from '../../../src/core/types.ts';

export function article(id: string, fields: Partial<Article> & Pick<Article, 'title' | 'paragraphs'>): Article {
  return { id, sourceId: id.split('-')[0] ?? id, sourceName: id.split('-')[0] ?? id, language: 'ar', ...fields };
}

export const HELICOPTER_CRASH: Article[] = [
  article('sky-crash', {
    title: 'سقوط مروحية عسكرية أميركية غرب العراق وعلى متنها سبعة جنود',
    url: 'https://www.skynewsarabia.com/web/article/1001',
    publishedAt: '2018-03-15T21:10:00Z',
    paragraphs: [
      'أعلن مسؤولون أميركيون سقوط مروحية عسكرية من طراز بلاك هوك في محافظة الأنبار غرب العراق وعلى متنها سبعة جنود.',
      'وقال التحالف الدولي إن المروحية كانت تنقل الجنود بين قاعدتين قرب مدينة القائم ولم تتعرض لنيران معادية.',
      'وأضاف أن فرق الإنقاذ وصلت إلى موقع التحطم وأن التحقيق جار لمعرفة الأسباب.',
    ],
  }),
  article('bbc-crash', {
    title: 'تحطم مروحية أمريكية في الأنبار غربي العراق',
    url: 'https://www.bbc.com/arabic/middleeast-2002',
    publishedAt: '2018-03-16T06:30:00Z',
    paragraphs: [
      'تحطمت مروحية عسكرية أمريكية من طراز بلاك هوك في محافظة الأنبار غربي العراق، بحسب بيان للتحالف الدولي.',
      'وكان على متن المروحية سبعة جنود أمريكيين، ولم يعرف مصيرهم بعد، فيما أكد التحالف أن الحادث لم يكن بنيران معادية.',
      'ويقود التحالف الدولي الحرب على تنظيم داعش في العراق وسوريا منذ عام 2014.',
    ],
  }),
  article('cnn-crash', {
    title: 'مقتل 7 جنود أمريكيين في تحطم مروحيتهم غرب العراق',
    url: 'https://arabic.cnn.com/middle-east/article/2018/03/17/iraq-helicopter',
    publishedAt: '2018-03-17T09:00:00Z',
    paragraphs: [
      'أعلنت وزارة الدفاع الأمريكية مقتل الجنود السبعة الذين كانوا على متن مروحية بلاك هوك تحطمت في محافظة الأنبار غرب العراق.',
      'وقال المتحدث باسم التحالف الدولي إن المروحية سقطت قرب القائم أثناء مهمة نقل، وإن لا دليل على نيران معادية.',
    ],
  }),
];

export const TARIFFS: Article[] = [
  article('alarabiya-tariffs', {
    title: 'الرسوم الأميركية على السلع الصينية تدخل حيز التنفيذ وبكين ترد',
    url: 'https://www.alarabiya.net/aswaq/economy/2018/07/06/tariffs',
    publishedAt: '2018-07-06T05:00:00Z',
    paragraphs: [
      'دخلت الرسوم الجمركية الأميركية على واردات صينية بقيمة 34 مليار دولار حيز التنفيذ، وردت بكين برسوم مماثلة على سلع أميركية.',
      'وقالت وزارة التجارة الصينية إن الولايات المتحدة أطلقت أكبر حرب تجارية في التاريخ الاقتصادي.',
    ],
  }),
  article('france24-tariffs', {
    title: 'بدء تطبيق الرسوم الجمركية الأمريكية على بضائع صينية بقيمة 34 مليار دولار',
    url: 'https://www.france24.com/ar/20180706-tariffs',
    publishedAt: '2018-07-06T07:45:00Z',
    paragraphs: [
      'بدأ تطبيق الرسوم الجمركية الأمريكية على واردات صينية بقيمة 34 مليار دولار، فيما أعلنت بكين أنها سترد برسوم مماثلة.',
      'واعتبرت وزارة التجارة الصينية أن واشنطن بدأت أكبر حرب تجارية في التاريخ الاقتصادي.',
    ],
  }),
];

export const NOBEL: Article[] = [
  article('reuters-nobel', {
    language: 'en',
    title: 'Nadia Murad and Denis Mukwege win the Nobel Peace Prize',
    url: 'https://www.reuters.com/article/nobel-peace',
    publishedAt: '2018-10-05T09:20:00Z',
    paragraphs: [
      'The Nobel Peace Prize was awarded on Friday to Yazidi activist Nadia Murad and Congolese gynaecologist Denis Mukwege for their efforts to end sexual violence as a weapon of war.',
      'The Norwegian Nobel Committee said both laureates had put their own security at risk by courageously combating war crimes.',
    ],
  }),
  article('guardian-nobel', {
    language: 'en',
    title: 'Nobel peace prize awarded to Denis Mukwege and Nadia Murad',
    url: 'https://www.theguardian.com/world/2018/oct/05/nobel-peace-prize',
    publishedAt: '2018-10-05T10:05:00Z',
    paragraphs: [
      'Denis Mukwege, a Congolese doctor who treats survivors of rape, and Nadia Murad, a Yazidi woman held by Islamic State, have won the Nobel peace prize.',
      'The Norwegian Nobel Committee praised their fight against sexual violence in war.',
    ],
  }),
];

/** Same period and neighbouring subjects, different events. */
export const UNRELATED: Article[] = [
  article('sky-election', {
    title: 'مفوضية الانتخابات العراقية تعلن النتائج النهائية وتحالف سائرون في الصدارة',
    url: 'https://www.skynewsarabia.com/web/article/1003',
    publishedAt: '2018-03-16T12:00:00Z',
    paragraphs: [
      'أعلنت المفوضية العليا المستقلة للانتخابات في العراق النتائج النهائية للانتخابات البرلمانية، وتصدر تحالف سائرون القوائم.',
      'ويتعين على الكتل الفائزة التفاوض لتشكيل الكتلة الأكبر في البرلمان الجديد.',
    ],
  }),
  article('bbc-football', {
    title: 'الفيفا يرفع الحظر عن الملاعب العراقية',
    url: 'https://www.bbc.com/arabic/sports-2003',
    publishedAt: '2018-03-16T18:00:00Z',
    paragraphs: [
      'قرر الاتحاد الدولي لكرة القدم رفع الحظر المفروض على إقامة المباريات الدولية الرسمية في ملاعب البصرة وكربلاء وأربيل.',
      'ورحبت وزارة الشباب والرياضة العراقية بالقرار واعتبرته انتصارا للرياضة العراقية.',
    ],
  }),
  article('ap-mars', {
    language: 'en',
    title: 'NASA lander sends first pictures from Mars',
    url: 'https://apnews.com/article/mars-lander',
    publishedAt: '2018-10-05T11:00:00Z',
    paragraphs: [
      'NASA said its new lander touched down safely and sent its first pictures from the surface of Mars on Friday.',
      'Engineers at the Jet Propulsion Laboratory in Pasadena cheered as the images arrived.',
    ],
  }),
];

export const ALL_FIXTURES: Article[] = [...HELICOPTER_CRASH, ...TARIFFS, ...NOBEL, ...UNRELATED];

/** The events the fixtures stand for: article id → event. */
export const FIXTURE_EVENTS = new Map<string, string>([
  ...HELICOPTER_CRASH.map((a) => [a.id, 'crash'] as const),
  ...TARIFFS.map((a) => [a.id, 'tariffs'] as const),
  ...NOBEL.map((a) => [a.id, 'nobel'] as const),
  ...UNRELATED.map((a) => [a.id, a.id] as const),
]);
