/**
 * Page furniture: the lines of a news page that are not the article (logo text, taglines,
 * font-size buttons, share bars, app-store badges, copyright, "read also" links, agency credit
 * lines, newsletter prompts …), in Arabic and English.
 *
 * Every rule is written against the matching form of the line (`normalizeForMatch`: Arabic
 * spelling variants folded, Latin lower-cased), so "اقرأ أيضاً" and "اقرا ايضا" are one rule.
 * Rules that name words only fire on short lines, so a body sentence that mentions Twitter or an
 * app store is never taken for a share bar.
 */
import { stripEdgePunctuation } from '../text/chars.ts';
import { foldArabic, normalizeForMatch } from '../text/normalize.ts';
import { letterRatio, shapeOf, type LineShape } from './line-text.ts';

export type FurnitureReason =
  | 'no-letters'
  | 'low-letters'
  | 'buttons'
  | 'logo'
  | 'tagline'
  | 'font-size'
  | 'share'
  | 'app-store'
  | 'app-promo'
  | 'site-links'
  | 'navigation'
  | 'aggregator'
  | 'copyright'
  | 'related-link'
  | 'newsletter'
  | 'follow-us'
  | 'opinion-disclaimer'
  | 'source-credit'
  | 'agency-credit'
  | 'image-credit'
  | 'timestamp'
  | 'byline'
  | 'advertisement'
  | 'comments'
  | 'tags'
  | 'link-only'
  | 'hashtags-only';

/**
 * A line as the rules see it. Most rules look only at short lines, so the token and segment
 * lists are built the first time a rule asks for them, not for every line of prose.
 */
class LineView {
  private tokenList: string[] | undefined;
  private segmentList: string[] | undefined;

  constructor(
    /** Matching form of the whole line. */
    readonly folded: string,
    readonly shape: LineShape,
  ) {}

  /** Matching-form tokens with surrounding punctuation removed (empty tokens dropped). */
  get tokens(): string[] {
    this.tokenList ??= this.folded
      .split(' ')
      .map(stripEdgePunctuation)
      .filter((token) => token.length > 0);
    return this.tokenList;
  }

  /** The line split on the separators menus use. */
  get segments(): string[] {
    this.segmentList ??= splitSegments(this.folded);
    return this.segmentList;
  }
}

const compiled = new Map<string, RegExp>();

/** A pattern written in display spelling, folded like the text it is matched against (compiled once). */
function rx(source: string): RegExp {
  let pattern = compiled.get(source);
  if (!pattern) {
    pattern = new RegExp(foldArabic(source), 'u');
    compiled.set(source, pattern);
  }
  return pattern;
}

function vocabulary(words: string): Set<string> {
  return new Set(words.split(/\s+/u).filter(Boolean).map((word) => normalizeForMatch(word)));
}

function allIn(tokens: string[], ...sets: Set<string>[]): boolean {
  return tokens.length > 0 && tokens.every((token) => sets.some((set) => set.has(token)));
}

const SHARE_STRONG = vocabulary(`
  share shares print email e-mail tweet facebook twitter whatsapp telegram linkedin pinterest reddit messenger
  instagram youtube snapchat tiktok
  شارك شاركوا مشاركة المشاركة طباعة اطبع أرسل إرسال فيسبوك فيس تويتر واتساب واتس تلغرام تليغرام تيليجرام
  تلجرام لينكدإن لينكد انستغرام انستجرام إنستغرام يوتيوب سناب تيك`);
const SHARE_WEAK = vocabulary(`
  x mail copy link save via on the this article story to بوك أب آب إن شات توك نسخ الرابط حفظ البريد
  الإلكتروني عبر على هذا المقال الخبر القصة`);

const NAVIGATION = vocabulary(`
  home news world politics business economy markets sport sports tech technology science health culture arts
  entertainment opinion video videos photos gallery live more menu search login register weather travel
  lifestyle podcasts newsletters local international middle east
  الرئيسية الصفحة أخبار الأخبار سياسة اقتصاد الاقتصاد رياضة الرياضة ثقافة فن فنون منوعات تكنولوجيا علوم صحة
  رأي الرأي مقالات فيديو صور مباشر بث المزيد القائمة بحث دخول تسجيل الدخول محليات دوليات عربي عالمي العالم
  عاجل تقارير حوارات ملفات كتاب الكتاب أعمدة مال أعمال الطقس الشرق الأوسط`);

const SITE_LINKS = new Set(
  `contact|contact us|about|about us|privacy|privacy policy|terms|terms of use|terms of service|terms and conditions|
  cookie policy|cookies|advertise|advertise with us|careers|jobs|sitemap|site map|faq|help|rss|archive|
  اتصل بنا|اتصلوا بنا|تواصل معنا|راسلنا|من نحن|عن الموقع|عن الصحيفة|سياسة الخصوصية|شروط الاستخدام|الشروط والأحكام|
  أعلن معنا|خريطة الموقع|للإعلان|الإعلانات|وظائف|الأرشيف|هيئة التحرير|فريق العمل`
    .split('|')
    .map((item) => normalizeForMatch(item)),
);
/** Longer segments cannot be site links: no need to hash a whole paragraph to find that out. */
const LONGEST_SITE_LINK = Math.max(...[...SITE_LINKS].map((link) => link.length));

const AGGREGATORS = new Set(
  `nabd|نبض|google news|أخبار جوجل|أخبار غوغل|apple news|flipboard|msn|yahoo news|smartnews|upday|newsnow|feedly`
    .split('|')
    .map((item) => normalizeForMatch(item)),
);

const AGENCIES = vocabulary(`
  فرانس24 فرانس 24 france24 france أ ف ب رويترز reuters afp ap dpa د الأناضول وكالات وكالة سكاي نيوز عربية
  بي سي cnn bbc إن`);
const AGENCY_NAMES = vocabulary(`فرانس24 فرانس france24 france رويترز reuters afp ap dpa الأناضول وكالات cnn bbc`);

const TIME_WORDS = vocabulary(`
  يناير فبراير مارس أبريل إبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر كانون الثاني شباط آذار نيسان
  أيار حزيران تموز آب أيلول تشرين الأول السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة ص م صباحا
  مساء منذ ساعة ساعات دقيقة دقائق يوم أيام نشر نشرت في آخر تحديث تحديث بتوقيت غرينتش مكة المكرمة
  january february march april may june july august september october november december jan feb mar apr jun
  jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri sat
  sun am pm gmt utc ago hour hours minute minutes min mins day days updated published last on at`);

const TIME_ANCHORS = vocabulary('منذ ago updated published نشر آخر');

const NUMERIC = /^[\d:/.\-,،]+$/u;

interface Rule {
  reason: FurnitureReason;
  test(view: LineView): boolean;
}

const count = (view: LineView) => view.shape.words.length;

/** The rules' patterns, folded and compiled once. */
const LOGO = rx('^(site )?logo$|^(ال)?شعار( الموقع)?$');
const TAGLINE = rx('^(صحيفة|جريدة|مجلة|موقع|شبكة|بوابة)\\s.*(يومية|أسبوعية|شهرية|إلكترونية|إخبارية|تصدر|مستقلة|شاملة)');
const FONT_SIZE = rx('font size|text size|حجم الخط|تكبير الخط|تصغير الخط|^تكبير|^تصغير');
const APP_PROMO = rx('يمكنكم (استلام|تسلم) إشعارات|(أحدث نسخة|النسخة الجديدة) من تطبيق|download (our|the) app|get our app');
const APP_STORE = rx('app ?store|google play|play store|huawei (store|app ?gallery)|app ?gallery|get it on|متجر (جوجل|غوغل|أبل|آبل|هواوي)|حمل(وا)? (ال)?تطبيق');
const COPYRIGHT_SIGN = rx('©|^\\(c\\) ');
const COPYRIGHT_WORDS = rx('copyright|all rights reserved|(جميع )?الحقوق محفوظة|حقوق (النشر|الطبع)');
const RELATED_LINK = rx('^(اقرأ|اقرؤوا|طالع|شاهد|يهمك) (أيضا|المزيد)|^(اقرأ|شاهد|طالع) ?:|^للمزيد|^المزيد ?:|^قد يهمك|^(مواضيع|أخبار|مقالات|قصص)? ?(ذات صلة|متعلقة|مرتبطة)|^read (more|also)|^see also|^related( (articles|stories|news|coverage))? ?:?|^more (news|stories|on this)');
const NEWSLETTER = rx('newsletter|subscribe|sign up|النشرة (البريدية|الإخبارية)|^اشترك|اشتركوا|سجل بريدك');
const FOLLOW_US = rx('^(follow us|تابعونا|تابعنا|تابعوا)');
const OPINION_DISCLAIMER = rx('المقالات المنشورة (تمثل|تعبر عن) رأي|(تعبر|يعبر) عن رأي (كاتبها|كاتبه|الكاتب)|views expressed');
const SOURCE_CREDIT = rx('^\\*+ ?نقلا عن|^(المصدر|source) ?:');
const IMAGE_CREDIT = rx('^(مصدر الصورة|image copyright|image caption|getty images|photo credit|photo ?:|صورة ?:|الصورة ?:|تصوير ?:)');
const BYLINE = rx('^(by|بقلم|كتب|كتبت|إعداد|تحرير) ?:? \\S');
const ADVERTISEMENT = rx('^(advertisement|ad|sponsored|promoted|إعلان|محتوى (ممول|مدفوع))$');
const COMMENTS = rx('^\\d* ?(comments?|تعليق|تعليقات|أضف تعليق|اترك تعليقا|add a comment|leave a comment)$');
const TAGS = rx('^(tags|topics|الكلمات المفتاحية|الكلمات الدالة|كلمات مفتاحية|وسوم) ?:');

const RULES: Rule[] = [
  { reason: 'no-letters', test: (v) => v.shape.letters === 0 },
  { reason: 'link-only', test: (v) => count(v) === 1 && /^(https?:\/\/|www\.)\S+$|^\S+@\S+\.\S+$/u.test(v.folded) },
  { reason: 'hashtags-only', test: (v) => v.shape.words.every((word) => word.startsWith('#')) },
  {
    reason: 'buttons',
    test: (v) => count(v) <= 6 && v.shape.words.every((word) => [...word].length <= 2) && !v.shape.endsSentence,
  },
  { reason: 'logo', test: (v) => LOGO.test(v.folded) },
  {
    reason: 'tagline',
    test: (v) =>
      count(v) <= 14 &&
      !v.shape.endsSentence &&
      (TAGLINE.test(v.folded) ||
        /(daily|weekly|independent|online|national) (news ?paper|magazine|news site)/u.test(v.folded)),
  },
  {
    reason: 'font-size',
    test: (v) => count(v) <= 6 && FONT_SIZE.test(v.folded),
  },
  {
    reason: 'share',
    test: (v) =>
      count(v) <= 10 &&
      !v.shape.endsWithPeriod &&
      v.tokens.some((token) => SHARE_STRONG.has(token)) &&
      v.tokens.filter((token) => SHARE_STRONG.has(token) || SHARE_WEAK.has(token)).length / v.tokens.length >= 0.6,
  },
  {
    reason: 'app-promo',
    test: (v) =>
      count(v) <= 45 &&
      APP_PROMO.test(v.folded),
  },
  {
    reason: 'app-store',
    test: (v) =>
      count(v) <= 14 &&
      APP_STORE.test(v.folded),
  },
  {
    reason: 'site-links',
    test: (v) => {
      const segments = v.segments;
      return segments.length > 0 && segments.every((segment) => segment.length <= LONGEST_SITE_LINK && SITE_LINKS.has(segment));
    },
  },
  {
    reason: 'navigation',
    test: (v) => {
      if (v.shape.endsSentence) return false;
      const segments = v.segments;
      if (segments.length >= 3 && segments.every((segment) => segment.split(' ').length <= 3)) return true;
      return count(v) <= 12 && allIn(v.tokens, NAVIGATION);
    },
  },
  { reason: 'aggregator', test: (v) => count(v) <= 4 && AGGREGATORS.has(v.tokens.join(' ')) },
  {
    reason: 'copyright',
    test: (v) =>
      (count(v) <= 25 && COPYRIGHT_SIGN.test(v.folded)) ||
      (count(v) <= 12 && COPYRIGHT_WORDS.test(v.folded)),
  },
  {
    reason: 'related-link',
    test: (v) =>
      count(v) <= 30 &&
      RELATED_LINK.test(v.folded),
  },
  {
    reason: 'newsletter',
    test: (v) =>
      count(v) <= 10 && NEWSLETTER.test(v.folded),
  },
  { reason: 'follow-us', test: (v) => count(v) <= 12 && FOLLOW_US.test(v.folded) },
  {
    reason: 'opinion-disclaimer',
    test: (v) =>
      count(v) <= 40 &&
      OPINION_DISCLAIMER.test(v.folded),
  },
  { reason: 'source-credit', test: (v) => count(v) <= 15 && SOURCE_CREDIT.test(v.folded) },
  {
    reason: 'agency-credit',
    test: (v) => {
      if (count(v) > 8) return false;
      const parts = v.folded.split(/[\s/|()\-–—,،]+/u).filter(Boolean);
      return allIn(parts, AGENCIES) && parts.some((part) => AGENCY_NAMES.has(part));
    },
  },
  {
    reason: 'image-credit',
    test: (v) =>
      count(v) <= 25 &&
      IMAGE_CREDIT.test(v.folded),
  },
  {
    reason: 'timestamp',
    test: (v) =>
      count(v) <= 12 &&
      allIn(v.tokens.filter((token) => !NUMERIC.test(token)), TIME_WORDS) &&
      v.tokens.some((token) => /\d/u.test(token) || TIME_ANCHORS.has(token)),
  },
  {
    reason: 'byline',
    test: (v) => count(v) <= 8 && !v.shape.endsSentence && BYLINE.test(v.folded),
  },
  { reason: 'advertisement', test: (v) => ADVERTISEMENT.test(v.folded) },
  {
    reason: 'comments',
    test: (v) => COMMENTS.test(v.folded),
  },
  {
    reason: 'tags',
    test: (v) => count(v) <= 20 && TAGS.test(v.folded),
  },
  // Last, so that a dated or credited line is reported under its own rule.
  { reason: 'low-letters', test: (v) => count(v) <= 6 && letterRatio(v.shape) < 0.5 },
];

/** Splits a navigation-like line on the separators menus use ("Home | News › Iraq"). */
function splitSegments(folded: string): string[] {
  if (!hasSegmentSeparator(folded)) {
    // Prose and most other lines: one segment, the line without its edge punctuation.
    const segment = stripEdgePunctuation(folded).trim();
    return segment.length > 0 ? [segment] : [];
  }
  return folded
    .split(/\s*[|•·›»>/]\s*|\s[-–—]\s/u)
    .map((segment) => stripEdgePunctuation(segment).trim())
    .filter((segment) => segment.length > 0);
}

/** | • · › » > / anywhere, or a dash - – — between spaces (a regular expression scans faster than a character loop). */
const SEGMENT_SEPARATOR = /[|\u2022\u00b7\u203a\u00bb>/]|\s[-\u2013\u2014]\s/u;

function hasSegmentSeparator(text: string): boolean {
  return SEGMENT_SEPARATOR.test(text);
}

/** Why a line is page furniture, or `undefined` when it may be article text. */
export function furnitureReason(line: string): FurnitureReason | undefined {
  return furnitureReasonOfShape(line, shapeOf(line));
}

/** `furnitureReason` for a caller that has measured the line already (`shape` must be `shapeOf(line)`). */
export function furnitureReasonOfShape(line: string, shape: LineShape): FurnitureReason | undefined {
  const view = new LineView(normalizeForMatch(line), shape);
  if (view.folded.length === 0) return 'no-letters';
  for (const rule of RULES) if (rule.test(view)) return rule.reason;
  return undefined;
}

export function isFurniture(line: string): boolean {
  return furnitureReason(line) !== undefined;
}
