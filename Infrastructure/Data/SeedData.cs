using ChatFake.Infrastructure.Auth;
using LiteDB;

namespace ChatFake.Infrastructure.Data;

/// <summary>The accounts, models and bots every ChatFake database starts with (docs/API.md, "Seed data").</summary>
public static class SeedData
{
    public const string TestUserEmail = "test@test.com";

    static readonly ModelDoc[] seedModels =
    [
        new() { Id = "gpt-4", Name = "GPT-4", Provider = "OpenAI", ContextLimit = 8192, PricingPer1kTokens = "0.03", IsActive = 1 },
        new() { Id = "gpt-4-turbo", Name = "GPT-4 Turbo", Provider = "OpenAI", ContextLimit = 128000, PricingPer1kTokens = "0.01", IsActive = 1 },
        new() { Id = "gpt-3.5-turbo", Name = "GPT-3.5 Turbo", Provider = "OpenAI", ContextLimit = 16385, PricingPer1kTokens = "0.002", IsActive = 1 },
        new() { Id = "claude-3-opus", Name = "Claude 3 Opus", Provider = "Anthropic", ContextLimit = 200000, PricingPer1kTokens = "0.015", IsActive = 1 },
        new() { Id = "claude-3-sonnet", Name = "Claude 3 Sonnet", Provider = "Anthropic", ContextLimit = 200000, PricingPer1kTokens = "0.003", IsActive = 1 },
    ];

    static readonly BotDoc[] bots =
    [
        new()
        {
            Id = "bot-cs", Name = "客服机器人", Personality = "友善、耐心",
            Description = "耐心解答各类问题的客服助手，总是先理解您的需求再给出帮助。",
            ResponseTendency = "礼貌问候、安抚情绪、给出清晰的下一步建议",
        },
        new()
        {
            Id = "bot-tech", Name = "技术机器人", Personality = "专业、严谨",
            Description = "擅长编程、架构与排错的技术专家，回答讲究依据与细节。",
            ResponseTendency = "结构化分析、给出代码示例并指出注意事项",
        },
        new()
        {
            Id = "bot-funny", Name = "幽默机器人", Personality = "风趣、幽默",
            Description = "用段子和比喻活跃气氛的开心果，让严肃话题也轻松起来。",
            ResponseTendency = "轻松调侃、善用比喻和表情符号",
        },
    ];

    static readonly (string Username, string Email, string Password)[] users =
    [
        ("testuser", TestUserEmail, "123456"),
        ("testuser2", "test2@test.com", "123456"),
    ];

    public static IReadOnlyList<ModelDoc> ModelList => seedModels;
    public static IReadOnlyList<BotDoc> BotList => bots;

    /// <summary>Whether <paramref name="user"/> is one of the seeded accounts.</summary>
    public static bool IsSeeded(UserDoc user) => users.Any(u => u.Email == user.Email);

    /// <summary>
    /// Inserts whatever of the seed (and, with <paramref name="demo"/>, of <see cref="DemoData"/>)
    /// is missing; running it again changes nothing. Call it inside <see cref="ModelCatalog.Write{T}"/>,
    /// which hands out <paramref name="models"/>: one transaction, so a database never holds half a seed.
    /// </summary>
    public static void Apply(ChatDb db, ILiteCollection<ModelDoc> models, Clock clock, bool demo)
    {
        Apply(db, models, clock);
        if (demo)
        {
            DemoData.Apply(db, clock);
            db.RebuildLists();
        }
    }

    static void Apply(ChatDb db, ILiteCollection<ModelDoc> models, Clock clock)
    {
        foreach (var model in seedModels)
            if (models.FindById(model.Id) is null) models.Insert(model);
        foreach (var bot in bots)
            if (db.Bots.FindById(bot.Id) is null) db.Bots.Insert(bot);
        foreach (var (username, email, password) in users)
        {
            if (db.Users.Exists(x => x.Email == email || x.UsernameKey == username)) continue;
            var now = clock.Now();
            db.Users.Insert(new UserDoc
            {
                Id = Guid.NewGuid().ToString(),
                Username = username,
                UsernameKey = username,
                Email = email,
                PasswordHash = Passwords.Hash(password),
                CreatedAt = now,
                UpdatedAt = now,
            });
        }
    }
}
