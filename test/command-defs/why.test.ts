import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, textOf, who, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h.close();
});

/** The stored id of the sample article whose headline contains `words`. */
async function articleId(words: string): Promise<string> {
  const found = (await h.store.listArticles({})).find((article) => article.title.includes(words));
  if (!found) throw new Error(`no sample article titled with "${words}"`);
  return found.id;
}

describe('/why', () => {
  it('given a story id then it explains the story lead article: each matched topic with its score and terms', async () => {
    const id = await articleId('تحمل إيران مسؤولية');
    const story = (await h.store.getArticle(id))!.storyId!;
    const text = textOf(await h.router.handleText(who(), `/why ${story}`));
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^Why: ".+" \(.+\)$/);
    expect(lines[1]).toBe(`Story ${story} has 4 articles; this is its lead article.`);
    const iraqUs = lines.find((line) => line.includes('Iraq–US relations'));
    expect(iraqUs).toMatch(/^✓ Iraq–US relations: matched, score \d+(\.\d+)?\. Terms: .*العراق \(iraq, ×\d+, in the headline\)/);
    expect(iraqUs).toContain('(us, ×');
  });

  it('given an article that fired no term of a topic then it names the groups with nothing found', async () => {
    const id = await articleId('مهرجان السينما');
    const text = textOf(await h.router.handleText(who(), `/why ${id} iraq-us-relations`));
    expect(text.split('\n').slice(1)).toEqual(['✗ Iraq–US relations: not matched (score 0): nothing found for iraq, us. Terms found: none.']);
  });

  it('given a near miss then it says which bar it missed: groups apart, or an exclusion', async () => {
    const president = await articleId('بتشكيل الحكومة العراقية');
    const apart = textOf(await h.router.handleText(who(), `/why ${president} iraq-us-relations`));
    expect(apart).toMatch(/✗ Iraq–US relations: not matched \(score [\d.]+\): its groups are not mentioned together in the headline or one paragraph \(co-occurrence [\d.]+, needs [\d.]+\)\. Terms found: /);

    const sport = await articleId('فورمولا');
    const excluded = textOf(await h.router.handleText(who(), `/why ${sport} gulf-politics`));
    expect(excluded).toMatch(/✗ Gulf politics: not matched \(score [\d.]+\): excluded by بطولة\./);
  });

  it('answers in Arabic for an Arabic-speaking user', async () => {
    const id = await articleId('مهرجان السينما');
    const text = textOf(await h.router.handleText(who({ locale: 'ar' }), `/why ${id} iraq-us-relations`));
    expect(text.split('\n')[1]).toBe('✗ العلاقات العراقية الأمريكية: غير مطابق (الدرجة 0): لم يُعثر على شيء من iraq، us. المصطلحات الموجودة: لا شيء.');
  });

  it.each([
    ['/why no-such-id', 'unknown_item', 'No article or story has the id "no-such-id".'],
    ['/why', 'arg_missing', 'id is required. Usage: /why <id> [topic]'],
  ])('given %s then it is refused: %s', async (line, error, message) => {
    const result = await h.router.handleText(who(), line);
    expect(result).toMatchObject({ outcome: 'rejected', error });
    expect(textOf(result)).toBe(message);
  });
});
