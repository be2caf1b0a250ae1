import { expect } from "chai";
import { articleVectorText, keywordMatches, queryTerms, rankArticles, termsOfVector } from "../../server/rules/knowledgeRank.ts";
import { articlePlainText, highlightSnippet, isInForce, renderArticleHtml } from "../../server/rules/knowledgeText.ts";

describe("knowledge rules", () => {
  it("drops everyday filler from a caller's words but keeps the matter", () => {
    const terms = queryTerms("请问我们公司怎么申请稳岗补贴");
    expect(terms).to.include.members(["稳岗", "补贴", "申请"]);
    expect(terms).not.to.include.members(["请问", "我们", "公司", "怎么"]);
  });

  it("reads the title, keyword and body terms back from the vector it writes", () => {
    const text = articleVectorText({ title: "社保缓缴", keywords: ["缓缴养老保险"], plainBody: "免收滞纳金" });
    const terms = termsOfVector(text);
    expect([...terms.title]).to.include.members(["社保", "保缓", "缓缴"]);
    expect([...terms.keywords]).to.include.members(["缓缴", "养老", "保险"]);
    expect([...terms.body]).to.include.members(["滞纳", "纳金"]);
    expect(terms.body.has("社保")).to.equal(false);
  });

  it("ranks an article whose keyword the words contain above one that only mentions them", () => {
    const ranked = rankArticles("厂里想申请稳岗返还", [
      { title: "失业保险政策问答", keywords: [], plainBody: "稳岗返还的条件见另文。" },
      { title: "失业保险返还", keywords: ["稳岗返还"], plainBody: "中小微企业返还60%。" },
    ]);
    expect(ranked[0].article.title).to.equal("失业保险返还");
    expect(keywordMatches("厂里想申请稳岗返还", ["稳岗返还", "裁员"]).matched).to.deep.equal(["稳岗返还"]);
  });

  it("highlights matches and escapes everything else", () => {
    const html = highlightSnippet("<b>注意</b> 社保缓缴 & 其他", ["缓缴"]);
    expect(html).to.equal("&lt;b&gt;注意&lt;/b&gt; 社保<mark>缓缴</mark> &amp; 其他");
  });

  it("renders Markdown without raw HTML or unsafe links, and reads its plain text", () => {
    const md = "## 标题\n\n[网](https://a.cn) [坏](javascript:x) <i>x</i> [信](mailto:a@b.cn)";
    const html = renderArticleHtml(md);
    expect(html).to.contain('<a href="https://a.cn"').and.to.contain('href="mailto:a@b.cn"').and.to.contain("&lt;i&gt;");
    expect(html).not.to.match(/href="javascript/); // left as plain text
    expect(articlePlainText(md)).to.contain("标题").and.to.contain("网");
  });

  it("knows whether a day lies within an article's validity, open ends included", () => {
    expect(isInForce({ effectiveFrom: "2025-01-01", effectiveTo: "2025-12-31" }, "2025-12-31")).to.equal(true);
    expect(isInForce({ effectiveFrom: "2025-01-01", effectiveTo: "2025-12-31" }, "2026-01-01")).to.equal(false);
    expect(isInForce({ effectiveFrom: null, effectiveTo: null }, "2026-01-01")).to.equal(true);
  });
});
