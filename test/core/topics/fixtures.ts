/**
 * Short articles written for the topic tests, in the register of wire copy, each with the topic
 * decision a reader would make. Positives are squarely on a topic; negatives are the near misses
 * that share its words: a country in passing, a sports fixture, a dateline, a homonym.
 */
import type { ArticleText } from '../../../src/core/topics/matcher.ts';

export interface TopicFixture {
  name: string;
  article: ArticleText;
  /** Topic ids this article must match; every other shipped topic is left open unless in `not`. */
  matches: string[];
  /** Topic ids this article must not match. */
  not: string[];
}

export const FIXTURES: readonly TopicFixture[] = [
  {
    name: 'ar: Baghdad and Washington discuss the US troop withdrawal (الأمريكية and الأميركية, clitics)',
    article: {
      title: 'بغداد وواشنطن تبحثان جدولاً زمنياً لانسحاب القوات الأميركية',
      paragraphs: [
        'بحث رئيس الوزراء العراقي مع وزير الخارجية الأمريكي في بغداد، الأحد، جدولاً زمنياً لانسحاب القوات الأمريكية من العراق.',
        'وقال مكتب رئيس الوزراء إن الجانبين اتفقا على مواصلة الحوار الاستراتيجي بين العراق والولايات المتحدة.',
        'وأكدت السفارة الأميركية في بغداد أن المحادثات ستُستأنف في واشنطن الشهر المقبل.',
      ],
    },
    matches: ['iraq-us-relations', 'us-foreign-policy'],
    not: ['oil-energy', 'syria'],
  },
  {
    name: 'ar: Trump spelled ترمب calls Abadi (Alarabiya spelling)',
    article: {
      title: 'اتصال هاتفي بين ترمب والعبادي حول أمن الحدود العراقية',
      paragraphs: [
        'أجرى الرئيس الأميركي دونالد ترمب اتصالاً هاتفياً برئيس الوزراء العراقي حيدر العبادي بحثا فيه أمن الحدود.',
        'وأكد ترمب التزام بلاده بدعم القوات العراقية في مواجهة تنظيم داعش.',
      ],
    },
    matches: ['iraq-us-relations'],
    not: ['gulf-politics', 'oil-energy'],
  },
  {
    name: 'en: US and Iraq agree on a coalition drawdown',
    article: {
      title: "US and Iraq agree on timeline for coalition drawdown",
      paragraphs: [
        "Iraq's prime minister and the U.S. Secretary of State agreed in Baghdad on Sunday on a timeline for the drawdown of US-led coalition troops.",
        'Washington will keep advisers in Iraq to train Iraqi forces, the Pentagon said.',
      ],
    },
    matches: ['iraq-us-relations', 'us-foreign-policy'],
    not: ['gulf-politics', 'oil-energy'],
  },
  {
    name: 'ar: Iraq and Iran sign a trade deal, no US actor',
    article: {
      title: 'العراق وإيران يوقعان اتفاقاً لزيادة التبادل التجاري',
      paragraphs: [
        'وقع العراق وإيران في طهران، الاثنين، اتفاقاً لرفع حجم التبادل التجاري بين البلدين إلى 20 مليار دولار.',
        'وقال وزير التجارة العراقي إن الاتفاق يشمل تسهيل عبور الشاحنات في المنافذ الحدودية.',
        'وأشار الجانب الإيراني إلى أن طهران ترغب في زيادة صادراتها من الغاز والكهرباء إلى بغداد.',
      ],
    },
    matches: ['iran'],
    not: ['iraq-us-relations', 'us-foreign-policy'],
  },
  {
    name: 'ar: US–China tariffs, no Iraq',
    article: {
      title: 'واشنطن تفرض رسوماً جمركية جديدة على واردات صينية',
      paragraphs: [
        'فرضت الولايات المتحدة رسوماً جمركية جديدة على واردات صينية بقيمة 34 مليار دولار، في تصعيد للحرب التجارية بين البلدين.',
        'وتوعدت بكين بالرد بالمثل، وقالت وزارة التجارة الصينية إن الصين "ستدافع عن مصالحها".',
      ],
    },
    matches: ['us-foreign-policy'],
    not: ['iraq-us-relations', 'gulf-politics', 'iran'],
  },
  {
    name: 'ar: an Iraqi football friendly against the US team',
    article: {
      title: 'المنتخب العراقي يتغلب على نظيره الأمريكي في مباراة ودية',
      paragraphs: [
        'تغلب المنتخب العراقي لكرة القدم على نظيره الأمريكي بهدفين مقابل هدف في مباراة ودية أقيمت في البصرة.',
        'وقال مدرب المنتخب العراقي إن المباراة كانت إعداداً جيداً لتصفيات كأس العالم.',
      ],
    },
    matches: [],
    not: ['iraq-us-relations', 'us-foreign-policy'],
  },
  {
    name: 'ar: Turkey strikes northern Iraq, Washington named once at the end',
    article: {
      title: 'تركيا تقصف مواقع لحزب العمال الكردستاني شمال العراق',
      paragraphs: [
        'قصفت طائرات تركية، الثلاثاء، مواقع قالت أنقرة إنها لمسلحي حزب العمال الكردستاني في جبال قنديل شمال العراق.',
        'واستدعت وزارة الخارجية العراقية السفير التركي في بغداد احتجاجاً على ما وصفته بانتهاك السيادة العراقية.',
        'وقالت مصادر محلية إن القصف لم يسفر عن إصابات بين المدنيين.',
        'وتقول أنقرة إنها ستواصل عملياتها حتى تأمين حدودها الجنوبية.',
        'وكانت واشنطن قد دعت في وقت سابق إلى ضبط النفس.',
      ],
    },
    matches: [],
    not: ['iraq-us-relations'],
  },
  {
    name: 'ar: Washington accuses Tehran of putting obstacles (العراقيل, not العراق) before talks',
    article: {
      title: 'واشنطن تتهم طهران بوضع العراقيل أمام المفاوضات النووية',
      paragraphs: [
        'اتهمت الولايات المتحدة إيران بوضع العراقيل أمام المفاوضات بشأن الاتفاق النووي، وقالت الخارجية الأمريكية إن طهران تماطل.',
        'وردت طهران بأن العراقيل الحقيقية هي العقوبات الأمريكية.',
      ],
    },
    matches: ['us-foreign-policy', 'iran'],
    not: ['iraq-us-relations'],
  },
  {
    name: 'ar: an Iraqi singer engaged during a concert in America',
    article: {
      title: 'المطرب العراقي كاظم يعلن خطوبته',
      paragraphs: [
        'أعلن المطرب العراقي خطوبته من فتاة تونسية أثناء حفل غنائي أحياه في أميركا.',
        'وتفاعل جمهوره في العراق والعالم العربي مع الخبر على مواقع التواصل.',
      ],
    },
    matches: [],
    not: ['iraq-us-relations', 'us-foreign-policy'],
  },
  {
    name: 'ar: the largest US naval force since the Iraq war heads to the Mediterranean',
    article: {
      title: 'أكبر قوة بحرية أميركية منذ حرب العراق تتجه إلى المتوسط',
      paragraphs: [
        'تتجه مجموعة من السفن الحربية الأميركية إلى شرق البحر المتوسط، في أكبر انتشار بحري منذ غزو العراق.',
        'وقال البنتاغون إن المجموعة تضم حاملة طائرات وخمس مدمرات.',
      ],
    },
    matches: [],
    not: ['iraq-us-relations'],
  },
  {
    name: 'en: an Iraqi-born novelist wins an American prize',
    article: {
      title: 'Iraqi-born novelist wins American literary prize',
      paragraphs: [
        'The novelist, who left Baghdad as a child, received the award at a ceremony in Boston on Friday.',
        'Her book follows three generations of a family from Mosul.',
      ],
    },
    matches: [],
    not: ['iraq-us-relations', 'us-foreign-policy'],
  },
  {
    name: 'en: Iran’s Revolutionary Guard seizes a tanker',
    article: {
      title: "Iran's Revolutionary Guard seizes tanker in the Gulf",
      paragraphs: [
        "Iran's Revolutionary Guards said on Thursday they had seized a foreign tanker carrying fuel, the latest in a series of seizures by Tehran.",
        'Iranian state television showed speedboats surrounding the vessel.',
      ],
    },
    matches: ['iran'],
    not: ['iraq-us-relations', 'syria'],
  },
  {
    name: 'ar: Iran in passing in a story about Iraqi elections',
    article: {
      title: 'المفوضية العراقية تعلن نتائج الانتخابات في البصرة',
      paragraphs: [
        'أعلنت المفوضية العليا المستقلة للانتخابات في العراق نتائج محافظة البصرة، وتصدرت قائمة محلية عدد المقاعد.',
        'وبلغت نسبة المشاركة 41 في المئة بحسب المفوضية.',
        'وتنافست في المحافظة عشرون قائمة، بينها قوائم مقربة من إيران.',
      ],
    },
    matches: [],
    not: ['iran', 'iraq-us-relations'],
  },
  {
    name: 'ar: the Iranian national team qualifies for the World Cup',
    article: {
      title: 'منتخب إيران يتأهل إلى كأس العالم',
      paragraphs: [
        'تأهل منتخب إيران لكرة القدم إلى نهائيات كأس العالم بعد فوزه في مباراة حاسمة في طهران.',
        'واحتفلت الجماهير الإيرانية في شوارع طهران بالتأهل.',
      ],
    },
    matches: [],
    not: ['iran'],
  },
  {
    name: 'ar: air strikes on Idlib',
    article: {
      title: 'غارات جوية على ريف إدلب شمال غرب سوريا',
      paragraphs: [
        'قتل سبعة مدنيين في غارات جوية استهدفت بلدات في ريف إدلب، بحسب المرصد السوري لحقوق الإنسان.',
        'وتتهم المعارضة قوات النظام السوري وحلفاءه بخرق اتفاق وقف إطلاق النار.',
      ],
    },
    matches: ['syria'],
    not: ['iraq-us-relations', 'oil-energy'],
  },
  {
    name: 'en: Damascus and Ankara talks',
    article: {
      title: 'Syria and Turkey hold first talks in a decade',
      paragraphs: [
        "Syrian and Turkish defence ministers met in Moscow, the first such meeting since the start of Syria's war.",
        'Damascus demands the withdrawal of Turkish troops from northern Syria.',
      ],
    },
    matches: ['syria'],
    not: ['gulf-politics', 'oil-energy'],
  },
  {
    name: 'ar: a football club president compared to a lion (أسد is not al-Assad)',
    article: {
      title: 'رئيس نادي الزمالك: النادي هرم ورئيسه أسد',
      paragraphs: [
        'قال رئيس نادي الزمالك إن النادي هرم ورئيسه أسد، رداً على قرار وقف النشاط الرياضي.',
        'وأضاف أن مجلس الإدارة سيطعن في القرار أمام المحكمة.',
      ],
    },
    matches: [],
    not: ['syria'],
  },
  {
    name: 'ar: Syrian refugees visited in a camp in Iraqi Kurdistan',
    article: {
      title: 'ممثلة عالمية تزور مخيماً للاجئين السوريين في كردستان العراق',
      paragraphs: [
        'زارت الممثلة مخيماً للاجئين السوريين في إقليم كردستان العراق، والتقت عائلات نازحة.',
        'ودعت المجتمع الدولي إلى زيادة المساعدات للمخيمات في الإقليم.',
      ],
    },
    matches: [],
    not: ['syria', 'iraq-us-relations'],
  },
  {
    name: 'ar: OPEC+ extends output cuts, Brent rises',
    article: {
      title: 'أوبك+ تمدد خفض الإنتاج وخام برنت يرتفع',
      paragraphs: [
        'قررت مجموعة أوبك+ تمديد خفض إنتاج النفط حتى نهاية العام، فارتفع خام برنت إلى 85 دولاراً للبرميل.',
        'وقال وزير الطاقة السعودي إن القرار يهدف إلى استقرار الأسواق.',
      ],
    },
    matches: ['oil-energy'],
    not: ['iraq-us-relations', 'syria'],
  },
  {
    name: 'en: oil prices jump on supply fears',
    article: {
      title: 'Oil prices jump as OPEC+ signals deeper cuts',
      paragraphs: [
        'Brent crude rose 3% to $88 a barrel on Monday after OPEC+ ministers signalled deeper output cuts.',
        'Refiners in Asia have been buying more crude ahead of winter.',
      ],
    },
    matches: ['oil-energy'],
    not: ['iran', 'syria'],
  },
  {
    name: 'ar: olive oil prices in Tunisia',
    article: {
      title: 'ارتفاع أسعار زيت الزيتون في تونس',
      paragraphs: [
        'ارتفعت أسعار زيت الزيتون في الأسواق التونسية بسبب تراجع المحصول بعد موجة جفاف.',
        'ويتوقع المزارعون أن تعود أسعار زيت الزيتون إلى الانخفاض الموسم المقبل.',
      ],
    },
    matches: [],
    not: ['oil-energy'],
  },
  {
    name: 'en: an energy drink maker buys a coffee chain',
    article: {
      title: 'Energy drink maker buys coffee chain',
      paragraphs: [
        'The energy drink company agreed to buy a chain of 300 coffee shops for $1.2 billion.',
        'The deal is expected to close next year.',
      ],
    },
    matches: [],
    not: ['oil-energy'],
  },
  {
    name: 'ar: a Gulf Cooperation Council summit in Riyadh',
    article: {
      title: 'قمة مجلس التعاون الخليجي في الرياض تبحث الأمن الإقليمي',
      paragraphs: [
        'انطلقت في الرياض أعمال قمة مجلس التعاون الخليجي بمشاركة قادة السعودية والإمارات وقطر والكويت والبحرين وسلطنة عمان.',
        'وقال وزير الخارجية السعودي إن القمة تبحث تعزيز العلاقات بين دول الخليج.',
      ],
    },
    matches: ['gulf-politics'],
    not: ['iraq-us-relations', 'oil-energy'],
  },
  {
    name: 'en: Qatar and Saudi Arabia restore relations',
    article: {
      title: 'Qatar and Saudi Arabia restore diplomatic relations',
      paragraphs: [
        'Saudi Arabia and Qatar agreed to restore diplomatic relations and reopen embassies, ending a three-year boycott.',
        "Kuwait's emir mediated the talks, the Saudi foreign minister said.",
      ],
    },
    matches: ['gulf-politics'],
    not: ['oil-energy', 'syria'],
  },
  {
    name: 'ar: a Saudi club wins the league (sport, not politics)',
    article: {
      title: 'الهلال السعودي يحسم لقب الدوري بعد أزمة مع الاتحاد',
      paragraphs: [
        'حسم نادي الهلال السعودي لقب الدوري بعد فوزه في المباراة الأخيرة، منهياً أزمة مع الاتحاد السعودي لكرة القدم.',
        'وقال رئيس النادي إن اللقب رد على المشككين.',
      ],
    },
    matches: [],
    not: ['gulf-politics'],
  },
  {
    name: 'ar: a CNN story filed from Dubai about a phone launch',
    article: {
      title: 'شركة آبل تطلق هاتفها الجديد بكاميرا محسنة',
      paragraphs: [
        'دبي، الإمارات العربية المتحدة (CNN)-- أطلقت شركة آبل، الثلاثاء، هاتفها الجديد بكاميرا محسنة وبطارية أكبر.',
        'وقال مسؤولو الشركة إن الهاتف سيطرح في الأسواق الشهر المقبل.',
      ],
    },
    matches: [],
    not: ['gulf-politics'],
  },
  {
    name: 'en: Washington sanctions on Venezuela',
    article: {
      title: 'Washington imposes new sanctions on Venezuela',
      paragraphs: [
        'The United States imposed new sanctions on Venezuelan officials on Friday, the State Department said.',
        'Secretary of State Mike Pompeo urged allies to follow.',
      ],
    },
    matches: ['us-foreign-policy'],
    not: ['iraq-us-relations', 'gulf-politics'],
  },
  {
    name: 'ar: Congress passes an education budget (US domestic)',
    article: {
      title: 'الكونغرس الأمريكي يقر ميزانية التعليم',
      paragraphs: [
        'أقر الكونغرس الأمريكي، الخميس، ميزانية وزارة التعليم للعام المقبل بزيادة خمسة في المئة.',
        'وقال نواب إن الزيادة ستخصص لرواتب المعلمين في المدارس العامة.',
      ],
    },
    matches: [],
    not: ['us-foreign-policy', 'iraq-us-relations'],
  },
  {
    name: 'en: a veteran of the Iraq war sentenced in Florida (US domestic)',
    article: {
      title: 'Army veteran sentenced for Florida airport shooting',
      paragraphs: [
        'A former American soldier who served in the Iraq war was sentenced to life in prison for killing five people at a Florida airport.',
        'The judge said the attack had devastated the families of the victims.',
      ],
    },
    matches: [],
    not: ['us-foreign-policy', 'iraq-us-relations'],
  },
];
