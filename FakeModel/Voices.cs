namespace ChatFake.FakeModel;

/// <summary>A code snippet a voice may show in a fenced block.</summary>
sealed record Code(string Language, string Source);

/// <summary>
/// The phrases one voice composes its replies from. <c>{t}</c> stands for a short quote of the
/// user's message; <see cref="Space"/> joins the parts ("" in Chinese, " " in English).
/// </summary>
sealed record Voice(
    string Space,
    string[] Openers,
    string[] Sentences,
    string[] ListIntros,
    string[] Items,
    string[] CodeIntros,
    Code[] Codes,
    string[] Closers);

/// <summary>Each model's and bot's voice in Chinese and in English. Some phrases carry emoji,
/// ZWJ sequences included, so that streaming clients meet multi-unit characters.</summary>
sealed record Voices(Voice Chinese, Voice English)
{
    public static Voices OfModel(string modelId) => Models.GetValueOrDefault(modelId, Fallback);

    public static Voices OfBot(string botId) => Bots.GetValueOrDefault(botId, Fallback);

    // An id with no voice of its own (a model or bot added to the catalogue later) still speaks.
    static Voices Fallback => Models["gpt-3.5-turbo"];

    static readonly Dictionary<string, Voices> Models = new()
    {
        // Thorough and structured.
        ["gpt-4"] = new(
            new("",
                ["你好！", "好的，", "这是个好问题。"],
                ["关于“{t}”，我们可以从目标、约束和取舍三个角度来看。", "先明确你真正想解决的问题，再决定用什么方法。",
                 "一般来说，最稳妥的做法是先做一个最小可行的版本。", "如果信息不够，我建议先收集数据再下结论。"],
                ["针对“{t}”，可以按下面的步骤来：", "我的建议如下："],
                ["明确需求和边界", "列出可选方案", "评估成本与风险", "小步验证，逐步迭代", "记录结论以便复盘"],
                ["下面是一个简单的示例：", "可以参考这段代码："],
                [new("python", "def answer(q):\n    return f\"关于 {q} 的回答\""),
                 new("javascript", "const answer = (q) => `关于 ${q} 的回答`;")],
                ["希望对你有帮助！", "还有问题随时问我。", "祝顺利 👍"]),
            new(" ",
                ["Hello!", "Sure.", "Good question."],
                ["Let's look at \"{t}\" in terms of goals, constraints and trade-offs.",
                 "First pin down the problem you really want to solve.",
                 "The safest path is usually a minimal working version first.",
                 "If data is missing, gather it before drawing conclusions."],
                ["For \"{t}\", I would go step by step:", "Here is what I suggest:"],
                ["Clarify the requirements", "List the options", "Weigh cost and risk", "Iterate in small steps", "Write down what you learn"],
                ["Here is a small example:", "This snippet shows the idea:"],
                [new("python", "def answer(question):\n    return f\"An answer to {question}\""),
                 new("javascript", "const answer = (q) => `An answer to ${q}`;")],
                ["I hope this helps!", "Ask me anything else.", "Good luck 👍"])),

        // Terse and fast.
        ["gpt-4-turbo"] = new(
            new("",
                ["你好！", "收到。", "简单说："],
                ["“{t}”的关键在于抓住重点。", "我给你一个简洁的答案，细节可以再展开。",
                 "多数情况下，默认配置就已经够用了。", "效率优先的话，先解决最痛的那个点。"],
                ["要点如下：", "关于“{t}”，记住这几条："],
                ["先跑通主流程", "再补充边界情况", "最后做性能优化", "保持代码简洁", "写好测试"],
                ["一行代码就能搞定：", "示例："],
                [new("bash", "curl -s http://localhost:3000/api/models | jq ."),
                 new("typescript", "export const sum = (a: number, b: number) => a + b;")],
                ["就这些 ⚡", "需要细节再告诉我。", "加油！🚀"]),
            new(" ",
                ["Hi!", "Got it.", "Short answer:"],
                ["The key to \"{t}\" is focus.", "Here is the short version; ask for details.",
                 "The defaults are usually good enough.", "Fix the most painful part first."],
                ["Key points:", "For \"{t}\", remember:"],
                ["Make the main path work", "Cover the edge cases", "Optimize last", "Keep the code small", "Write the tests"],
                ["One line does it:", "Example:"],
                [new("bash", "curl -s http://localhost:3000/api/models | jq ."),
                 new("typescript", "export const sum = (a: number, b: number) => a + b;")],
                ["That's it ⚡", "Want more detail? Just ask.", "Ship it! 🚀"])),

        // Friendly and simple.
        ["gpt-3.5-turbo"] = new(
            new("",
                ["你好！", "嗨！", "没问题！"],
                ["你提到了“{t}”，这个问题很常见。", "我尽量用简单的话来解释。",
                 "其实没有想象中那么复杂。", "你可以先试一试，有问题再来找我。"],
                ["可以试试这些方法：", "关于“{t}”，有几个小建议："],
                ["查一下官方文档", "搜索类似的例子", "动手做个小实验", "请教有经验的朋友", "休息一下再看"],
                ["比如这样写：", "举个例子："],
                [new("javascript", "console.log(\"你好，世界！\");"), new("python", "print(\"你好，世界！\")")],
                ["希望有用 🙂", "祝你一切顺利！", "有问题再问我哦。"]),
            new(" ",
                ["Hi there!", "Hey!", "No problem!"],
                ["You mentioned \"{t}\"; that comes up a lot.", "Let me keep it simple.",
                 "It is easier than it looks.", "Give it a try and come back if you get stuck."],
                ["You could try these:", "A few tips on \"{t}\":"],
                ["Read the official docs", "Look for a similar example", "Try a tiny experiment", "Ask a friend who knows", "Take a break, then look again"],
                ["For example:", "Something like this:"],
                [new("javascript", "console.log(\"Hello, world!\");"), new("python", "print(\"Hello, world!\")")],
                ["Hope that helps 🙂", "Have a great day!", "Ask me again anytime."])),

        // Careful, states its assumptions.
        ["claude-3-opus"] = new(
            new("",
                ["你好，", "谢谢你的提问。", "让我仔细想一想。"],
                ["“{t}”这个问题值得认真对待，其中有一些微妙之处。", "我想先说明我的假设，以免误解你的意思。",
                 "不同的场景下答案可能不同，需要结合上下文判断。", "如果我理解有偏差，请随时纠正我。"],
                ["我会这样分析“{t}”：", "可以从以下几个层面考虑："],
                ["背景与动机", "可能的解释", "潜在的风险", "可验证的证据", "更稳妥的替代方案"],
                ["为了说明这一点，请看这个例子：", "一个更严谨的写法是："],
                [new("rust", "fn main() {\n    println!(\"你好，世界\");\n}"),
                 new("sql", "SELECT id, title\nFROM conversations\nORDER BY updated_at DESC;")],
                ["希望这些思考对你有所启发。", "如需进一步讨论，我很乐意继续。", "祝好 ✨"]),
            new(" ",
                ["Hello.", "Thank you for asking.", "Let me think this through."],
                ["\"{t}\" deserves care; there are subtleties here.", "Let me state my assumptions first.",
                 "The answer may depend on your context.", "Please correct me if I misread you."],
                ["I would look at \"{t}\" like this:", "Consider these layers:"],
                ["Background and motive", "Possible explanations", "Risks", "Evidence you can check", "A safer alternative"],
                ["To illustrate, consider:", "A more careful version:"],
                [new("rust", "fn main() {\n    println!(\"Hello, world\");\n}"),
                 new("sql", "SELECT id, title\nFROM conversations\nORDER BY updated_at DESC;")],
                ["I hope this gives you something to think about. 👩‍🔬", "Happy to keep discussing.", "All the best ✨"])),

        // Balanced, conclusion first.
        ["claude-3-sonnet"] = new(
            new("",
                ["你好！", "好的，我来帮你。", "明白了。"],
                ["关于“{t}”，我先给出结论，再简要说明理由。", "这个思路整体上是可行的。",
                 "需要注意的是，细节决定成败。", "我们可以一步一步来，不必着急。"],
                ["简要整理如下：", "关于“{t}”，建议关注："],
                ["核心目标", "关键依赖", "时间安排", "沟通方式", "验收标准"],
                ["参考实现：", "可以这样开始："],
                [new("go", "func hello() string {\n\treturn \"你好\"\n}"), new("json", "{\n  \"modelId\": \"claude-3-sonnet\"\n}")],
                ["有需要随时告诉我 😊", "祝你顺利！", "期待你的反馈。"]),
            new(" ",
                ["Hi!", "Sure, happy to help.", "Understood."],
                ["On \"{t}\": conclusion first, then the reasons.", "The overall approach is sound.",
                 "The details will decide it.", "We can take this one step at a time."],
                ["In short:", "For \"{t}\", watch:"],
                ["The core goal", "Key dependencies", "Timeline", "Communication", "Acceptance criteria"],
                ["A reference version:", "You could start like this:"],
                [new("go", "func hello() string {\n\treturn \"hello\"\n}"), new("json", "{\n  \"modelId\": \"claude-3-sonnet\"\n}")],
                ["Let me know if you need more 😊", "Good luck!", "Looking forward to your feedback."])),
    };

    static readonly Dictionary<string, Voices> Bots = new()
    {
        // Friendly, patient customer service.
        ["bot-cs"] = new(
            new("",
                ["您好！", "感谢您的耐心等待～", "您好，很高兴为您服务！"],
                ["关于“{t}”，我已经了解您的需求了。", "请不用担心，我们一起把问题解决。",
                 "如果方便的话，您可以再补充一些细节。", "我会一直在这里协助您。"],
                ["您可以按以下步骤操作：", "针对“{t}”，建议您："],
                ["确认账号信息", "刷新页面后重试", "查看帮助中心", "联系人工客服", "留下您的反馈"],
                ["如需技术同事协助，可提供以下信息："],
                [new("text", "问题描述：\n发生时间：\n联系方式：")],
                ["祝您生活愉快！🌷", "还有其他可以帮您的吗？🙋‍♀️", "感谢您的理解与支持！"]),
            new(" ",
                ["Hello!", "Thank you for waiting!", "Hi, happy to help you today!"],
                ["I understand what you need regarding \"{t}\".", "Don't worry, we will solve this together.",
                 "If you can, please share a few more details.", "I'm right here whenever you need me."],
                ["Please try these steps:", "For \"{t}\", I suggest:"],
                ["Check your account details", "Refresh the page and retry", "Visit the help center", "Talk to a human agent", "Leave us your feedback"],
                ["If our tech team should help, please send:"],
                [new("text", "What happened:\nWhen:\nHow to reach you:")],
                ["Have a lovely day! 🌷", "Is there anything else I can do? 🙋‍♀️", "Thank you for your patience!"])),

        // Precise and technical.
        ["bot-tech"] = new(
            new("",
                ["从技术角度分析：", "结论先行：", "技术上讲，"],
                ["“{t}”涉及的核心是数据一致性与边界条件。", "建议先复现问题，再定位根因。",
                 "任何优化都应以基准测试数据为依据。", "注意处理异常路径和超时重试。"],
                ["排查“{t}”的步骤：", "推荐的技术方案："],
                ["检查日志与指标", "编写最小复现用例", "确认依赖版本", "添加单元测试", "评估性能影响"],
                ["示例代码如下：", "参考实现："],
                [new("csharp", "for (var i = 0; i <= retries; i++)\n{\n    if (await TryAsync(ct)) return true;\n}\nreturn false;"),
                 new("sql", "CREATE INDEX idx_messages_conv\n  ON messages(conversation_id, created_at);"),
                 new("bash", "dotnet test --collect:\"XPlat Code Coverage\"")],
                ["以上，供参考 👨‍💻", "如有疑问欢迎继续讨论。", "严谨起见，请在测试环境先验证。"]),
            new(" ",
                ["Technically speaking:", "Conclusion first:", "Engineering view:"],
                ["\"{t}\" comes down to consistency and edge cases.", "Reproduce the issue first, then find the root cause.",
                 "Base every optimization on benchmark data.", "Handle the failure paths and retry on timeouts."],
                ["To debug \"{t}\":", "Recommended approach:"],
                ["Check logs and metrics", "Write a minimal repro", "Pin dependency versions", "Add unit tests", "Measure the performance impact"],
                ["Sample code:", "Reference implementation:"],
                [new("csharp", "for (var i = 0; i <= retries; i++)\n{\n    if (await TryAsync(ct)) return true;\n}\nreturn false;"),
                 new("sql", "CREATE INDEX idx_messages_conv\n  ON messages(conversation_id, created_at);"),
                 new("bash", "dotnet test --collect:\"XPlat Code Coverage\"")],
                ["Hope that helps 👨‍💻", "Happy to go deeper.", "Verify it in a test environment first."])),

        // Humorous, loves emoji.
        ["bot-funny"] = new(
            new("",
                ["哈哈！", "嘿嘿，", "报告！"],
                ["说到“{t}”，我的 CPU 都笑得发热了 😂", "这个问题就像周一早上的闹钟，躲不掉但可以微笑面对。",
                 "别担心，连我的 bug 都有 bug，大家都一样。", "人生苦短，先喝杯奶茶 🧋 再说。"],
                ["幽默版解决方案：", "关于“{t}”，本机器人建议："],
                ["深呼吸三次", "重启试试（万能法则）", "假装自己是专家 😎", "找只猫来帮忙 🐱", "把问题交给明天的自己 🤷‍♂️"],
                ["程序员的快乐就这么简单："],
                [new("python", "while True:\n    print(\"摸鱼中… 🐟\")")],
                ["开心最重要！🎉", "笑一笑，十年少 😄", "下次见！👋"]),
            new(" ",
                ["Haha!", "Hehe!", "Reporting for duty!"],
                ["\"{t}\"? My CPU is overheating from laughing 😂", "This is like a Monday alarm: unavoidable, but smile anyway.",
                 "Relax, even my bugs have bugs.", "Life is short, grab a bubble tea 🧋 first."],
                ["The comedy edition:", "On \"{t}\", this bot suggests:"],
                ["Breathe in three times", "Turn it off and on again", "Pretend to be an expert 😎", "Ask a cat for help 🐱", "Leave it to tomorrow's you 🤷‍♂️"],
                ["A programmer's joy, in code:"],
                [new("python", "while True:\n    print(\"Slacking off... 🐟\")")],
                ["Stay happy! 🎉", "Smile, it's free 😄", "See you! 👋"])),
    };
}
