using Bogus;
using ChatFake.FakeModel;

namespace ChatFake.Infrastructure.Data;

/// <summary>
/// SEED_DEMO=1: a realistic history for the seeded testuser, so a fresh sidebar has something to
/// page, scroll and filter. Drawn from one fixed Bogus seed, so every database gets the same
/// titles, tags, models and messages (and the same ids); only the dates follow the clock, as
/// offsets into the last 90 days. The replies are what the fake model says to those messages.
/// </summary>
public static class DemoData
{
    public const int Conversations = 60;
    public const int Groups = 5;
    public const int LongestThread = 500;

    const int Seed = 20261201;
    const string Failed = "AI service temporarily unavailable (gave up after 3 attempts)";
    const string Interrupted = "interrupted";

    /// <summary>Inserts whatever of the demo is missing for testuser (a conversation or group
    /// with its messages, by id); running it again changes nothing. The caller holds the transaction.</summary>
    public static void Apply(ChatDb db, Clock clock)
    {
        if (db.Users.FindOne(x => x.Email == SeedData.TestUserEmail) is not { } user) return;
        var (conversations, groups, messages) = Draw(user, clock.Now());
        var missingThreads = new HashSet<string>(StringComparer.Ordinal);
        foreach (var conversation in conversations.Where(c => db.Conversations.FindById(c.Id) is null))
        {
            db.Conversations.Insert(conversation);
            missingThreads.Add(conversation.Id);
        }
        foreach (var group in groups.Where(g => db.Groups.FindById(g.Id) is null))
        {
            db.Groups.Insert(group);
            missingThreads.Add(group.Id);
        }
        db.Messages.InsertBulk(messages.Where(m => missingThreads.Contains(m.ConversationId ?? m.GroupConversationId!)));
    }

    static (List<ConversationDoc>, List<GroupDoc>, List<MessageDoc>) Draw(UserDoc user, DateTime now)
    {
        var random = new Randomizer(Seed);
        var english = new Faker("en") { Random = random };
        var chinese = new Faker("zh_CN") { Random = random };
        var tags = english.Commerce.Categories(8).Select(t => t.ToLowerInvariant()).Distinct().ToList();
        var messages = new List<MessageDoc>();

        var conversations = new List<ConversationDoc>();
        for (var i = 0; i < Conversations; i++)
        {
            var model = SeedData.ModelList[i % SeedData.ModelList.Count];
            var inChinese = i % 3 == 1;
            // The first thread is the long one (scroll tests), the second the shortest; the
            // others hold 2..60 messages.
            var count = i switch { 0 => LongestThread, 1 => 2, _ => random.Int(2, 60) };
            var end = now - TimeSpan.FromMinutes(random.Double(1, 85 * 24 * 60));
            var conversation = new ConversationDoc
            {
                Id = random.Guid().ToString(),
                UserId = user.Id,
                Title = inChinese ? ChineseTitle(chinese) : Capitalized(english.Hacker.IngVerb()) + " the " + english.Hacker.Adjective() + " " + english.Hacker.Noun(),
                ModelId = model.Id,
                Tags = random.ListItems(tags, random.Int(0, 3)).ToList(),
            };
            var thread = new List<MessageDoc>();
            while (thread.Count < count)
            {
                var content = inChinese ? ChineseQuestion(chinese) : english.Hacker.Phrase();
                var question = Message(user.Id, MessageDoc.User, user.Username, content);
                question.ConversationId = conversation.Id;
                thread.Add(question);
                // A few exchanges failed after the retries (no reply) or were cut off mid-stream;
                // the third thread always shows both.
                var fails = thread.Count < count && (i == 2 && thread.Count == 1 || random.Bool(0.04f));
                var cut = !fails && (i == 2 && thread.Count == 3 || random.Bool(0.04f));
                if (fails || thread.Count == count)
                {
                    question.AiError = 1;
                    question.ErrorMessage = Failed;
                    continue;
                }
                var reply = ReplyComposer.ForModel(model.Id, content).Text;
                var answer = Message(model.Id, MessageDoc.Bot, model.Name, cut ? reply[..(reply.Length / 2)] : reply);
                answer.ConversationId = conversation.Id;
                answer.ModelId = model.Id;
                if (cut)
                {
                    answer.AiError = 1;
                    answer.ErrorMessage = Interrupted;
                }
                thread.Add(answer);
            }
            Date(conversation.Id, thread, end, random, longThread: count == LongestThread);
            conversation.CreatedAt = thread[0].CreatedAt;
            conversation.Touch(thread[^1].CreatedAt);
            conversations.Add(conversation);
            messages.AddRange(thread);
        }

        var groups = new List<GroupDoc>();
        var bots = SeedData.BotList;
        for (var i = 0; i < Groups; i++)
        {
            var members = (i == 0 ? bots.ToList() : random.ListItems(bots.ToList(), random.Int(1, bots.Count)))
                .OrderBy(b => b.Id, StringComparer.Ordinal).ToList();
            var inChinese = i % 2 == 0;
            var group = new GroupDoc
            {
                Id = random.Guid().ToString(),
                Name = inChinese ? $"{chinese.Address.City()}项目组" : $"{english.Company.CompanyName()} team",
                OwnerId = user.Id,
                BotIds = members.Select(b => b.Id).ToList(),
            };
            var thread = new List<MessageDoc>();
            for (var turn = random.Int(2, 8); turn > 0; turn--)
            {
                var content = inChinese ? ChineseQuestion(chinese) : english.Hacker.Phrase();
                thread.Add(Message(user.Id, MessageDoc.User, user.Username, content));
                thread.AddRange(members.Select(bot => Message(bot.Id, MessageDoc.Bot, bot.Name, ReplyComposer.ForBot(bot.Id, content).Text)));
            }
            foreach (var message in thread) message.GroupConversationId = group.Id;
            Date(group.Id, thread, now - TimeSpan.FromMinutes(random.Double(1, 60 * 24 * 60)), random, longThread: false);
            group.CreatedAt = thread[0].CreatedAt;
            group.Touch(thread[^1].CreatedAt);
            groups.Add(group);
            messages.AddRange(thread);
        }
        return (conversations, groups, messages);

        MessageDoc Message(string senderId, string senderType, string senderName, string content) => new()
        {
            Id = random.Guid().ToString(),
            SenderId = senderId,
            SenderType = senderType,
            SenderName = senderName,
            Content = content,
        };
    }

    /// <summary>Dates a thread backwards from <paramref name="end"/>: a reply seconds after its
    /// question, the next question minutes later; every position distinct and in order.</summary>
    static void Date(string threadId, List<MessageDoc> thread, DateTime end, Randomizer random, bool longThread)
    {
        var at = end;
        for (var i = thread.Count - 1; i >= 0; i--)
        {
            thread[i].CreatedAt = at;
            thread[i].Position = MessageDoc.PositionOf(threadId, at);
            var gapSeconds = thread[i].SenderType == MessageDoc.Bot ? random.Int(2, 20) : random.Int(30, longThread ? 120 : 1800);
            at -= TimeSpan.FromSeconds(gapSeconds);
        }
    }

    static string ChineseTitle(Faker f) => f.Random.Int(0, 2) switch
    {
        0 => $"{f.Address.City()}出差计划",
        1 => $"和{f.Name.FullName()}的会议纪要",
        _ => $"{f.Address.City()}周末去哪儿玩",
    };

    static string ChineseQuestion(Faker f) => f.Random.Int(0, 3) switch
    {
        0 => $"帮我规划一下去{f.Address.City()}的行程",
        1 => $"给{f.Name.FullName()}写一封感谢信",
        2 => $"总结一下和{f.Name.FullName()}的会议要点",
        _ => $"{f.Address.City()}有什么好吃的？",
    };

    static string Capitalized(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
