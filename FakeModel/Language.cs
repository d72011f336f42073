namespace ChatFake.FakeModel;

/// <summary>A link a reply may point to.</summary>
sealed record Link(string Name, string Url);

/// <summary>
/// The phrases every voice of one language shares: what the long shapes (headings, tables,
/// nested lists, quotes, links) are built from around the voice's own phrases. <c>{t}</c> stands
/// for the short quote of the user's message, as in <see cref="Voice"/>; <c>{name}</c> and
/// <c>{url}</c> for a link, <c>{code}</c> for a piece of inline code.
/// </summary>
sealed record Language(
    string[] Fillers,
    string[] Headings,
    string Summary,
    string[] TableHeader,
    string[] Efforts,
    string[] Details,
    Link[] Links,
    string[] LinkSentences,
    string[] InlineCodeSentences,
    string[] QuoteIntros,
    string[] Quotes,
    string MarkdownIntro,
    string Emphasis,
    string Pairing)
{
    public static readonly Language English = new(
        ["Most of the work on \"{t}\" is deciding what not to do.",
         "A quick prototype usually answers more questions than a long discussion.",
         "Keep the feedback loop short: change one thing, then look at the result.",
         "Write down the assumptions, because they are the first thing to go stale.",
         "It helps to separate what must happen now from what can wait.",
         "Measure before and after, or you will not know whether it helped.",
         "Small, reversible steps make mistakes cheap.",
         "Clear names save more time than any clever trick.",
         "The edge cases are where most of the surprises live.",
         "If two options look equally good, pick the simpler one."],
        ["Overview", "Why \"{t}\" matters", "How to approach it", "Common pitfalls", "A worked example",
         "Trade-offs", "Checklist", "Next steps", "What to watch"],
        "Summary",
        ["Step", "Effort", "Tip"],
        ["low", "medium", "high"],
        ["start with the riskiest part", "agree on what done means", "keep notes as you go",
         "ask for a second opinion", "automate the boring bits", "time-box the first attempt"],
        [new("MDN Web Docs", "https://developer.mozilla.org/"),
         new("the CommonMark spec", "https://spec.commonmark.org/"),
         new("RFC 9110", "https://www.rfc-editor.org/rfc/rfc9110"),
         new("the server-sent events standard", "https://html.spec.whatwg.org/multipage/server-sent-events.html"),
         new("the .NET documentation", "https://learn.microsoft.com/dotnet/")],
        ["For the details, see [{name}]({url}).", "[{name}]({url}) covers this well."],
        ["The key line is `{code}`.", "Start from `{code}` and build up from there."],
        ["A line worth keeping in mind:", "As the saying goes:"],
        ["Make it work, make it right, make it fast. (Kent Beck)",
         "Simplicity is prerequisite for reliability. (Edsger W. Dijkstra)",
         "Programs must be written for people to read. (Harold Abelson)"],
        "Here is every piece of markdown in one reply.",
        "**Bold** for what matters, *italics* for nuance, `inline code` for names and a [link]({url}) for the rest.",
        "Pair-programming mode: 👨‍💻👩‍💻 (one character each, whatever their code units).");

    public static readonly Language Chinese = new(
        ["围绕“{t}”，大部分工作其实是决定哪些事情先不做。",
         "一个快速的原型，往往比一场长时间的讨论更能回答问题。",
         "让反馈回路尽量短：每次只改一处，然后观察结果。",
         "把前提假设写下来，因为它们最容易过时。",
         "把必须马上做的事和可以稍后做的事分开，会轻松很多。",
         "改动前后都要测量，否则无法判断是否真的有效。",
         "小而可回退的步骤，让犯错的代价变得很低。",
         "清晰的命名比任何技巧都更省时间。",
         "意外大多藏在边界情况里。",
         "如果两个方案看起来一样好，就选更简单的那个。"],
        ["概述", "为什么“{t}”很重要", "如何着手", "常见误区", "一个完整的例子", "利弊权衡", "检查清单", "下一步", "需要留意的地方"],
        "总结",
        ["步骤", "工作量", "提示"],
        ["低", "中", "高"],
        ["先从风险最大的部分入手", "约定好完成的标准", "边做边记录", "请别人帮忙看一眼", "把重复的工作自动化", "给第一次尝试设定时限"],
        [new("MDN 文档", "https://developer.mozilla.org/zh-CN/"),
         new("CommonMark 规范", "https://spec.commonmark.org/"),
         new("RFC 9110", "https://www.rfc-editor.org/rfc/rfc9110"),
         new("服务器推送事件标准", "https://html.spec.whatwg.org/multipage/server-sent-events.html"),
         new(".NET 文档", "https://learn.microsoft.com/zh-cn/dotnet/")],
        ["详细内容可以参考[{name}]({url})。", "[{name}]({url})对此有很好的说明。"],
        ["关键的一行是 `{code}`。", "可以从 `{code}` 开始，逐步完善。"],
        ["有一句话值得记住：", "正如一句老话所说："],
        ["先让它能用，再让它正确，最后让它更快。（Kent Beck）",
         "简单是可靠的前提。（Edsger W. Dijkstra）",
         "程序首先是写给人读的。（Harold Abelson）"],
        "下面把常见的 Markdown 写法都放进一条回复里。",
        "**加粗**表示重点，*斜体*表示语气，`行内代码`表示名称，[链接]({url})指向更多内容。",
        "结对编程模式：👨‍💻👩‍💻（每个表情都是一个字符，不论占几个码元）。");
}
